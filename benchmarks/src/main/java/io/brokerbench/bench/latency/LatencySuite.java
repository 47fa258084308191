package io.brokerbench.bench.latency;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.Targets;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.brokers.Description;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Latency under load: each system at each guarantee tier it offers, driven open-loop at a sweep of
 * fixed rates and at the highest rate it sustains, with end-to-end latency (intended send to
 * receive), publish latency (intended send to the broker's acknowledgement) and send delay in
 * HdrHistograms.
 *
 * <p>It runs as a scenario in the bench's own JVM, the rig driven directly, not from JMH: an
 * open-loop measurement is one long paced phase per repeat whose length and rate are the
 * experiment, while JMH's model (a benchmark method called as often as it returns, its throughput
 * or time per call the result) fits closed-loop work. The rig keeps what JMH would give (warm-up
 * discarded, several repeats, their spread), and the brokers start once per system, outside any
 * measurement.
 *
 * <p>For each system the broker starts once, every tier is swept on its own fresh topic or queue
 * ({@link TierSweep}), and the broker stops. The in-memory driver is swept first, at tier {@code
 * ack}, at every rate of the profile and without a search: the harness's own floor, below which no
 * system's latency can be read; each row within 2x of it is marked {@code atHarnessFloor}. A tier a
 * system does not offer is a row that says so; a system that cannot start is a row that says why,
 * and the suite goes on.
 */
public final class LatencySuite implements Suite {
  /** The field of {@code latency.json} that holds the {@link SearchRow}s beside the rows. */
  public static final String SEARCHES = "searches";

  private final LatencySettings settings;
  private final RunPlan plan;

  /** The single-node tiers chosen: tier {@code replicated} is a 3-node sweep of its own. */
  private final Set<GuaranteeTier> tiers;

  private final Path staging;
  private final Progress progress;
  private final List<LatencyRow> rows = new ArrayList<>();
  private final List<SearchRow> searches = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();
  private final Map<String, Histogram> spectra = new LinkedHashMap<>();

  private final LatencyBrokers brokers;

  /**
   * @param plan the systems, the tiers swept (the in-memory floor runs anyway) and the external
   *     clusters, measured where they are
   * @param staging the run's folder: the points' logs go into its {@code latency/}; null to write
   *     none
   */
  public LatencySuite(LatencySettings settings, RunPlan plan, Path staging, Progress progress) {
    this.settings = settings;
    this.plan = plan;
    this.tiers = GuaranteeTier.singleNode(plan.tiers());
    this.staging = staging;
    this.progress = progress;
    this.brokers = new LatencyBrokers(settings, rows, described, progress);
  }

  /** How many progress steps {@link #run} takes for {@code systems}. */
  public static int steps(LatencySettings settings, Set<BenchSystem> systems) {
    return steps(settings, systems, EnumSet.allOf(GuaranteeTier.class));
  }

  /** Progress steps for {@code systems} at {@code tiers}. */
  public static int steps(
      LatencySettings settings, Set<BenchSystem> systems, Set<GuaranteeTier> chosen) {
    return LatencyPlan.steps(settings, systems, chosen);
  }

  /** The suite of {@code plan}'s profile, with its arrivals. */
  public static LatencySuite of(RunPlan plan, Path staging, Progress progress) {
    return new LatencySuite(
        LatencySettings.forProfile(plan.profile(), plan.arrivals()), plan, staging, progress);
  }

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public int steps() {
    return steps(settings, plan.systems(), plan.tiers());
  }

  public LatencySettings settings() {
    return settings;
  }

  @Override
  public List<LatencyRow> rows() {
    return List.copyOf(rows);
  }

  public List<SearchRow> searches() {
    return List.copyOf(searches);
  }

  @Override
  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /** The suite's {@code latency.json}: settings, rows and searches. */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "latency");
    json.put("settings", settings.describe());
    json.put("rows", rows());
    json.put(SEARCHES, searches());
    return json;
  }

  /**
   * Draws the plots into {@code dir}, the run's folder, and returns the report's latency section. A
   * plot that cannot be drawn (no fonts on a bare server, say) is a sentence in the report, not a
   * failed run: the numbers are in the table and in {@code latency.json}.
   */
  @Override
  public String report(Path dir) {
    List<String> plots = List.of();
    String problem = "";
    try {
      plots = LatencyPlots.write(dir, rows, spectra, settings.spectrumRatePerSec());
    } catch (Exception | Error e) {
      problem = e.toString();
    }
    return LatencyTable.markdown(settings, rows, searches, plots, problem);
  }

  /** Runs every system; an external one is measured where it is, not started. */
  @Override
  public void run() {
    External external = plan.external();
    String rabbitmqUri = external.rabbitmq();
    brokers.warmUpHarness();
    sweep(
        InMemoryDriver.SYSTEM,
        "in process",
        GuaranteeTier.ACK,
        () -> Targets.driver(InMemoryDriver.SYSTEM));
    for (BenchSystem system : plan.systems()) {
      switch (system) {
        case KAFKA_KRAFT, KAFKA_ZOOKEEPER -> {
          if (external.isExternal(system)) {
            tiers(
                system.label(),
                "external, " + external.of(system),
                Map.of(Targets.KAFKA_BOOTSTRAP, external.of(system), Targets.KAFKA_BROKERS, "1"));
          } else {
            kafka(system);
          }
        }
        case RABBITMQ -> rabbit(rabbitmqUri);
        case KAFKA_4, RABBITMQ_STREAM -> singleNode(system.underTest());
        case ZEROMQ -> {
          if (tiers.contains(GuaranteeTier.NONE)) {
            tiers(system.label(), "brokerless, PUSH/PULL", Map.of());
          }
        }
      }
    }
    for (BenchSystem system : plan.systems()) {
      if (LatencyPlan.replicatedSweep(settings, plan.tiers(), system)
          && !external.isExternal(system)) {
        replicated(system);
      }
    }
  }

  /**
   * Tier replicated: a 3-node cluster of {@code system} started for it, warmed up, and swept at
   * that tier alone; the other tiers are the single node's.
   */
  void replicated(BenchSystem system) {
    String label = system.label();
    String mode = system.underTest().replicatedSetUp().orElseThrow();
    brokers.onBroker(
        label,
        mode,
        () -> system.underTest().broker(true).orElseThrow(),
        cluster -> {
          Map<String, String> target = Targets.of(cluster);
          brokers.warmUpBroker(label, target);
          sweep(
              label,
              mode,
              GuaranteeTier.REPLICATED,
              () -> SystemUnderTest.parse(label).driver(target));
        });
  }

  private void kafka(BenchSystem system) {
    if (settings.kafkaModes().contains(system)) {
      singleNode(system.underTest());
    }
  }

  private void rabbit(String externalUri) {
    if (!externalUri.isEmpty()) {
      tiers(
          SystemUnderTest.RABBITMQ.label(), "external", Map.of(Targets.RABBITMQ_URI, externalUri));
      return;
    }
    singleNode(SystemUnderTest.RABBITMQ);
  }

  /**
   * Every tier on the single node of {@code system} that {@link SystemUnderTest#broker
   * broker(false)} starts, the broker the throughput suite measures too; its drivers pointed at it
   * by {@link Targets#of}. Kafka's deletes a deleted topic's files after 1 s ({@code
   * file.delete.delay.ms}), not after its default minute: a sweep's topic is deleted when the
   * sweep's rig closes (the end of a tier, or a rig given up), and its files then go during the
   * discarded first warm-up of the next rig rather than a minute later, inside its measured points.
   */
  private void singleNode(SystemUnderTest system) {
    String mode = system.singleNodeSetUp().orElseThrow();
    brokers.onBroker(
        system.label(),
        mode,
        () -> system.broker(false).orElseThrow(),
        broker -> tiers(system.label(), mode, Targets.of(broker)));
  }

  /** Every tier of a running system; not-offered tiers are rows that say so. */
  private void tiers(String system, String mode, Map<String, String> target) {
    brokers.warmUpBroker(system, target);
    for (GuaranteeTier tier : tiers) {
      boolean offered;
      try (BrokerDriver probe = SystemUnderTest.parse(system).driver(target)) {
        offered = probe.offers(tier);
      } catch (Exception e) {
        offered = true; // let the sweep itself report what is wrong
      }
      if (!offered) {
        rows.add(
            LatencyRow.notMeasured(
                system,
                mode,
                tier.key(),
                settings.messageBytes(),
                0,
                settings.arrivals().key(),
                Status.NOT_OFFERED,
                system + " has no " + tier.key() + " guarantee"));
        continue;
      }
      sweep(system, mode, tier, () -> SystemUnderTest.parse(system).driver(target));
    }
  }

  private void sweep(String system, String mode, GuaranteeTier tier, TierSweep.Drivers drivers) {
    Path logs = staging == null ? null : staging.resolve("latency");
    // The floor is read at the rates the systems are measured at; its own highest rate (near the
    // machine's limit, as the throughput suite's in-memory ceiling shows) would only take a minute.
    boolean searching = !system.equals(InMemoryDriver.SYSTEM);
    TierSweep.Outcome outcome =
        new TierSweep(system, mode, tier, drivers, settings, logs, progress, searching).run();
    for (LatencyRow row : outcome.rows()) {
      rows.add(row.withHarnessFloor(HarnessFloor.reached(row, rows)));
    }
    searches.add(outcome.search());
    if (outcome.spectrumNs() != null) {
      spectra.put(system + " " + tier.key(), outcome.spectrumNs());
    }
  }
}
