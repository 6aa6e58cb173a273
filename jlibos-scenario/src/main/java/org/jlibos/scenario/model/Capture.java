package org.jlibos.scenario.model;

import java.util.List;

/**
 * Which devices are captured into pcap files ({@code pcap/<node>-<device>.pcap} in the run's
 * output directory).
 *
 * @param all     every link and LAN device of every node
 * @param devices otherwise the devices named "node:device" ({@code h1:eth0}), in the order
 *                written; empty with {@code all == false} means no capture
 */
public record Capture(boolean all, List<String> devices) {

    /** Nothing is captured (the default). */
    public static final Capture NONE = new Capture(false, List.of());

    /** Every device is captured. */
    public static final Capture ALL = new Capture(true, List.of());

    public Capture {
        devices = List.copyOf(devices);
        if (all && !devices.isEmpty()) {
            throw new IllegalArgumentException("capture all and a device list at once: " + devices);
        }
    }

    /** Whether any device is captured. */
    public boolean any() {
        return all || !devices.isEmpty();
    }
}
