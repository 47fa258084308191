package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.JmhForks;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.Targets;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Kafka broker is SIGKILLed in the middle of the suite's first Kafka trial. That trial
 * must fail saying the broker died, the suite must go on to ZeroMQ without sitting out the Kafka
 * clients' timeouts, and no process the suite started may be left.
 */
class BrokerDeathIT {
  /** How far into the Kafka trial's fork the broker is killed: in its warm-up or setup. */
  private static final long KILL_AFTER_FORK_MS = 2_500;

  /**
   * From the kill to the end of the suite, which still runs ZeroMQ's trial (about 8 s) and loop.
   * Without the watch the dead broker's trial alone would take a minute of client timeouts.
   */
  private static final Duration GOES_ON_WITHIN = Duration.ofSeconds(30);

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aBrokerKilledDuringATrialFailsThatTrialAndTheSuiteGoesOn(@TempDir Path staging)
      throws Exception {
    ThroughputSettings settings =
        new ThroughputSettings(
            1,
            Duration.ofMillis(500),
            0.5,
            Duration.ofSeconds(1),
            Duration.ZERO,
            Duration.ZERO,
            1,
            Duration.ofSeconds(3),
            0.25,
            List.of(ThroughputPlan.BASELINE),
            Set.of(BenchSystem.KAFKA_KRAFT),
            20_000,
            new ConsumerOnly(10_000, 0, 1),
            false,
            EnumSet.allOf(GuaranteeTier.class),
            false);
    Set<GuaranteeTier> tiers = EnumSet.of(GuaranteeTier.NONE, GuaranteeTier.ACK);
    Set<BenchSystem> systems = EnumSet.of(BenchSystem.KAFKA_KRAFT, BenchSystem.ZEROMQ);
    ThroughputSuite suite =
        new ThroughputSuite(
            settings,
            RunPlan.of(Profile.SMOKE, systems).withTiers(tiers),
            staging,
            new Progress(
                new PrintStream(System.out), ThroughputSuite.steps(settings, systems, tiers)));

    AtomicLong killedAtNs = new AtomicLong();
    AtomicReference<String> killed = new AtomicReference<>();
    Thread killer =
        new Thread(
            () -> {
              try {
                ProcessHandle broker = await(BrokerDeathIT::kafkaBroker);
                ProcessHandle fork = await(BrokerDeathIT::jmhFork);
                Thread.sleep(KILL_AFTER_FORK_MS);
                if (fork.isAlive()) {
                  killed.set("kafka.Kafka pid " + broker.pid() + " during fork " + fork.pid());
                  killedAtNs.set(System.nanoTime());
                  broker.destroyForcibly(); // SIGKILL
                }
              } catch (InterruptedException e) {
                // The suite ended first; the assertions below say so.
              }
            },
            "broker-killer");
    killer.setDaemon(true);
    killer.start();

    suite.run();
    long endNs = System.nanoTime();
    killer.interrupt();

    assertNotNull(killed.get(), "the broker was killed during a Kafka trial");
    Duration afterKill = Duration.ofNanos(endNs - killedAtNs.get());
    System.out.println("killed " + killed.get() + "; the suite ended " + afterKill + " later");
    assertTrue(
        afterKill.compareTo(GOES_ON_WITHIN) < 0,
        "the suite went on at once, not after the clients' timeouts: " + afterKill);

    List<ThroughputRow> rows = suite.rows();
    String all = rows.stream().map(ThroughputRow::toString).collect(Collectors.joining("\n"));
    ThroughputRow killedTrial = row(rows, "kafka-kraft", "none", ThroughputPlan.BASELINE);
    assertEquals(Status.FAILED, killedTrial.status(), all);
    assertTrue(
        killedTrial.reason().contains("the broker kafka-kraft died during this trial"),
        killedTrial.reason());
    // The Kafka trials of the same fork (a system's trials of a round share one) fail with it.
    for (ThroughputRow same :
        List.of(
            row(rows, "kafka-kraft", "ack", ThroughputPlan.BASELINE),
            row(rows, "kafka-kraft", "ack", ThroughputPlan.PRODUCER_ONLY))) {
      assertEquals(Status.FAILED, same.status(), same.toString());
      assertTrue(
          same.reason().contains("the broker kafka-kraft died during this trial"), same.reason());
    }
    // The Kafka trials after it are not run against a dead broker, and say why.
    ThroughputRow later = row(rows, "kafka-kraft", "ack", ThroughputPlan.CONSUMER_ONLY);
    assertEquals(Status.FAILED, later.status(), later.toString());
    assertTrue(later.reason().startsWith("not run: the broker kafka-kraft died"), later.reason());
    // The next system still runs.
    ThroughputRow zeromq = row(rows, "zeromq", "none", ThroughputPlan.BASELINE);
    assertEquals(Status.OK, zeromq.status(), all);
    assertTrue(zeromq.msgPerSec() > 0, zeromq.toString());
    assertTrue(zeromq.vendorMsgPerSec() > 0, "the jeromq loop ran too: " + zeromq);

    List<String> left = leftBehind(Duration.ofSeconds(5));
    assertTrue(left.isEmpty(), "processes left behind: " + left);
  }

  private static ThroughputRow row(List<ThroughputRow> rows, String system, String tier, String w) {
    return rows.stream()
        .filter(r -> r.system().equals(system) && r.tier().equals(tier) && r.topology().equals(w))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + system + " " + tier + " " + w));
  }

  private static Optional<ProcessHandle> kafkaBroker() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> JmhForks.commandLine(p).contains(" kafka.Kafka "))
        .findFirst();
  }

  private static Optional<ProcessHandle> jmhFork() {
    return ProcessHandle.current()
        .children()
        .filter(p -> JmhForks.commandLine(p).contains(JmhForks.FORK_MAIN))
        // A Kafka trial's fork: the in-memory ceiling's runs first, beside the started broker.
        .filter(p -> JmhForks.commandLine(p).contains("-D" + Targets.KAFKA_BOOTSTRAP + "="))
        .findFirst();
  }

  private static ProcessHandle await(java.util.function.Supplier<Optional<ProcessHandle>> find)
      throws InterruptedException {
    while (true) {
      Optional<ProcessHandle> found = find.get();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(50);
    }
  }

  /**
   * This JVM's descendants still alive after {@code grace}, but for the child reaper's watchdog (a
   * shell loop that lives as long as this JVM, by design) and its sleeps.
   */
  private static List<String> leftBehind(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> left;
    do {
      Set<Long> watchdog =
          ProcessHandle.current()
              .descendants()
              .filter(p -> JmhForks.commandLine(p).contains("brokerbench-children-"))
              .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
              .map(ProcessHandle::pid)
              .collect(Collectors.toSet());
      left =
          ProcessHandle.current()
              .descendants()
              .filter(ProcessHandle::isAlive)
              .filter(p -> !watchdog.contains(p.pid()))
              .map(p -> p.pid() + " " + JmhForks.commandLine(p))
              .collect(Collectors.toList());
      if (left.isEmpty()) {
        return left;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return left;
  }
}
