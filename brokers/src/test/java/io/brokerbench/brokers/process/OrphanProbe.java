package io.brokerbench.brokers.process;

import io.brokerbench.brokers.zookeeper.ZooKeeperNode;

/**
 * A harness in miniature for {@link ChildCleanupIT}: starts a real ZooKeeper, prints its pid, then
 * either dies of an uncaught exception ({@code throw}) or waits to be signalled ({@code wait}),
 * without ever stopping the broker itself.
 */
public final class OrphanProbe {
  private OrphanProbe() {}

  public static void main(String[] args) throws InterruptedException {
    ZooKeeperNode zookeeper = new ZooKeeperNode("orphan-probe-zookeeper");
    zookeeper.start();
    System.out.println("BROKER-PID " + zookeeper.pid());
    System.out.flush();
    if ("throw".equals(args[0])) {
      throw new IllegalStateException("the harness fails with the broker still running");
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
