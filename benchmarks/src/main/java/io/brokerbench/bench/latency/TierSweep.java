package io.brokerbench.bench.latency;

import static io.brokerbench.bench.latency.LatencyText.describe;
import static io.brokerbench.bench.latency.LatencyText.describeSearch;
import static io.brokerbench.bench.latency.LatencyText.firstLine;
import static io.brokerbench.bench.latency.LatencyText.rateText;
import static io.brokerbench.bench.latency.RateSearch.backOff;
import static io.brokerbench.bench.latency.RateSearch.lowest;

import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The rate sweep of one system at one guarantee tier: every rate of the profile in increasing
 * order, then the search for the highest rate sustained and its full measurement.
 *
 * <p>One rig (one producer, one consumer, a fresh topic or queue) serves the whole sweep, because a
 * fresh Kafka topic or RabbitMQ queue is slow for its first seconds: only the first point on a rig
 * gets the profile's longer first warm-up. A point that leaves a backlog (its last messages did not
 * arrive) or fails closes the rig; the next point starts on a fresh one.
 *
 * <p>Once a rate is saturated the higher rates of the sweep are not run (their rows say so): they
 * would only fill the broker's queues. The search still looks between the highest sustained rate
 * and the system's capacity.
 */
final class TierSweep {
  /** Makes a fresh driver for the system under test; the sweep closes it. */
  @FunctionalInterface
  interface Drivers {
    BrokerDriver create() throws Exception;
  }

  /**
   * What the sweep found.
   *
   * @param rows one per rate of the sweep, then the searched rate's when it is not one of them
   * @param search how the highest sustained rate was found
   * @param spectrumNs the end-to-end histogram at the settings' spectrum rate; null unless that
   *     rate was sustained
   */
  record Outcome(List<LatencyRow> rows, SearchRow search, Histogram spectrumNs) {}

  /**
   * Long enough to ride out a Kafka consumer's first fetch; short enough that a point that stalls
   * does not hold the suite up (it is then saturated anyway).
   */
  static final Duration STALL_TIMEOUT = Duration.ofSeconds(5);

  private final String system;
  private final String mode;
  private final GuaranteeTier tier;
  private final Drivers drivers;
  private final LatencySettings settings;
  private final Path logs;
  private final Progress progress;
  private final boolean searching;
  private BrokerDriver driver;
  private LoadRig rig;
  private boolean warm;
  private int rigs;
  private Histogram spectrumNs;

  /** The sweep's lowest rate and its p99, once measured sustained: the tail rule's basis. */
  private TailRule.Basis tailBasis;

  /**
   * @param logs the run's {@code latency/} folder for the points' {@code .hlog} files; null to
   *     write none
   * @param searching whether to search for the highest sustained rate after the sweep; without, the
   *     sweep's highest sustained rate stands as the highest
   */
  TierSweep(
      String system,
      String mode,
      GuaranteeTier tier,
      Drivers drivers,
      LatencySettings settings,
      Path logs,
      Progress progress,
      boolean searching) {
    this.searching = searching;
    this.system = system;
    this.mode = mode;
    this.tier = tier;
    this.drivers = drivers;
    this.settings = settings;
    this.logs = logs;
    this.progress = progress;
  }

  /** Progress steps of one sweep: one per rate, one for the search and its measurement. */
  static int steps(LatencySettings settings) {
    return settings.ratesPerSec().size() + 1;
  }

  Outcome run() {
    try {
      return sweep();
    } finally {
      closeRig();
    }
  }

  private Outcome sweep() {
    List<LatencyRow> rows = new ArrayList<>();
    int highestSustained = 0;
    int saturatedAt = 0;
    for (int rate : settings.ratesPerSec()) {
      progress.step(String.format("%s %s, %,d msg/s", system, tier, rate));
      if (saturatedAt > 0) {
        String why = String.format("not run: %,d msg/s was already saturated", saturatedAt);
        rows.add(notMeasured(rate, Status.SKIPPED, why));
        progress.done("skipped: " + why);
        continue;
      }
      LatencyRow row = point(rate);
      if (tailBasis == null && rows.isEmpty() && row.ok()) {
        tailBasis = new TailRule.Basis(rate, row.p99Us());
      }
      rows.add(row);
      progress.done(describe(row));
      if (row.ok()) {
        highestSustained = rate;
      } else if (row.saturated()) {
        saturatedAt = rate;
      }
    }

    progress.step(system + " " + tier + ": searching for the highest sustained rate");
    if (!searching) {
      String why = "not searched: " + system + " is measured at the sweep's rates only";
      progress.done(why);
      markSearched(rows, highestSustained);
      return new Outcome(
          rows,
          SearchRow.of(system, mode, tier.key(), 0, List.of(), highestSustained, saturatedAt, why),
          spectrumNs);
    }
    RateSearch.Result found;
    try {
      found =
          RateSearch.search(
              rig(),
              settings.messageBytes(),
              highestSustained,
              saturatedAt,
              tailBasis,
              settings.probeTime(),
              settings.maxProbes(),
              settings.drainTimeout(),
              settings.arrivals());
      if (!found.drained()) {
        closeRig();
      }
    } catch (Exception e) {
      closeRig();
      String why = "the search failed: " + firstLine(e);
      progress.done("FAILED: " + why);
      markSearched(rows, highestSustained);
      return new Outcome(
          rows,
          SearchRow.of(system, mode, tier.key(), 0, List.of(), highestSustained, saturatedAt, why),
          spectrumNs);
    }
    int proven = highestSustained;
    int bracketHigh = found.lowestSaturatedPerSec();
    int best = found.bestPerSec();
    String searched = describeSearch(found);
    String note = "";
    if (best > highestSustained) {
      // Only a full measurement proves a rate: the probe was a hint.
      LatencyRow row = point(best);
      rows.add(row);
      searched += "; measured: " + describe(row);
      if (row.ok()) {
        proven = best;
      } else {
        bracketHigh = lowest(bracketHigh, best);
        int backOff = backOff(best, row.achievedPerSec(), found.probes());
        if (backOff > highestSustained) {
          // A probe is short: the full measurement may find the rate just beyond the system. One
          // step down, rather than report no highest rate at all.
          note =
              String.format(
                  "%s was sustained by its probe but saturated in full; measured again at %s",
                  rateText(best), rateText(backOff));
          LatencyRow again = point(backOff);
          rows.add(again);
          searched += "; again at " + rateText(backOff) + ": " + describe(again);
          if (again.ok()) {
            proven = backOff;
          } else {
            bracketHigh = lowest(bracketHigh, backOff);
          }
        }
      }
    }
    markSearched(rows, proven);
    if (proven == 0) {
      searched += "; no rate was sustained";
    } else if (!RateSearch.converged(proven, bracketHigh)) {
      searched +=
          bracketHigh == 0
              ? "; highest sustained at least " + rateText(proven) + ", nothing found saturated"
              : String.format(
                  "; not converged: between %s and %s", rateText(proven), rateText(bracketHigh));
    }
    progress.done(searched);
    return new Outcome(
        rows,
        SearchRow.of(
            system,
            mode,
            tier.key(),
            found.capacityPerSec(),
            found.probes(),
            proven,
            bracketHigh,
            note),
        spectrumNs);
  }

  /** Marks the last sustained row at {@code rate} as the highest sustained rate. */
  private static void markSearched(List<LatencyRow> rows, int rate) {
    for (int i = rows.size() - 1; i >= 0 && rate > 0; i--) {
      if (rows.get(i).ok() && rows.get(i).targetPerSec() == rate) {
        rows.set(i, rows.get(i).asSearched());
        return;
      }
    }
  }

  /** One rate, measured on the current rig (or a fresh one); a failure is a failed row. */
  private LatencyRow point(int rate) {
    String name = pointName(system, tier.key(), rate);
    for (int again = 2; logs != null && Files.exists(logs.resolve(name + ".hlog")); again++) {
      // The search may land on a rate the sweep measured already: keep both logs.
      name = pointName(system, tier.key(), rate) + "-" + again;
    }
    try {
      LoadRig current = rig();
      RatePoint.Plan plan =
          new RatePoint.Plan(
              rate,
              settings.messageBytes(),
              settings.arrivals(),
              warm ? settings.warmup() : settings.firstWarmup(),
              settings.repeats(),
              settings.repeatTime(),
              settings.drainTimeout());
      RatePoint.Measured measured;
      try (PointLog log =
          logs == null
              ? PointLog.NO_OP
              : PointLog.open(
                  logs.resolve(name + ".hlog"),
                  String.format(
                      "%s (%s), tier %s, %,d msg/s, %d B, %s arrivals",
                      system,
                      mode,
                      tier.key(),
                      rate,
                      settings.messageBytes(),
                      settings.arrivals().key()))) {
        measured = RatePoint.measure(current, plan, log);
      }
      warm = true;
      if (!measured.drained()) {
        // Its last messages are still somewhere: they must not count as the next point's.
        closeRig();
      }
      LatencyRow row =
          LatencyRow.measured(
              system,
              mode,
              tier.key(),
              false,
              measured,
              logs == null ? "" : "latency/" + name + ".hlog");
      String tail =
          row.ok() ? TailRule.judge(row.p99Us(), row.p50Us(), tailBasis, row.wakeLateMaxMs()) : "";
      if (!tail.isEmpty()) {
        row = row.asSaturated(tail);
      }
      if (row.ok() && rate == settings.spectrumRatePerSec()) {
        spectrumNs = measured.endToEndNs();
      }
      return row;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      closeRig();
      return notMeasured(rate, Status.FAILED, firstLine(e));
    }
  }

  private LatencyRow notMeasured(int rate, Status status, String reason) {
    return LatencyRow.notMeasured(
        system,
        mode,
        tier.key(),
        settings.messageBytes(),
        rate,
        settings.arrivals().key(),
        status,
        reason);
  }

  private LoadRig rig() throws Exception {
    if (rig == null) {
      driver = drivers.create();
      rigs++;
      String trialId =
          ("lat-" + system + "-" + tier.key() + "-" + rigs + "-" + System.nanoTime())
              .replaceAll("[^A-Za-z0-9._-]", "_");
      try {
        rig =
            LoadRig.start(
                driver,
                new Topology(trialId, 1, 1, 1, 1, 1),
                tier,
                RigSettings.defaults().withStallTimeout(STALL_TIMEOUT));
      } catch (Exception e) {
        closeRig();
        throw e;
      }
      warm = false;
    }
    return rig;
  }

  private void closeRig() {
    try {
      close(rig, "the trial");
    } finally {
      rig = null;
      try {
        close(driver, "the driver");
      } finally {
        driver = null;
      }
    }
  }

  /**
   * Closes {@code closeable} if there is one; a failure is a progress line, not the sweep's end.
   */
  private void close(AutoCloseable closeable, String what) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      progress.done("closing " + what + ": " + firstLine(e));
    }
  }

  /** The file name of a point: {@code kafka-kraft-ack-5000}. */
  static String pointName(String system, String tier, int rate) {
    return (system + "-" + tier + "-" + rate).replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
