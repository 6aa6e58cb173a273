package org.jlibos.kernel.sysctl;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jlibos.kernel.sysctl.SysctlDefinition.Kind;

/**
 * The sysctls jlibos knows, with the defaults of a stock Linux 6.x kernel. Shared by every
 * node; a node stores only its overrides ({@link SysctlTable}), so 100,000 nodes stay cheap.
 *
 * <p>Where Linux sizes a default from the machine's memory (tcp_mem, tcp_max_syn_backlog),
 * the value is that of a machine with a few GiB, fixed so runs do not depend on the host.
 */
public final class SysctlDefaults {

    private static final SortedMap<String, SysctlDefinition> DEFINITIONS = new TreeMap<>();

    /** Congestion control modules the kernel ships; later issues register more. */
    public static final List<String> CONGESTION_CONTROLS = List.of("reno", "cubic");

    static {
        // net.core
        integer("net.core.somaxconn", 4096, 0, Integer.MAX_VALUE);
        integer("net.core.rmem_default", 212992, 256, Integer.MAX_VALUE);
        integer("net.core.rmem_max", 212992, 256, Integer.MAX_VALUE);
        integer("net.core.wmem_default", 212992, 256, Integer.MAX_VALUE);
        integer("net.core.wmem_max", 212992, 256, Integer.MAX_VALUE);
        integer("net.core.optmem_max", 131072, 0, Integer.MAX_VALUE);
        integer("net.core.netdev_max_backlog", 1000, 0, Integer.MAX_VALUE);
        choice("net.core.default_qdisc", "pfifo_fast", "pfifo_fast", "pfifo", "bfifo");

        // net.ipv4: IP
        bool("net.ipv4.ip_forward", 0);
        integer("net.ipv4.ip_default_ttl", 64, 1, 255);
        vector("net.ipv4.ip_local_port_range", "32768 60999", 1, 65535);
        integer("net.ipv4.ip_no_pmtu_disc", 0, 0, 3);
        integer("net.ipv4.ipfrag_high_thresh", 4194304, 0, Integer.MAX_VALUE);
        integer("net.ipv4.ipfrag_low_thresh", 3145728, 0, Integer.MAX_VALUE);
        integer("net.ipv4.ipfrag_time", 30, 0, Integer.MAX_VALUE);
        integer("net.ipv4.ipfrag_max_dist", 64, 0, Integer.MAX_VALUE);
        vector("net.ipv4.ping_group_range", "1 0", 0, Integer.MAX_VALUE);
        bool("net.ipv4.conf.all.forwarding", 0);
        bool("net.ipv4.conf.default.forwarding", 0);
        integer("net.ipv4.conf.all.rp_filter", 0, 0, 2);
        integer("net.ipv4.conf.default.rp_filter", 0, 0, 2);
        bool("net.ipv4.conf.all.accept_redirects", 1);
        bool("net.ipv4.conf.all.send_redirects", 1);
        integer("net.ipv4.conf.all.arp_ignore", 0, 0, 8);
        integer("net.ipv4.conf.all.arp_announce", 0, 0, 2);

        // net.ipv4: ICMP
        bool("net.ipv4.icmp_echo_ignore_all", 0);
        bool("net.ipv4.icmp_echo_ignore_broadcasts", 1);
        integer("net.ipv4.icmp_ratelimit", 1000, 0, Integer.MAX_VALUE);
        integer("net.ipv4.icmp_ratemask", 6168, 0, Integer.MAX_VALUE);
        integer("net.ipv4.icmp_msgs_per_sec", 1000, 0, Integer.MAX_VALUE);
        integer("net.ipv4.icmp_msgs_burst", 50, 0, Integer.MAX_VALUE);

        // net.ipv4: neighbour (ARP)
        integer("net.ipv4.neigh.default.base_reachable_time_ms", 30000, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.delay_first_probe_time", 5, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.gc_stale_time", 60, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.mcast_solicit", 3, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.ucast_solicit", 3, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.app_solicit", 0, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.retrans_time_ms", 1000, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.unres_qlen", 101, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.unres_qlen_bytes", 212992, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.gc_thresh1", 128, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.gc_thresh2", 512, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.gc_thresh3", 1024, 0, Integer.MAX_VALUE);
        integer("net.ipv4.neigh.default.locktime", 100, 0, Integer.MAX_VALUE);

        // net.ipv4: TCP
        choice("net.ipv4.tcp_congestion_control", "cubic", CONGESTION_CONTROLS.toArray(String[]::new));
        text("net.ipv4.tcp_available_congestion_control", String.join(" ", CONGESTION_CONTROLS));
        text("net.ipv4.tcp_allowed_congestion_control", String.join(" ", CONGESTION_CONTROLS));
        bool("net.ipv4.tcp_sack", 1);
        bool("net.ipv4.tcp_dsack", 1);
        integer("net.ipv4.tcp_timestamps", 1, 0, 2);
        bool("net.ipv4.tcp_window_scaling", 1);
        integer("net.ipv4.tcp_ecn", 2, 0, 2);
        vector("net.ipv4.tcp_rmem", "4096 131072 6291456", 1, Integer.MAX_VALUE);
        vector("net.ipv4.tcp_wmem", "4096 16384 4194304", 1, Integer.MAX_VALUE);
        vector("net.ipv4.tcp_mem", "188760 251683 377520", 1, Long.MAX_VALUE);
        integer("net.ipv4.tcp_syncookies", 1, 0, 2);
        integer("net.ipv4.tcp_max_syn_backlog", 1024, 128, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_fin_timeout", 60, 0, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_keepalive_time", 7200, 1, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_keepalive_intvl", 75, 1, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_keepalive_probes", 9, 1, 127);
        integer("net.ipv4.tcp_retries1", 3, 0, 255);
        integer("net.ipv4.tcp_retries2", 15, 0, 255);
        integer("net.ipv4.tcp_syn_retries", 6, 1, 127);
        integer("net.ipv4.tcp_synack_retries", 5, 0, 255);
        integer("net.ipv4.tcp_orphan_retries", 0, 0, 255);
        bool("net.ipv4.tcp_moderate_rcvbuf", 1);
        bool("net.ipv4.tcp_no_metrics_save", 0);
        integer("net.ipv4.tcp_early_retrans", 3, 0, 4);
        integer("net.ipv4.tcp_recovery", 1, 0, 7);
        integer("net.ipv4.tcp_frto", 2, 0, 2);
        integer("net.ipv4.tcp_mtu_probing", 0, 0, 2);
        integer("net.ipv4.tcp_base_mss", 1024, 1, 65535);
        bool("net.ipv4.tcp_slow_start_after_idle", 1);
        integer("net.ipv4.tcp_tw_reuse", 2, 0, 2);
        bool("net.ipv4.tcp_abort_on_overflow", 0);
        integer("net.ipv4.tcp_adv_win_scale", 1, -31, 31);
        integer("net.ipv4.tcp_app_win", 31, 0, 31);
        integer("net.ipv4.tcp_min_rtt_wlen", 300, 0, 86400);
        integer("net.ipv4.tcp_reordering", 3, 1, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_max_reordering", 300, 1, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_notsent_lowat", 4294967295L, 0, 4294967295L);
        bool("net.ipv4.tcp_autocorking", 1);
        integer("net.ipv4.tcp_fastopen", 1, 0, Integer.MAX_VALUE);
        bool("net.ipv4.tcp_rfc1337", 0);
        integer("net.ipv4.tcp_max_orphans", 131072, 0, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_max_tw_buckets", 131072, 0, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_challenge_ack_limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_invalid_ratelimit", 500, 0, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_pacing_ss_ratio", 200, 0, 1000);
        integer("net.ipv4.tcp_pacing_ca_ratio", 120, 0, 1000);
        bool("net.ipv4.tcp_thin_linear_timeouts", 0);
        integer("net.ipv4.tcp_comp_sack_delay_ns", 1000000, 0, Long.MAX_VALUE);
        integer("net.ipv4.tcp_comp_sack_nr", 44, 0, 255);
        integer("net.ipv4.tcp_rto_min_us", 200000, 1, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_limit_output_bytes", 1048576, 0, Integer.MAX_VALUE);
        integer("net.ipv4.tcp_min_tso_segs", 2, 1, 127);
        integer("net.ipv4.tcp_tso_rtt_log", 9, 0, 31);

        // net.ipv4: UDP
        vector("net.ipv4.udp_mem", "377520 503363 755040", 1, Long.MAX_VALUE);
        integer("net.ipv4.udp_rmem_min", 4096, 1, Integer.MAX_VALUE);
        integer("net.ipv4.udp_wmem_min", 4096, 1, Integer.MAX_VALUE);

        // net.ipv6
        bool("net.ipv6.conf.all.forwarding", 0);
        bool("net.ipv6.conf.default.forwarding", 0);
        bool("net.ipv6.conf.all.disable_ipv6", 0);
        integer("net.ipv6.conf.default.hop_limit", 64, 1, 255);
        integer("net.ipv6.conf.default.accept_ra", 1, 0, 2);
        integer("net.ipv6.conf.default.mtu", 1280, 1280, Integer.MAX_VALUE);
        integer("net.ipv6.conf.default.dad_transmits", 1, 0, Integer.MAX_VALUE);
        integer("net.ipv6.neigh.default.base_reachable_time_ms", 30000, 0, Integer.MAX_VALUE);
        integer("net.ipv6.neigh.default.retrans_time_ms", 1000, 0, Integer.MAX_VALUE);
    }

    private SysctlDefaults() {
    }

    /** The definition of {@code name}, or {@code null} when Linux has no such entry here. */
    public static SysctlDefinition lookup(String name) {
        return DEFINITIONS.get(name);
    }

    /** All known entries in name order, as {@code sysctl -a} lists them. */
    public static SortedMap<String, SysctlDefinition> all() {
        return Collections.unmodifiableSortedMap(DEFINITIONS);
    }

    private static void integer(String name, long dflt, long min, long max) {
        add(new SysctlDefinition(name, Long.toString(dflt), Kind.INTEGERS, 1, min, max, List.of()));
    }

    private static void bool(String name, int dflt) {
        integer(name, dflt, 0, 1);
    }

    private static void vector(String name, String dflt, long min, long max) {
        String[] parts = dflt.split(" ");
        add(new SysctlDefinition(name, String.join("\t", parts), Kind.INTEGERS, parts.length, min, max, List.of()));
    }

    private static void choice(String name, String dflt, String... choices) {
        add(new SysctlDefinition(name, dflt, Kind.CHOICE, 1, 0, 0, List.of(choices)));
    }

    private static void text(String name, String dflt) {
        add(new SysctlDefinition(name, dflt, Kind.TEXT, 1, 0, 0, List.of()));
    }

    private static void add(SysctlDefinition d) {
        if (DEFINITIONS.put(d.name(), d) != null) {
            throw new IllegalStateException("sysctl defined twice: " + d.name());
        }
    }
}
