package org.jlibos.net.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.collections.Int2ObjectHashMap;
import org.jlibos.kernel.device.NetDevice;
import org.jlibos.kernel.ipv4.InterfaceAddress;
import org.jlibos.kernel.route.Route;
import org.jlibos.net.lan.EthernetLan;
import org.jlibos.net.link.PointToPointLink;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.node.Node;

/**
 * Static shortest-path routes for every node ({@code routes: auto}), like ns-3's global
 * routing but computed on demand, so it scales to 100,000 nodes: no all-pairs table is ever
 * built.
 *
 * <p>When a node's FIB has no route to a destination, the FIB asks this resolver. It finds the
 * subnet holding the destination, runs one breadth-first search outward from the nodes attached
 * to that subnet (hop count is the metric, as with ns-3's default interface metric of 1; ties
 * go to the lower node index and the earlier link), and installs in the asking node's main
 * table a route to the whole subnet ({@code proto static}) through its first hop. The search
 * tree is cached per subnet (the last {@value #CACHED_TREES}), so every router on the path
 * reuses it. Topology and addresses are taken as they are when {@link #install} runs; like
 * ns-3's global routing, routes are not recomputed when links fail.
 */
public final class GlobalRouting {

    static final int CACHED_TREES = 64;

    private final Simulation simulation;
    private final Network network;
    private final int nodeCount;
    private int vertexCount;
    /** Adjacency in CSR form: edges of vertex v are [edgeStart[v], edgeStart[v+1]). */
    private int[] edgeStart;
    private int[] edgeTarget;
    /** The device of the edge's source vertex (-1 for a LAN vertex). */
    private int[] edgeLocalIfindex;
    /** The device of the edge's target vertex (-1 for a LAN vertex). */
    private int[] edgeRemoteIfindex;
    /** Subnets by prefix length, network address → attached node indexes. */
    @SuppressWarnings("unchecked")
    private final Int2ObjectHashMap<int[]>[] subnets = new Int2ObjectHashMap[33];
    private long subnetLengths;
    private final Map<Long, Tree> trees = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Tree> eldest) {
            return size() > CACHED_TREES;
        }
    };
    /** Searches run so far (each is O(nodes + links)). */
    public long searches;

    private static final class Tree {
        final int[] parent;
        final int[] parentLocalIfindex;
        final int[] parentRemoteIfindex;

        Tree(int vertices) {
            parent = new int[vertices];
            parentLocalIfindex = new int[vertices];
            parentRemoteIfindex = new int[vertices];
        }
    }

    public GlobalRouting(Simulation simulation, Network network) {
        this.simulation = simulation;
        this.network = network;
        this.nodeCount = simulation.nodes().size();
    }

    /** Indexes the topology and addresses, and plugs the resolver into every node's FIB. */
    public void install() {
        buildGraph();
        buildSubnetIndex();
        for (Node n : simulation.nodes()) {
            int v = n.index();
            n.kernel().ipv4().fib().setResolver(dst -> resolve(v, dst));
        }
    }

    private void buildGraph() {
        List<PointToPointLink> links = network.links();
        List<EthernetLan> lans = network.lans();
        vertexCount = nodeCount + lans.size();
        int[] degree = new int[vertexCount + 1];
        for (PointToPointLink l : links) {
            degree[l.nodeA().index()]++;
            degree[l.nodeB().index()]++;
        }
        for (int i = 0; i < lans.size(); i++) {
            for (Node m : lans.get(i).members()) {
                degree[m.index()]++;
                degree[nodeCount + i]++;
            }
        }
        edgeStart = new int[vertexCount + 1];
        for (int v = 0; v < vertexCount; v++) {
            edgeStart[v + 1] = edgeStart[v] + degree[v];
        }
        int edges = edgeStart[vertexCount];
        edgeTarget = new int[edges];
        edgeLocalIfindex = new int[edges];
        edgeRemoteIfindex = new int[edges];
        int[] fill = new int[vertexCount];
        for (PointToPointLink l : links) {
            int a = l.nodeA().index();
            int b = l.nodeB().index();
            add(fill, a, b, l.deviceA().ifindex(), l.deviceB().ifindex());
            add(fill, b, a, l.deviceB().ifindex(), l.deviceA().ifindex());
        }
        for (int i = 0; i < lans.size(); i++) {
            EthernetLan lan = lans.get(i);
            int lv = nodeCount + i;
            for (Node m : lan.members()) {
                int dev = lan.device(m).ifindex();
                add(fill, m.index(), lv, dev, -1);
                add(fill, lv, m.index(), -1, dev);
            }
        }
    }

    private void add(int[] fill, int from, int to, int localIf, int remoteIf) {
        int e = edgeStart[from] + fill[from]++;
        edgeTarget[e] = to;
        edgeLocalIfindex[e] = localIf;
        edgeRemoteIfindex[e] = remoteIf;
    }

    private void buildSubnetIndex() {
        for (Node n : simulation.nodes()) {
            for (InterfaceAddress a : n.kernel().ipv4().addresses()) {
                NetDevice dev = n.kernel().device(a.ifindex());
                if (dev == null || dev.type() == NetDevice.Type.LOOPBACK || a.prefixLength() == 32) {
                    continue;
                }
                int len = a.prefixLength();
                if (subnets[len] == null) {
                    subnets[len] = new Int2ObjectHashMap<>();
                }
                int[] attached = subnets[len].get(a.network());
                int[] grown;
                if (attached == null) {
                    grown = new int[] {n.index()};
                } else {
                    grown = java.util.Arrays.copyOf(attached, attached.length + 1);
                    grown[attached.length] = n.index();
                }
                subnets[len].put(a.network(), grown);
                subnetLengths |= 1L << len;
            }
        }
    }

    /** The route node {@code v} should use towards {@code dst}, or null when none exists. */
    Route resolve(int v, int dst) {
        long lengths = subnetLengths;
        while (lengths != 0) {
            int len = 63 - Long.numberOfLeadingZeros(lengths);
            lengths &= ~(1L << len);
            int network = dst & Route.mask(len);
            int[] attached = subnets[len].get(network);
            if (attached != null) {
                return routeVia(v, network, len, attached);
            }
        }
        return null;
    }

    private Route routeVia(int v, int network, int len, int[] attached) {
        for (int a : attached) {
            if (a == v) {
                return null; // connected: the kernel's own prefix route covers it
            }
        }
        long key = ((long) network << 6) | len;
        Tree t = trees.get(key);
        if (t == null) {
            t = search(attached);
            trees.put(key, t);
        }
        int p = t.parent[v];
        if (p < 0) {
            return null; // unreachable from here
        }
        int dev = t.parentRemoteIfindex[v];
        int gateway;
        if (p < nodeCount) {
            gateway = addressOn(p, t.parentLocalIfindex[v]);
        } else {
            int beyond = t.parent[p];
            gateway = addressOn(beyond, t.parentLocalIfindex[p]);
        }
        if (gateway == 0) {
            return null;
        }
        return new Route(Route.TABLE_MAIN, Route.Type.UNICAST, network, len, gateway, dev, 0,
                Route.Scope.UNIVERSE, Route.Protocol.STATIC, 0, 0);
    }

    private int addressOn(int nodeIndex, int ifindex) {
        for (InterfaceAddress a : simulation.nodes().get(nodeIndex).kernel().ipv4().addresses()) {
            if (a.ifindex() == ifindex) {
                return a.address();
            }
        }
        return 0;
    }

    /** Multi-source BFS from the nodes attached to the destination subnet. */
    private Tree search(int[] sources) {
        searches++;
        Tree t = new Tree(vertexCount);
        java.util.Arrays.fill(t.parent, -1);
        int[] queue = new int[vertexCount];
        int head = 0;
        int tail = 0;
        boolean[] seen = new boolean[vertexCount];
        int[] sorted = sources.clone();
        java.util.Arrays.sort(sorted);
        for (int s : sorted) {
            if (!seen[s]) {
                seen[s] = true;
                queue[tail++] = s;
            }
        }
        while (head < tail) {
            int u = queue[head++];
            for (int e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
                int w = edgeTarget[e];
                if (!seen[w]) {
                    seen[w] = true;
                    t.parent[w] = u;
                    // The route at w leaves through w's device towards u's device.
                    t.parentLocalIfindex[w] = edgeLocalIfindex[e];
                    t.parentRemoteIfindex[w] = edgeRemoteIfindex[e];
                    queue[tail++] = w;
                }
            }
        }
        return t;
    }

    /** Number of search trees cached now. */
    public int cachedTrees() {
        return trees.size();
    }

    /** For diagnostics: the nodes attached to each subnet length in use. */
    List<Integer> subnetLengths() {
        List<Integer> out = new ArrayList<>();
        for (int len = 32; len >= 0; len--) {
            if ((subnetLengths & (1L << len)) != 0) {
                out.add(len);
            }
        }
        return out;
    }
}
