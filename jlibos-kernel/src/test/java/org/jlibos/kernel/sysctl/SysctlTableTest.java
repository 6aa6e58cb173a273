package org.jlibos.kernel.sysctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SysctlTableTest {

    private final SysctlTable table = new SysctlTable();

    @Test
    void linuxDefaults() throws SysctlException {
        assertEquals("0", table.get("net.ipv4.ip_forward"));
        assertEquals("cubic", table.get("net.ipv4.tcp_congestion_control"));
        assertEquals("4096\t131072\t6291456", table.get("net.ipv4.tcp_rmem"));
        assertEquals("32768\t60999", table.get("net.ipv4.ip_local_port_range"));
        assertEquals(4096, table.getLong("net.core.somaxconn"));
        assertEquals(16384, table.getLong("net.ipv4.tcp_wmem", 1));
        assertTrue(table.getBoolean("net.ipv4.tcp_sack"));
        assertEquals(Map.of(), table.overrides());
    }

    @Test
    void writesAreNormalizedAndOnlyOverridesAreStored() throws SysctlException {
        table.set("net.ipv4.tcp_rmem", " 4096  87380 6291456 ");
        table.set("net.ipv4.ip_forward", "1");
        assertEquals("4096\t87380\t6291456", table.get("net.ipv4.tcp_rmem"));
        assertEquals(Map.of("net.ipv4.ip_forward", "1", "net.ipv4.tcp_rmem", "4096\t87380\t6291456"), table.overrides());
        table.set("net.ipv4.ip_forward", "0");
        assertEquals(Map.of("net.ipv4.tcp_rmem", "4096\t87380\t6291456"), table.overrides());
        table.set("net.ipv4.tcp_congestion_control", "reno");
        assertEquals("reno", table.getString("net.ipv4.tcp_congestion_control"));
    }

    @Test
    void badWritesFailLikeLinux() {
        SysctlException unknown = assertThrows(SysctlException.class, () -> table.get("net.ipv4.foo"));
        assertEquals("cannot stat /proc/sys/net/ipv4/foo: No such file or directory", unknown.getMessage());
        SysctlException invalid = assertThrows(SysctlException.class, () -> table.set("net.ipv4.ip_forward", "2"));
        assertEquals("setting key \"net.ipv4.ip_forward\": Invalid argument", invalid.getMessage());
        assertThrows(SysctlException.class, () -> table.set("net.ipv4.tcp_rmem", "1 2"));
        assertThrows(SysctlException.class, () -> table.set("net.ipv4.tcp_congestion_control", "bbr9"));
        assertThrows(SysctlException.class, () -> table.set("net.ipv4.ip_default_ttl", "x"));
        SysctlException readOnly = assertThrows(SysctlException.class,
                () -> table.set("net.ipv4.tcp_available_congestion_control", "reno"));
        assertEquals(SysctlException.Reason.READ_ONLY, readOnly.reason());
    }

    @Test
    void listingIsSortedByName() {
        String previous = "";
        for (String name : SysctlDefaults.all().keySet()) {
            assertTrue(name.compareTo(previous) > 0);
            previous = name;
        }
        assertTrue(SysctlDefaults.all().size() > 90);
    }
}
