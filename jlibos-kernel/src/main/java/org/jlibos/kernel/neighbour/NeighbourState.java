package org.jlibos.kernel.neighbour;

/** Linux's neighbour unreachability detection states ({@code NUD_*}), as {@code ip neigh} prints them. */
public enum NeighbourState {
    INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, NOARP, PERMANENT;

    /** States in which the stored link-layer address may be used to send. */
    public boolean hasAddress() {
        return this == REACHABLE || this == STALE || this == DELAY || this == PROBE || this == NOARP || this == PERMANENT;
    }
}
