package org.jlibos.dce.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.ZkClient;
import org.jlibos.kernel.Kernel;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.net.topology.LinkSpec;
import org.jlibos.net.topology.Network;
import org.jlibos.sim.Simulation;
import org.jlibos.sim.SimulationConfig;
import org.jlibos.sim.node.Node;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 5: Apache ZooKeeper 3.9, the real QuorumPeerMain from Maven Central: a 3-server
 * ensemble on zk1..zk3 and a client on c1, all on one switched LAN (1 Gbit/s, 1 ms cables).
 * Leader election completes, the client writes a znode, the leader is partitioned away, a new
 * leader is elected, the write stays readable, and after healing the old leader rejoins as a
 * follower. Server modes are read with ZooKeeper's own FourLetterWordMain ("srvr").
 */
class ZooKeeperEnsembleTest {

    static final String ZOOKEEPER = "org.apache.zookeeper:zookeeper:3.9.4";
    static final String METRICS = "io.dropwizard.metrics:metrics-core:4.1.12.1";
    static final String SNAPPY = "org.xerial.snappy:snappy-java:1.1.10.5";
    static final long S = DceWorld.S;

    @TempDir
    Path dataRoot;

    record Outcome(List<String> modes, String client, String clientErr, int clientStatus, List<String> serverErr) {
    }

    private Outcome run(Path root) throws IOException {
        Simulation sim = new Simulation(SimulationConfig.withSeed(1));
        Network net = new Network(sim);
        List<Node> servers = List.of(sim.addNode("zk1"), sim.addNode("zk2"), sim.addNode("zk3"));
        Node client = sim.addNode("c1");
        List<Node> all = new ArrayList<>(servers);
        all.add(client);
        net.lan("lan", all, LinkSpec.of("1Gbps", "1ms"));
        for (int i = 0; i < all.size(); i++) {
            Kernel k = all.get(i).kernel();
            try {
                k.ipv4().addAddress(k.device("eth0"), Ipv4Address.parse("10.0.0." + (i + 1)), 24, -2);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        List<SimProcess> zk = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path dir = Files.createDirectories(root.resolve("zk" + i));
            Files.writeString(dir.resolve("myid"), i + "\n");
            Path cfg = dir.resolve("zoo.cfg");
            Files.writeString(cfg, """
                    tickTime=500
                    initLimit=10
                    syncLimit=4
                    dataDir=%s
                    clientPort=2181
                    admin.enableServer=false
                    server.1=zk1:2888:3888
                    server.2=zk2:2888:3888
                    server.3=zk3:2888:3888
                    """.formatted(dir));
            zk.add(servers.get(i - 1).spawn("zk" + i, 0, List.of("java", "--artifact", ZOOKEEPER, "--artifact", METRICS, "--artifact", SNAPPY,
                    "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg.toString()), Map.of()));
        }
        SimProcess c = client.spawn("client", 5 * S, List.of("java", "--artifact", ZOOKEEPER, "-cp",
                DceWorld.testPrograms().toString(), ZkClient.class.getName(), "zk1:2181,zk2:2181,zk3:2181", "40"), Map.of());
        List<String> modes = new ArrayList<>();
        sim.runUntil(10 * S);
        modes.add("t=10s " + modes(sim, client, servers));

        String leader = leaderOf(modes.get(0));
        sim.runUntil(15 * S);
        Node leaderNode = sim.node(leader);
        net.partition(List.of(List.of(leaderNode)));
        sim.runUntil(30 * S);
        modes.add("t=30s " + modes(sim, client, servers));
        net.heal();
        sim.runUntil(45 * S);
        modes.add("t=45s " + modes(sim, client, servers));
        sim.runUntil(60 * S);
        List<String> serverErr = new ArrayList<>();
        for (SimProcess p : zk) {
            serverErr.add(p.stderr().text());
        }
        return new Outcome(modes, c.stdout().text(), c.stderr().text(), c.exitStatus(), serverErr);
    }

    /** Runs ZooKeeper's FourLetterWordMain srvr against each server from the client node. */
    private static String modes(Simulation sim, Node from, List<Node> servers) {
        StringBuilder sb = new StringBuilder();
        long start = sim.now();
        List<SimProcess> probes = new ArrayList<>();
        for (Node s : servers) {
            probes.add(from.spawn(null, start, List.of("java", "--artifact", ZOOKEEPER,
                    "org.apache.zookeeper.client.FourLetterWordMain", s.name(), "2181", "srvr"), Map.of()));
        }
        sim.runUntil(start + 2 * S);
        for (int i = 0; i < servers.size(); i++) {
            String out = probes.get(i).stdout().text();
            String mode = out.lines().filter(l -> l.startsWith("Mode: ")).map(l -> l.substring(6)).findFirst().orElse("unreachable");
            sb.append(servers.get(i).name()).append('=').append(mode).append(' ');
        }
        return sb.toString().trim();
    }

    private static String leaderOf(String modes) {
        for (String part : modes.split(" ")) {
            if (part.endsWith("=leader")) {
                return part.substring(0, part.indexOf('='));
            }
        }
        throw new AssertionError("no leader in " + modes);
    }

    /**
     * The client starts at 5 s, writes at once, then reads every second. When zk3 (the
     * leader) is cut off at 15 s, the followers lose their leader and drop their clients
     * (after syncLimit ticks); reads fail until zk1 and zk2 have elected zk2, then the write
     * made before the partition is read again.
     */
    static final String EXPECTED_CLIENT = """
            t=20ms session SyncConnected
            t=32ms created /jlibos
            t=1036ms read written-before-partition czxid=0x100000002
            t=2040ms read written-before-partition czxid=0x100000002
            t=3044ms read written-before-partition czxid=0x100000002
            t=4048ms read written-before-partition czxid=0x100000002
            t=5052ms read written-before-partition czxid=0x100000002
            t=6056ms read written-before-partition czxid=0x100000002
            t=7060ms read written-before-partition czxid=0x100000002
            t=8064ms read written-before-partition czxid=0x100000002
            t=9068ms read written-before-partition czxid=0x100000002
            t=10072ms read written-before-partition czxid=0x100000002
            t=11076ms read written-before-partition czxid=0x100000002
            t=12084ms session Disconnected
            t=12084ms read failed: CONNECTIONLOSS
            t=16409ms read failed: CONNECTIONLOSS
            t=17040ms session SyncConnected
            t=17413ms read written-before-partition czxid=0x100000002
            t=18417ms read written-before-partition czxid=0x100000002
            t=19421ms read written-before-partition czxid=0x100000002
            t=20425ms read written-before-partition czxid=0x100000002
            t=21429ms read written-before-partition czxid=0x100000002
            t=22433ms read written-before-partition czxid=0x100000002
            t=23437ms read written-before-partition czxid=0x100000002
            t=24441ms read written-before-partition czxid=0x100000002
            t=25445ms read written-before-partition czxid=0x100000002
            t=26449ms read written-before-partition czxid=0x100000002
            t=27453ms read written-before-partition czxid=0x100000002
            t=28457ms read written-before-partition czxid=0x100000002
            t=29461ms read written-before-partition czxid=0x100000002
            t=30465ms read written-before-partition czxid=0x100000002
            t=31469ms read written-before-partition czxid=0x100000002
            t=32473ms read written-before-partition czxid=0x100000002
            t=33477ms read written-before-partition czxid=0x100000002
            t=34481ms read written-before-partition czxid=0x100000002
            t=35485ms read written-before-partition czxid=0x100000002
            t=36489ms read written-before-partition czxid=0x100000002
            t=37493ms read written-before-partition czxid=0x100000002
            t=38497ms read written-before-partition czxid=0x100000002
            t=39501ms read written-before-partition czxid=0x100000002
            t=40505ms read written-before-partition czxid=0x100000002
            t=41509ms read written-before-partition czxid=0x100000002
            t=42513ms read written-before-partition czxid=0x100000002
            t=43517ms read written-before-partition czxid=0x100000002
            t=43629ms session Closed
            closed
            """;

    @Test
    void electionPartitionNewLeaderHealRejoin() throws IOException {
        Outcome first = run(dataRoot.resolve("run1"));
        assertEquals(List.of(
                "t=10s zk1=follower zk2=follower zk3=leader",
                // zk3 is cut off at t=15 s: zk1 and zk2 elect zk2 (the highest id left).
                "t=30s zk1=follower zk2=leader zk3=unreachable",
                // Healed at t=30 s: zk3 rejoins and follows the new leader.
                "t=45s zk1=follower zk2=leader zk3=follower"), first.modes());
        assertEquals(EXPECTED_CLIENT, first.client());
        assertEquals(0, first.clientStatus());
        Outcome second = run(dataRoot.resolve("run2"));
        assertEquals(first, second);
    }
}
