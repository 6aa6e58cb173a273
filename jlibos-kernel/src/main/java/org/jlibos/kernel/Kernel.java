package org.jlibos.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jlibos.kernel.buffer.PacketBuffer;
import org.jlibos.kernel.device.FifoQdisc;
import org.jlibos.kernel.device.LoopbackDevice;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.device.Qdisc;
import org.jlibos.kernel.ethernet.EthernetLayer;
import org.jlibos.kernel.host.KernelHost;
import org.jlibos.kernel.icmp.Icmp;
import org.jlibos.kernel.icmp.PingSockets;
import org.jlibos.kernel.ipv4.Ipv4;
import org.jlibos.kernel.raw.RawSockets;
import org.jlibos.kernel.route.RouteException;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.Socket;
import org.jlibos.kernel.socket.SocketConstants;
import org.jlibos.kernel.stats.Snmp;
import org.jlibos.kernel.sysctl.SysctlTable;
import org.jlibos.kernel.tcp.Tcp;
import org.jlibos.kernel.udp.Udp;

/**
 * One instance of the jlibos kernel: the network stack of one host. Everything it knows of
 * the outside world comes through its {@link KernelHost}; the world reaches it through
 * {@link #receive(int, PacketBuffer)} (a frame arrived on a device) and
 * {@link #transmitComplete(int)} (a device's transmitter is free again).
 */
public final class Kernel {

    /** Linux's loopback MTU. */
    public static final int LOOPBACK_MTU = 65536;

    private final KernelHost host;
    private final String hostname;
    private final SysctlTable sysctl = new SysctlTable();
    /** Devices by ifindex - 1; ifindex 1 is always lo, as in Linux. */
    private final List<NetDevice> devices = new ArrayList<>(3);
    private int ethernetCount;
    private long socketNumbers;
    private final Snmp snmp = new Snmp();
    private final EthernetLayer ethernet = new EthernetLayer();
    private final Ipv4 ipv4;
    private final Icmp icmp;
    private final Udp udp;
    private final Tcp tcp;
    private final RawSockets raw;
    private final PingSockets ping;
    private FrameReceiver receiver;

    public Kernel(KernelHost host, String hostname) {
        this.host = host;
        this.hostname = hostname;
        this.receiver = ethernet::receive;
        LoopbackDevice lo = new LoopbackDevice(this);
        devices.add(lo);
        lo.setUp(true);
        this.ipv4 = new Ipv4(this, ethernet, snmp);
        this.icmp = new Icmp(this, ipv4, snmp);
        this.udp = new Udp(this, ipv4, snmp);
        this.tcp = new Tcp(this, ipv4, snmp);
        this.raw = new RawSockets(this, ipv4);
        this.ping = new PingSockets(this, ipv4, snmp);
        ipv4.register(SocketConstants.IPPROTO_ICMP, icmp);
        ipv4.register(SocketConstants.IPPROTO_UDP, udp);
        ipv4.register(SocketConstants.IPPROTO_TCP, tcp);
        ipv4.setIcmpSender(icmp);
        ipv4.setRawDelivery(raw);
        udp.setIcmpSender(icmp);
        icmp.setEchoReplyListener(ping);
        try {
            ipv4.addAddress(lo, 0x7f000001, 8, 0);
        } catch (RouteException e) {
            throw new IllegalStateException(e);
        }
    }

    public Snmp snmp() {
        return snmp;
    }

    public Ipv4 ipv4() {
        return ipv4;
    }

    public Icmp icmp() {
        return icmp;
    }

    public Udp udp() {
        return udp;
    }

    public Tcp tcp() {
        return tcp;
    }

    public RawSockets raw() {
        return raw;
    }

    public EthernetLayer ethernet() {
        return ethernet;
    }

    /** socket(2) for this kernel's protocols; the caller installs the result in a file table. */
    public Socket createSocket(int domain, int type, int protocol) throws ErrnoException {
        if (domain != SocketConstants.AF_INET) {
            throw new ErrnoException("socket", domain == SocketConstants.AF_INET6 ? Errno.EAFNOSUPPORT : Errno.EAFNOSUPPORT);
        }
        switch (type) {
            case SocketConstants.SOCK_DGRAM:
                if (protocol == 0 || protocol == SocketConstants.IPPROTO_UDP) {
                    return udp.newSocket();
                }
                if (protocol == SocketConstants.IPPROTO_ICMP) {
                    return ping.newSocket(0);
                }
                throw new ErrnoException("socket", Errno.EPROTONOSUPPORT);
            case SocketConstants.SOCK_RAW:
                if (protocol <= 0 || protocol > 255) {
                    throw new ErrnoException("socket", Errno.EPROTONOSUPPORT);
                }
                return raw.newSocket(protocol);
            case SocketConstants.SOCK_STREAM:
                if (protocol == 0 || protocol == SocketConstants.IPPROTO_TCP) {
                    return tcp.newSocket();
                }
                throw new ErrnoException("socket", Errno.EPROTONOSUPPORT);
            default:
                throw new ErrnoException("socket", Errno.ESOCKTNOSUPPORT);
        }
    }

    public KernelHost host() {
        return host;
    }

    /** {@code uname -n}: the node's name. */
    public String hostname() {
        return hostname;
    }

    public SysctlTable sysctl() {
        return sysctl;
    }

    /**
     * Adds an Ethernet device named eth0, eth1, ... in creation order. It starts
     * administratively down, as in Linux; topology builders bring it up.
     */
    public NetDevice addEthernetDevice(long mac, int mtu, Qdisc qdisc) {
        NetDevice dev = new NetDevice(host, devices.size() + 1, "eth" + ethernetCount++,
                NetDevice.Type.ETHERNET, mac, mtu, qdisc == null ? FifoQdisc.packets(FifoQdisc.DEFAULT_PACKET_LIMIT) : qdisc);
        devices.add(dev);
        return dev;
    }

    /** Adds an already built device (loopback, tunnels); its ifindex must be the next one. */
    public NetDevice addDevice(NetDevice dev) {
        if (dev.ifindex() != devices.size() + 1) {
            throw new IllegalArgumentException("device " + dev.name() + " has ifindex " + dev.ifindex()
                    + ", expected " + (devices.size() + 1));
        }
        devices.add(dev);
        return dev;
    }

    /** The device with {@code ifindex}, or null. */
    public NetDevice device(int ifindex) {
        return ifindex >= 1 && ifindex <= devices.size() ? devices.get(ifindex - 1) : null;
    }

    /** The device called {@code name}, or null. */
    public NetDevice device(String name) {
        for (NetDevice d : devices) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** All devices in ifindex order. */
    public List<NetDevice> devices() {
        return Collections.unmodifiableList(devices);
    }

    /**
     * A frame arrived on device {@code ifindex} (host callback context). Frames on a device
     * that is down are dropped and counted, as a driver would.
     */
    public void receive(int ifindex, PacketBuffer frame) {
        NetDevice dev = device(ifindex);
        if (dev == null) {
            return;
        }
        if (!dev.isUp()) {
            dev.stats().rxDropped++;
            return;
        }
        dev.stats().rxPackets++;
        dev.stats().rxBytes += frame.length();
        receiver.receive(dev, frame);
    }

    /** Device {@code ifindex}'s transmitter finished the last frame handed to the host. */
    public void transmitComplete(int ifindex) {
        NetDevice dev = device(ifindex);
        if (dev != null) {
            dev.transmitComplete();
            // TCP small queues: sockets throttled on this device may send again.
            tcp.transmitComplete(ifindex);
        }
    }

    /** Installs the link-layer input (the protocol stack); until then frames are dropped. */
    public void setFrameReceiver(FrameReceiver receiver) {
        this.receiver = receiver;
    }

    /** Where received frames go: the Ethernet demultiplexer of the stack. */
    @FunctionalInterface
    public interface FrameReceiver {
        void receive(NetDevice device, PacketBuffer frame);
    }

    /** The next socket's creation number in this kernel (see Socket#hashCode). */
    public long nextSocketNumber() {
        return ++socketNumbers;
    }
}
