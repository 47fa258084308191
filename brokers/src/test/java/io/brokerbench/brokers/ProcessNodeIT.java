package io.brokerbench.brokers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.zookeeper.FourLetterWords;
import io.brokerbench.brokers.zookeeper.ZooKeeperNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The launcher's lifecycle and its errors, on ZooKeeper (the quickest real broker to start): a busy
 * port, a stale data directory, pause and resume, and a clean stop.
 */
class ProcessNodeIT {

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void pauseFreezesTheBrokerAndResumeThawsIt() throws Exception {
    try (ZooKeeperNode zookeeper = new ZooKeeperNode("pause-zookeeper")) {
      zookeeper.start();
      System.out.printf(
          "zookeeper: start-to-ready %d ms%n", zookeeper.lastStartToReady().toMillis());
      assertTrue(FourLetterWords.ruok(zookeeper.clientPort()));
      zookeeper.pause();
      assertFalse(
          FourLetterWords.ruok(zookeeper.clientPort()), "a frozen ZooKeeper does not answer");
      zookeeper.resume();
      assertTrue(FourLetterWords.ruok(zookeeper.clientPort()));
      assertTrue(FourLetterWords.mntr(zookeeper.clientPort()).containsKey("zk_znode_count"));
      long pid = zookeeper.pid();
      zookeeper.stop();
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aBusyPortIsReportedBeforeAnythingStarts() throws Exception {
    try (ServerSocket holder = new ServerSocket()) {
      holder.bind(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), 0));
      int port = holder.getLocalPort();
      ZooKeeperNode zookeeper =
          new ZooKeeperNode("busy-zookeeper", Work.newDirectory("busy-zookeeper"), port);
      Ports.PortBusyException e = assertThrows(Ports.PortBusyException.class, zookeeper::start);
      assertTrue(e.getMessage().contains("busy-zookeeper"), e.getMessage());
      assertTrue(e.getMessage().contains(Integer.toString(port)), e.getMessage());
      assertFalse(zookeeper.isRunning());
    }
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aStaleDataDirectoryIsRefused() throws Exception {
    Path dir = Work.newDirectory("stale-zookeeper");
    Files.createDirectories(dir.resolve("data/version-2"));
    Files.writeString(dir.resolve("data/version-2/snapshot.0"), "from an earlier run");
    ZooKeeperNode zookeeper = new ZooKeeperNode("stale-zookeeper", dir, Ports.free());
    IllegalStateException e = assertThrows(IllegalStateException.class, zookeeper::start);
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("earlier run"), e.getMessage());
    assertFalse(zookeeper.isRunning());
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aBrokerThatExitsDuringStartIsReportedWithItsLog() {
    ProcessNode broken = new ExitingNode("broken-broker", Work.newDirectory("broken-broker"));
    BrokerStartException e = assertThrows(BrokerStartException.class, broken::start);
    assertTrue(e.getMessage().contains("broken-broker"), e.getMessage());
    assertTrue(e.getMessage().contains("exited during start with code 3"), e.getMessage());
    assertTrue(e.getMessage().contains(broken.logFile().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("cannot bind: out of luck"), e.getMessage());
    assertFalse(broken.isRunning());
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aBrokerThatNeverAnswersIsReportedAndKilledAtItsTimeout() {
    ProcessNode silent =
        new ExitingNode(
            "silent-broker",
            Work.newDirectory("silent-broker"),
            "echo 'starting, slowly'; exec sleep 600",
            Duration.ofSeconds(2));
    BrokerStartException e = assertThrows(BrokerStartException.class, silent::start);
    assertTrue(e.getMessage().contains("silent-broker did not answer within 2 s"), e.getMessage());
    assertTrue(e.getMessage().contains("starting, slowly"), e.getMessage());
    assertFalse(silent.isRunning(), "a broker that timed out is not left running");
  }

  /** A "broker" that runs a shell command and never answers, as a misconfigured one would. */
  private static final class ExitingNode extends ProcessNode {
    private final int port = Ports.free();
    private final String script;

    ExitingNode(String name, Path dir) {
      this(name, dir, "echo 'FATAL cannot bind: out of luck'; exit 3", Duration.ofSeconds(30));
    }

    ExitingNode(String name, Path dir, String script, Duration startTimeout) {
      super(name, dir, startTimeout, Duration.ofSeconds(5));
      this.script = script;
    }

    @Override
    protected void prepare() {}

    @Override
    protected List<String> command() {
      return List.of("sh", "-c", script);
    }

    @Override
    protected boolean probeReady() {
      return false;
    }

    @Override
    public Map<String, Integer> ports() {
      return Map.of("listener", port);
    }

    @Override
    protected Map<String, String> config() {
      return Map.of();
    }

    @Override
    protected String software() {
      return "test";
    }

    @Override
    protected String version() {
      return "0";
    }

    @Override
    protected String mode() {
      return "exits";
    }
  }
}
