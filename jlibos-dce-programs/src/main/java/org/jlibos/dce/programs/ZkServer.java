package org.jlibos.dce.programs;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * Starts an unmodified ZooKeeper server the way its zkServer.sh does, from a fresh data
 * directory: writes myid and zoo.cfg, then runs QuorumPeerMain. A fresh directory per run
 * keeps runs independent (ZooKeeper would otherwise recover the last run's snapshots).
 * Usage: ZkServer myid host1 host2 host3 ...
 */
public final class ZkServer {

    public static void main(String[] args) throws Exception {
        int myid = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("jlibos-zk" + myid + "-");
        dir.toFile().deleteOnExit();
        Files.writeString(dir.resolve("myid"), myid + "\n");
        StringBuilder cfg = new StringBuilder("""
                tickTime=500
                initLimit=10
                syncLimit=4
                clientPort=2181
                admin.enableServer=false
                """);
        cfg.append("dataDir=").append(dir).append('\n');
        for (int i = 1; i < args.length; i++) {
            cfg.append("server.").append(i).append('=').append(args[i]).append(":2888:3888\n");
        }
        Path file = dir.resolve("zoo.cfg");
        Files.writeString(file, cfg);
        QuorumPeerMain.main(new String[] {file.toString()});
    }
}
