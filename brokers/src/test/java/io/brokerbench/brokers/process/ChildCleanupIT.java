package io.brokerbench.brokers.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.JavaCommand;
import io.brokerbench.brokers.zookeeper.ZooKeeperNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No broker outlives the harness: not a failed test, not a harness that dies of an exception, is
 * interrupted (SIGINT, SIGTERM) or is killed outright (SIGKILL, where only the watchdog can act).
 */
class ChildCleanupIT {

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aFailedTestLeavesNoBrokerBehind() {
    long[] pid = new long[1];
    assertThrows(
        AssertionError.class,
        () -> {
          try (ZooKeeperNode zookeeper = new ZooKeeperNode("failing-test-zookeeper")) {
            zookeeper.start();
            pid[0] = zookeeper.pid();
            throw new AssertionError("the test fails while the broker runs");
          }
        });
    assertTrue(pid[0] > 0);
    assertFalse(alive(pid[0]), "ZooKeeper outlived the failed test");
  }

  @ParameterizedTest(name = "harness ends by {0}")
  @ValueSource(strings = {"exception", "SIGINT", "SIGTERM", "SIGKILL"})
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void noBrokerOutlivesItsHarness(String ending) throws Exception {
    List<String> command = new ArrayList<>();
    // A process started in the background by a shell without job control (nohup, `cmd &` in a
    // script) ignores SIGINT, its children inherit that, and a JVM keeps ignoring a signal ignored
    // at its start: the probe would never see the SIGINT this test sends. GNU env resets them.
    command.addAll(List.of("env", "--default-signal"));
    command.addAll(
        JavaCommand.of(
            List.of(
                "-Dbrokerbench.work="
                    + System.getProperty("brokerbench.work", "target/brokerbench")),
            System.getProperty("java.class.path"),
            OrphanProbe.class.getName(),
            List.of("exception".equals(ending) ? "throw" : "wait")));
    Process harness = new ProcessBuilder(command).redirectErrorStream(true).start();
    long brokerPid = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("BROKER-PID ")) {
          brokerPid = Long.parseLong(line.substring("BROKER-PID ".length()).trim());
          break;
        }
      }
      assertTrue(brokerPid > 0, "the probe harness started its broker");
      assertTrue(alive(brokerPid));
      if (!"exception".equals(ending)) {
        new ProcessBuilder("kill", "-" + ending.substring(3), Long.toString(harness.pid()))
            .start()
            .waitFor();
      }
      assertTrue(harness.waitFor(60, TimeUnit.SECONDS), "the probe harness exited");
      // drain the rest of the output so the probe never blocks on a full pipe
      while (out.readLine() != null) {}
    } finally {
      harness.destroyForcibly();
    }
    // The watchdog polls once a second; the shutdown hook acts before the harness exits.
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (alive(brokerPid) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(
        alive(brokerPid),
        "ZooKeeper (pid " + brokerPid + ") outlived a harness ended by " + ending);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
