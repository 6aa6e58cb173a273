package org.jlibos.packetdrill.run;

import java.util.List;
import java.util.function.Consumer;

import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.packetdrill.script.Script;

/**
 * packetdrill's run-time settings (README §5.3) after the script's header options are applied.
 * Defaults are packetdrill's; addresses are those of {@code run_all.py} (README §6.1), except
 * the gateway: on our Ethernet-backed tun it must be an address of its own.
 */
final class ScriptConfig {

    long toleranceMicros = 4000;
    double tolerancePercent = 12.5;
    long tsTickMicros;
    boolean tsEcrScaled;
    int groMss;
    int mtu = 1500;
    boolean strictSegments;
    int localIp = Ipv4Address.parse("192.168.0.1");
    int remoteIp = Ipv4Address.parse("192.0.2.1");
    int gatewayIp = Ipv4Address.parse("192.168.0.2");
    int localPrefix = 16;
    int remotePrefix = 24;
    int bindPort = 8080;
    int connectPort = 8080;
    boolean nonFatalPacket;
    boolean nonFatalSyscall;

    /**
     * Applies the script's {@code --name=value} lines.
     *
     * @throws ScriptFailure for an option this runner cannot honour
     */
    static ScriptConfig from(List<Script.ScriptOption> options, Consumer<String> notes) throws ScriptFailure {
        ScriptConfig c = new ScriptConfig();
        for (Script.ScriptOption o : options) {
            c.apply(o, notes);
        }
        return c;
    }

    private void apply(Script.ScriptOption o, Consumer<String> notes) throws ScriptFailure {
        String v = o.value();
        try {
            switch (o.name()) {
                case "tolerance_usecs" -> toleranceMicros = Long.parseLong(v);
                case "tolerance_percent" -> tolerancePercent = Double.parseDouble(v);
                case "tcp_ts_tick_usecs" -> tsTickMicros = Long.parseLong(v);
                case "tcp_ts_ecr_scaled" -> tsEcrScaled = v == null || !v.equals("0");
                case "mss" -> {
                    groMss = Integer.parseInt(v);
                    notes.accept("--mss=" + v + ": inbound packets are injected as one segment; the GRO segment size "
                            + "is not passed to the stack");
                }
                case "mtu" -> mtu = Integer.parseInt(v);
                case "strict_segments" -> strictSegments = true;
                case "ip_version" -> {
                    if (!"ipv4".equals(v)) {
                        throw new ScriptFailure(o.line(), "unsupported: --ip_version=" + v
                                + " (the simulated kernel has IPv4 only)");
                    }
                }
                case "local_ip" -> localIp = ipv4(o);
                case "remote_ip" -> {
                    String addr = v;
                    int slash = v.indexOf('/');
                    if (slash >= 0) {
                        remotePrefix = Integer.parseInt(v.substring(slash + 1));
                        addr = v.substring(0, slash);
                    }
                    remoteIp = ipv4(o, addr);
                }
                case "gateway_ip" -> notes.accept("--gateway_ip=" + v + ": ignored; the tun's peer is modelled at "
                        + Ipv4Address.format(gatewayIp));
                case "netmask_ip" -> localPrefix = Ipv4Address.prefixLength(ipv4(o));
                case "bind_port" -> bindPort = Integer.parseInt(v);
                case "connect_port" -> connectPort = Integer.parseInt(v);
                case "non_fatal" -> {
                    for (String part : v.split(",")) {
                        switch (part.strip()) {
                            case "packet" -> nonFatalPacket = true;
                            case "syscall" -> nonFatalSyscall = true;
                            default -> throw new ScriptFailure(o.line(), "unknown --non_fatal category '" + part + "'");
                        }
                    }
                }
                case "define" -> {
                    // applied by the parser
                }
                case "verbose", "dry_run", "speed", "send_omit_free", "init_scripts" ->
                        notes.accept("--" + o.name() + (v == null ? "" : "=" + v) + ": ignored by this runner");
                default -> throw new ScriptFailure(o.line(), "unsupported option --" + o.name());
            }
        } catch (NumberFormatException e) {
            throw new ScriptFailure(o.line(), "bad value for --" + o.name() + ": " + v);
        }
    }

    private static int ipv4(Script.ScriptOption o) throws ScriptFailure {
        return ipv4(o, o.value());
    }

    private static int ipv4(Script.ScriptOption o, String text) throws ScriptFailure {
        long a = text == null ? -1 : Ipv4Address.tryParse(text);
        if (a < 0) {
            throw new ScriptFailure(o.line(), "unsupported: --" + o.name() + "=" + text + " (IPv4 addresses only)");
        }
        return (int) a;
    }

    /** packetdrill's tolerance for an event expected at {@code t}: the larger of the fixed and the dynamic part. */
    long toleranceMicros(long expectedMicros, long previousMicros) {
        long dynamic = (long) (tolerancePercent / 100.0 * (expectedMicros - previousMicros));
        return Math.max(toleranceMicros, dynamic);
    }
}
