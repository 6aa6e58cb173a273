package org.jlibos.kernel.device;

/** The per-device counters {@code ip -s link} shows (Linux's {@code rtnl_link_stats64}). */
public final class DeviceStats {
    public long rxPackets;
    public long rxBytes;
    public long rxErrors;
    public long rxDropped;
    public long rxMulticast;
    public long txPackets;
    public long txBytes;
    public long txErrors;
    public long txDropped;
    public long txCarrierErrors;
    public long collisions;
}
