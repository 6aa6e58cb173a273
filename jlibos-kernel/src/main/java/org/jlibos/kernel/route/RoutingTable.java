package org.jlibos.kernel.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.agrona.collections.Int2ObjectHashMap;
import org.jlibos.kernel.socket.Errno;

/**
 * One routing table with longest-prefix match. Routes are kept in one hash map per prefix
 * length (network address → routes sorted by metric), and a bit mask says which lengths are in
 * use, so a lookup probes only those lengths, longest first, with no allocation. This is
 * simpler than a trie and as fast for the tables hosts and routers have (a handful of
 * lengths), and it stays small for the 100,000-node topologies {@code routes: auto} builds.
 */
public final class RoutingTable {

    private final int id;
    @SuppressWarnings("unchecked")
    private final Int2ObjectHashMap<Route[]>[] byLength = new Int2ObjectHashMap[33];
    private long usedLengths;
    private int size;

    public RoutingTable(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public int size() {
        return size;
    }

    /** {@code ip route add}: fails with EEXIST when a route with the same key exists. */
    public void add(Route route) throws RouteException {
        Int2ObjectHashMap<Route[]> map = byLength[route.prefixLength()];
        if (map == null) {
            map = new Int2ObjectHashMap<>(4, 0.65f);
            byLength[route.prefixLength()] = map;
        }
        Route[] existing = map.get(route.dst());
        if (existing == null) {
            map.put(route.dst(), new Route[] {route});
        } else {
            for (Route r : existing) {
                if (r.sameKey(route)) {
                    throw new RouteException(Errno.EEXIST, "RTNETLINK answers: File exists");
                }
            }
            Route[] grown = new Route[existing.length + 1];
            int i = 0;
            int k = 0;
            while (i < existing.length && existing[i].metric() <= route.metric()) {
                grown[k++] = existing[i++];
            }
            grown[k++] = route;
            while (i < existing.length) {
                grown[k++] = existing[i++];
            }
            map.put(route.dst(), grown);
        }
        usedLengths |= 1L << route.prefixLength();
        size++;
    }

    /** {@code ip route replace}: adds, or replaces the route with the same key. */
    public void replace(Route route) {
        remove(route.dst(), route.prefixLength(), r -> r.sameKey(route));
        try {
            add(route);
        } catch (RouteException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Removes the first route to dst/len accepted by {@code filter}; returns it or null.
     * ({@code ip route del} with optional via/dev/metric qualifiers.)
     */
    public Route remove(int dst, int prefixLength, java.util.function.Predicate<Route> filter) {
        Int2ObjectHashMap<Route[]> map = byLength[prefixLength];
        int key = dst & Route.mask(prefixLength);
        Route[] existing = map == null ? null : map.get(key);
        if (existing == null) {
            return null;
        }
        for (int i = 0; i < existing.length; i++) {
            if (filter.test(existing[i])) {
                Route removed = existing[i];
                if (existing.length == 1) {
                    map.remove(key);
                    if (map.isEmpty()) {
                        usedLengths &= ~(1L << prefixLength);
                    }
                } else {
                    Route[] shrunk = new Route[existing.length - 1];
                    System.arraycopy(existing, 0, shrunk, 0, i);
                    System.arraycopy(existing, i + 1, shrunk, i, existing.length - i - 1);
                    map.put(key, shrunk);
                }
                size--;
                return removed;
            }
        }
        return null;
    }

    /** Removes every route through device {@code ifindex} (device deleted or address removed). */
    public void removeIf(java.util.function.Predicate<Route> filter) {
        for (Route r : routes()) {
            if (filter.test(r)) {
                remove(r.dst(), r.prefixLength(), x -> x == r);
            }
        }
    }

    /** Longest-prefix match; lowest metric among equal prefixes. Null when nothing matches. */
    public Route lookup(int address) {
        long used = usedLengths;
        while (used != 0) {
            int len = 63 - Long.numberOfLeadingZeros(used);
            used &= ~(1L << len);
            Route[] rs = byLength[len].get(address & Route.mask(len));
            if (rs != null) {
                return rs[0];
            }
        }
        return null;
    }

    /** All routes, ordered as {@code ip route show} lists them: by prefix, then metric. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(size);
        for (Int2ObjectHashMap<Route[]> map : byLength) {
            if (map != null) {
                for (Route[] rs : map.values()) {
                    for (Route r : rs) {
                        all.add(r);
                    }
                }
            }
        }
        all.sort(Comparator.comparingLong((Route r) -> Integer.toUnsignedLong(r.dst()))
                .thenComparingInt(Route::prefixLength).thenComparingInt(Route::metric)
                .thenComparing(r -> r.type().ordinal()));
        return all;
    }
}
