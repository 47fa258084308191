package io.brokerbench.bench.durability;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Errors;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.durability.DurabilityRow.Scenario;
import io.brokerbench.bench.row.Status;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.Work;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the durability suite's scenarios share while they run: the progress lines, the crash and
 * fsync rows measured so far, the brokers described, and the count that names each trial. It runs
 * one trial into a row ({@link #measure}), marks the scenarios that a failed start never reached
 * ({@link #notRun}), counts a broker's fsync calls per tier ({@link #countSyncCalls}) and plans a
 * single node's scenarios; {@link DurabilitySuite} reads the rows back.
 */
final class ScenarioRunner {

  private final DurabilitySettings settings;
  private final Progress progress;
  private final List<DurabilityRow> rows = new ArrayList<>();
  private final List<SyncRow> syncRows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();
  private int trials;

  ScenarioRunner(DurabilitySettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** A scenario and the fault it runs. */
  record Planned(Scenario scenario, Fault fault) {
    static List<Scenario> scenarios(List<Planned> planned) {
      return planned.stream().map(Planned::scenario).toList();
    }
  }

  /**
   * The scenarios of one node: {@code kill} per tier of the profile, and in the full profile a
   * SIGSTOP for three outages at tier durable.
   */
  List<Planned> singleNodeScenarios(BenchSystem system, String mode, Fault.Kill kill) {
    List<Planned> scenarios = new ArrayList<>();
    for (GuaranteeTier tier : settings.tiers()) {
      scenarios.add(planned(system, mode, tier, kill));
    }
    if (settings.extras() && settings.runs(GuaranteeTier.DURABLE)) {
      Fault.Pause pause = new Fault.Pause(settings.outage().multipliedBy(3));
      scenarios.add(planned(system, mode, GuaranteeTier.DURABLE, pause));
    }
    return scenarios;
  }

  static Planned planned(BenchSystem system, String mode, GuaranteeTier tier, Fault fault) {
    return new Planned(new Scenario(system.label(), mode, tier.key(), fault.label(), 1), fault);
  }

  /** How long the fault-free run of each tier lasts while the broker's fsync calls are counted. */
  static final Duration SYNC_RUN = Duration.ofSeconds(3);

  /**
   * The price of durability on one node: for each tier of the profile, a fault-free run ({@link
   * #SYNC_RUN} at the suite's rate) while strace counts the fsync-family calls of the broker's
   * processes. Runs on a fresh broker, before its faults.
   */
  void countSyncCalls(
      BenchSystem system,
      String mode,
      ProcessNode node,
      Function<GuaranteeTier, CrashTrial> trials) {
    if (!settings.singleNodeExtras() || settings.tiers().isEmpty()) {
      return;
    }
    progress.step("durability: " + system.label() + " (" + mode + "), fsync calls per tier");
    String unavailable = SyncCalls.unavailable();
    List<String> found = new ArrayList<>();
    Path dir = Work.newDirectory("strace");
    for (GuaranteeTier tier : settings.tiers()) {
      if (unavailable != null) {
        syncRows.add(
            SyncRow.notMeasured(system.label(), mode, tier.key(), Status.SKIPPED, unavailable));
        continue;
      }
      try {
        Files.createDirectories(dir);
        SyncCalls.Count count =
            SyncCalls.during(
                node.pid(),
                dir.resolve("strace-" + tier.key() + ".txt"),
                () -> trials.apply(tier).run(null, null).ledger().sent());
        syncRows.add(
            SyncRow.of(
                system.label(),
                mode,
                tier.key(),
                count,
                "strace -f -c on the broker's processes during "
                    + SYNC_RUN.toSeconds()
                    + " s without a fault"));
        found.add(String.format("%s %.1f", tier.key(), count.perThousand()));
      } catch (Exception e) {
        syncRows.add(
            SyncRow.notMeasured(
                system.label(), mode, tier.key(), Status.FAILED, Errors.firstLine(e)));
        found.add(tier.key() + " FAILED: " + Errors.firstLine(e));
      }
    }
    progress.done(
        unavailable != null
            ? "SKIPPED: " + unavailable
            : "fsync-family calls per 1,000 messages: " + String.join(", ", found));
  }

  @FunctionalInterface
  interface Trial {
    CrashTrial.Outcome run() throws Exception;
  }

  void measure(Scenario scenario, Trial trial) {
    progress.step("durability: " + scenario);
    try {
      CrashTrial.Outcome outcome = trial.run();
      rows.add(
          DurabilityRow.of(
              scenario,
              outcome.ledger(),
              outcome.atRisk(),
              outcome.refused(),
              outcome.readBack(),
              outcome.recoveryMs(),
              outcome.note()));
      progress.done(
          outcome.ledger().summary()
              + (outcome.recoveryMs() == null
                  ? ""
                  : "; recovered in " + outcome.recoveryMs() + " ms"));
    } catch (Exception e) {
      rows.add(DurabilityRow.notMeasured(scenario, Status.FAILED, Errors.firstLine(e)));
      progress.done("FAILED: " + Errors.firstLine(e));
    }
  }

  void notRun(List<Scenario> scenarios, RuntimeException e) {
    Status status = e instanceof BrokerUnavailableException ? Status.SKIPPED : Status.FAILED;
    for (Scenario scenario : scenarios) {
      boolean measured =
          rows.stream()
              .anyMatch(
                  row ->
                      row.system().equals(scenario.system())
                          && row.mode().equals(scenario.mode())
                          && row.tier().equals(scenario.tier())
                          && row.fault().equals(scenario.fault()));
      if (!measured) {
        skipped(scenario, status, Errors.firstLine(e));
      }
    }
  }

  String trialId(String system, GuaranteeTier tier) {
    return "dur-"
        + system
        + "-"
        + tier.key()
        + "-"
        + (++trials)
        + "-"
        + System.nanoTime() % 100_000;
  }

  /** Notes a started broker's description for the report. */
  void described(Description description) {
    described.add(description);
  }

  /** Adds a row for a scenario that was not measured, with the progress lines of its step. */
  void skipped(Scenario scenario, Status status, String reason) {
    progress.step("durability: " + scenario);
    rows.add(DurabilityRow.notMeasured(scenario, status, reason));
    progress.done(status.label().toUpperCase() + ": " + reason);
  }

  List<DurabilityRow> rows() {
    return List.copyOf(rows);
  }

  List<SyncRow> syncRows() {
    return List.copyOf(syncRows);
  }

  List<Description> descriptions() {
    return List.copyOf(described);
  }
}
