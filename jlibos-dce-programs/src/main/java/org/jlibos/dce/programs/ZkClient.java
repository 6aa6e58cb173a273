package org.jlibos.dce.programs;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * A ZooKeeper client: connects to the ensemble, writes /jlibos, then reads it back every
 * second for {@code seconds} seconds, printing each outcome. Usage: ZkClient connect-string seconds
 */
public final class ZkClient {

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(args[0], 10_000, event -> {
            if (event.getType() == Watcher.Event.EventType.None) {
                System.out.println("t=" + (System.nanoTime() - t0) / 1_000_000 + "ms session " + event.getState());
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            }
        });
        if (!connected.await(60, TimeUnit.SECONDS)) {
            System.out.println("not connected");
            System.exit(2);
        }
        String path = zk.create("/jlibos", "written-before-partition".getBytes(StandardCharsets.UTF_8),
                ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        System.out.println("t=" + (System.nanoTime() - t0) / 1_000_000 + "ms created " + path);
        int seconds = Integer.parseInt(args[1]);
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            try {
                Stat stat = new Stat();
                byte[] data = zk.getData("/jlibos", false, stat);
                System.out.println("t=" + (System.nanoTime() - t0) / 1_000_000 + "ms read " + new String(data, StandardCharsets.UTF_8)
                        + " czxid=0x" + Long.toHexString(stat.getCzxid()));
            } catch (KeeperException e) {
                System.out.println("t=" + (System.nanoTime() - t0) / 1_000_000 + "ms read failed: " + e.code());
            }
        }
        zk.close();
        System.out.println("closed");
    }
}
