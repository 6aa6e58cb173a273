package org.jlibos.scenario.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jlibos.kernel.wire.Ipv4Prefix;

/**
 * Chooses the subnets of links and LANs written without addresses, from 10.0.0.0/8.
 *
 * <p>Blocks are handed out in order (links first, then LANs, each in the order written), from
 * the bottom of the pool up, skipping every block that overlaps a subnet given explicitly
 * anywhere in the scenario: a given subnet never moves, and adding one shifts only the automatic
 * ones after it. Everything gets a /24 when that fits; otherwise (more than 65,536 automatic
 * subnets, or fewer when given subnets take room) links get /30s and LANs /24s after them, so
 * topologies of 100,000 nodes and more still fit.
 */
final class AutomaticSubnets {

    static final long POOL_START = 0x0a00_0000L;
    static final long POOL_END = 0x0aff_ffffL;
    /** How many /24s the pool holds. */
    static final int POOL_24S = 1 << 16;

    /** Subnets given explicitly, merged: address ranges [start, end], ascending and disjoint. */
    private final long[] takenStart;
    private final long[] takenEnd;
    private int nextTaken;
    private long cursor = POOL_START;

    private AutomaticSubnets(List<Ipv4Prefix> taken) {
        List<long[]> ranges = new ArrayList<>(taken.size());
        for (Ipv4Prefix p : taken) {
            long start = Integer.toUnsignedLong(p.network());
            long end = Integer.toUnsignedLong(p.broadcast());
            ranges.add(new long[] {start, end});
        }
        ranges.sort(Comparator.comparingLong((long[] r) -> r[0]));
        long[] starts = new long[ranges.size()];
        long[] ends = new long[ranges.size()];
        int n = 0;
        for (long[] r : ranges) {
            if (n > 0 && r[0] <= ends[n - 1] + 1) {
                ends[n - 1] = Math.max(ends[n - 1], r[1]);
            } else {
                starts[n] = r[0];
                ends[n] = r[1];
                n++;
            }
        }
        takenStart = Arrays.copyOf(starts, n);
        takenEnd = Arrays.copyOf(ends, n);
    }

    /**
     * The subnets for {@code links} automatic links followed by {@code lans} automatic LANs, each
     * with its host bits clear; an entry is null where the pool ran out.
     */
    static List<Ipv4Prefix> assign(List<Ipv4Prefix> taken, int links, int lans) {
        if (links + (long) lans <= POOL_24S) {
            List<Ipv4Prefix> all24 = new AutomaticSubnets(taken).take(links, 24, lans);
            if (!all24.contains(null)) {
                return all24;
            }
        }
        return new AutomaticSubnets(taken).take(links, 30, lans);
    }

    private List<Ipv4Prefix> take(int links, int linkLength, int lans) {
        List<Ipv4Prefix> out = new ArrayList<>(links + lans);
        for (int i = 0; i < links; i++) {
            out.add(next(linkLength));
        }
        for (int i = 0; i < lans; i++) {
            out.add(next(24));
        }
        return out;
    }

    /** The lowest free block of this length at or above the cursor, or null when none is left. */
    private Ipv4Prefix next(int length) {
        long size = 1L << (32 - length);
        long start = alignUp(cursor, size);
        while (true) {
            while (nextTaken < takenStart.length && takenEnd[nextTaken] < start) {
                nextTaken++;
            }
            if (nextTaken < takenStart.length && takenStart[nextTaken] <= start + size - 1) {
                start = alignUp(takenEnd[nextTaken] + 1, size);
                continue;
            }
            break;
        }
        if (start + size - 1 > POOL_END) {
            cursor = POOL_END + 1;
            return null;
        }
        cursor = start + size;
        return new Ipv4Prefix((int) start, length);
    }

    private static long alignUp(long value, long size) {
        return (value + size - 1) & -size;
    }
}
