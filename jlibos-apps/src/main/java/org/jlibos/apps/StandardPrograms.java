package org.jlibos.apps;

import org.jlibos.apps.coreutils.Echo;
import org.jlibos.apps.coreutils.ExitStatus;
import org.jlibos.apps.coreutils.Sleep;
import org.jlibos.apps.iputils.Ping;
import org.jlibos.apps.sysctl.Sysctl;
import org.jlibos.apps.traceroute.Traceroute;
import org.jlibos.sim.process.ProgramProvider;
import org.jlibos.sim.process.ProgramRegistry;

/** The programs installed on every simulated node. */
public final class StandardPrograms implements ProgramProvider {

    @Override
    public void install(ProgramRegistry registry) {
        registry.register("echo", new Echo());
        registry.register("sleep", new Sleep());
        registry.register("true", new ExitStatus(0));
        registry.register("false", new ExitStatus(1));
        registry.register("sysctl", new Sysctl());
        registry.register("ip", new org.jlibos.apps.iproute.Ip());
        registry.register("ss", new org.jlibos.apps.ss.Ss());
        registry.register("nstat", new org.jlibos.apps.nstat.Nstat());
        registry.register("nc", new org.jlibos.apps.netcat.Netcat());
        registry.register("udpsend", new org.jlibos.apps.netcat.UdpSend());
        registry.register("udprecv", new org.jlibos.apps.netcat.UdpRecv());
        registry.register("ping", new Ping());
        registry.register("traceroute", new Traceroute());
        registry.register("iperf3", new org.jlibos.apps.iperf.Iperf3());
    }
}
