package org.jlibos.apps.network;

import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.route.Route;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.sysctl.SysctlException;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;

/**
 * The acceptance topology h1 - r1 - r2 - h2 with static routes:
 * 10.0.1.0/24 (h1 .1, r1 .2), 10.0.2.0/24 (r1 .1, r2 .2), 10.0.3.0/24 (r2 .1, h2 .2).
 */
final class ChainTopology {

    final Simulation sim = new Simulation(1);
    final Network net = new Network(sim);
    final Node h1 = sim.addNode("h1");
    final Node r1 = sim.addNode("r1");
    final Node r2 = sim.addNode("r2");
    final Node h2 = sim.addNode("h2");
    final PointToPointLink h1r1;
    final PointToPointLink r1r2;
    final PointToPointLink r2h2;

    ChainTopology(LinkSpec spec) throws RouteException, SysctlException {
        this(spec, spec, spec);
    }

    ChainTopology(LinkSpec first, LinkSpec middle, LinkSpec last) throws RouteException, SysctlException {
        h1r1 = net.pointToPoint(h1, r1, first);
        r1r2 = net.pointToPoint(r1, r2, middle);
        r2h2 = net.pointToPoint(r2, h2, last);
        address(h1, "eth0", "10.0.1.1");
        address(r1, "eth0", "10.0.1.2");
        address(r1, "eth1", "10.0.2.1");
        address(r2, "eth0", "10.0.2.2");
        address(r2, "eth1", "10.0.3.1");
        address(h2, "eth0", "10.0.3.2");
        r1.kernel().sysctl().set("net.ipv4.ip_forward", "1");
        r2.kernel().sysctl().set("net.ipv4.ip_forward", "1");
        route(h1, "0.0.0.0", 0, "10.0.1.2", "eth0");
        route(r1, "10.0.3.0", 24, "10.0.2.2", "eth1");
        route(r2, "10.0.1.0", 24, "10.0.2.1", "eth0");
        route(h2, "0.0.0.0", 0, "10.0.3.1", "eth0");
    }

    static void address(Node n, String dev, String addr) throws RouteException {
        Kernel k = n.kernel();
        k.ipv4().addAddress(k.device(dev), Ipv4Address.parse(addr), 24, -2);
    }

    static void route(Node n, String dst, int len, String via, String dev) throws RouteException {
        Kernel k = n.kernel();
        k.ipv4().fib().main().add(new Route(Route.TABLE_MAIN, Route.Type.UNICAST, Ipv4Address.parse(dst), len,
                Ipv4Address.parse(via), k.device(dev).ifindex(), 0, Route.Scope.UNIVERSE, Route.Protocol.BOOT, 0, 0));
    }
}
