package io.brokerbench.bench.latency;

import io.brokerbench.bench.Progress;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.row.Status;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.PacedPhase;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The life cycle around the {@link LatencySuite}'s sweeps: a broker started, described and cleaned
 * up (or the row that says why it could not start), and the discarded warm-ups of the harness and
 * of each broker. Apart from the suite so that the suite reads as which systems and tiers it
 * sweeps, and this as what has to happen before and after a sweep for its figures to be fair.
 */
final class LatencyBrokers {
  /** Enough sends in a few seconds for the JIT to compile the paced path with C2. */
  static final int HARNESS_WARMUP_PER_SEC = 20_000;

  private final LatencySettings settings;
  private final List<LatencyRow> rows;
  private final List<Description> described;
  private final Progress progress;

  /**
   * @param rows the suite's rows: a system that cannot start adds one
   * @param described the suite's descriptions: each broker started adds its own
   */
  LatencyBrokers(
      LatencySettings settings,
      List<LatencyRow> rows,
      List<Description> described,
      Progress progress) {
    this.settings = settings;
    this.rows = rows;
    this.described = described;
    this.progress = progress;
  }

  /**
   * Starts the broker {@code start} makes, describes it and runs {@code sweeps} on it; a broker
   * that cannot start is one row that says why. Its logs and data are deleted afterwards: they are
   * not results, and the disk holds one system's at a time.
   */
  <B extends Broker> void onBroker(
      String label, String mode, Supplier<B> start, Consumer<B> sweeps) {
    try (B broker = start.get()) {
      broker.start();
      described.add(broker.describe());
      sweeps.accept(broker);
    } catch (BrokerUnavailableException e) {
      notRun(label, mode, Status.SKIPPED, e.getMessage());
    } catch (RuntimeException e) {
      notRun(label, mode, Status.FAILED, LatencyText.firstLine(e));
    } finally {
      Work.deleteCreated();
    }
  }

  /**
   * Sends through the in-memory driver at {@value #HARNESS_WARMUP_PER_SEC} msg/s for twice the
   * first warm-up, and discards it all: the JIT compiles the rig's paced path during its first
   * seconds, which would otherwise be the tail of the in-memory floor measured next (a few
   * milliseconds at p99 instead of tens of microseconds).
   */
  void warmUpHarness() {
    try (InMemoryDriver driver = InMemoryDriver.create();
        LoadRig rig =
            LoadRig.start(
                driver,
                new Topology("lat-harness-warmup-" + System.nanoTime(), 1, 1, 1, 1, 1),
                GuaranteeTier.ACK,
                RigSettings.defaults())) {
      PacedPhase.run(
          rig,
          SendPlan.timed(
              settings.messageBytes(),
              settings.firstWarmup().multipliedBy(2),
              HARNESS_WARMUP_PER_SEC),
          settings.drainTimeout());
    } catch (Exception e) {
      // Nothing measured here: the in-memory sweep that follows reports what is wrong.
    }
  }

  /**
   * Drives the system flat out (unpaced, bounded by the in-flight window) for the profile's broker
   * warm-up, on a topic or queue of its own at tier {@code none}, and discards it all: a fresh
   * broker is slow until its JIT has compiled its hot paths (Kafka's first seconds show latencies
   * of hundreds of milliseconds), and that would be the first tier's latency otherwise.
   */
  void warmUpBroker(String system, Map<String, String> target) {
    if (settings.brokerWarmup().isZero()) {
      return;
    }
    try (BrokerDriver driver = SystemUnderTest.parse(system).driver(target)) {
      String trialId = ("lat-" + system + "-warmup-" + System.nanoTime()).replace(' ', '_');
      try (LoadRig rig =
          LoadRig.start(
              driver,
              new Topology(trialId, 1, 1, 1, 1, 1),
              GuaranteeTier.NONE,
              RigSettings.defaults().withStallTimeout(TierSweep.STALL_TIMEOUT))) {
        rig.send(SendPlan.timed(settings.messageBytes(), settings.brokerWarmup(), 0));
        rig.awaitDelivery(settings.drainTimeout());
      }
    } catch (Exception e) {
      // Nothing measured here: the sweeps that follow report what is wrong.
    }
  }

  /** A system that could not run: one row, and its progress steps accounted for. */
  private void notRun(String system, String mode, Status status, String reason) {
    rows.add(
        LatencyRow.notMeasured(
            system,
            mode,
            "all",
            settings.messageBytes(),
            0,
            settings.arrivals().key(),
            status,
            reason));
    progress.step(system);
    progress.done(status.label().toUpperCase() + ": " + LatencyText.firstLine(reason));
  }
}
