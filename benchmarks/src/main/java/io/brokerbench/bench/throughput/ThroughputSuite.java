package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.throughput.ThroughputPlan.cells;
import static io.brokerbench.bench.throughput.ThroughputPlan.forkOrder;
import static io.brokerbench.bench.throughput.ThroughputPlan.label;
import static io.brokerbench.bench.throughput.ThroughputPlan.runsConsumerOnly;
import static io.brokerbench.bench.throughput.ThroughputPlan.targets;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Errors;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.Targets;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.bench.vendor.VendorResult;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The matched-workload throughput suite. Every system's broker starts first (outside JMH's forks)
 * and stays up; then the suite measures in interleaved rounds: in each round every system runs
 * every offered tier of every workload as one JMH trial each, all of a system's trials of the round
 * one after the other in one JMH fork of their own (A, B, C, then A, B, C again), so that only the
 * first trial of a fork warms up a cold client JVM. Each system's window check (the same trial with
 * four times the in-flight window) runs right beside the trial it checks, before it in one round
 * and after it in the next, so that both see the same broker state; each vendor tool runs right
 * after the fork that holds the trial it is compared with. The machine's drift between rounds then
 * hits every system alike, and each ratio the claims use is taken round by round (Kalibera and
 * Jones, "Rigorous Benchmarking in Reasonable Time", 2013). A tier the system does not offer is a
 * row that says so; a trial that fails is a failed row (with the other trials of its fork) and the
 * suite goes on.
 */
public final class ThroughputSuite implements Suite {
  private final ThroughputSettings settings;
  private final RunPlan plan;
  private final Progress progress;
  private final List<ThroughputRow> rows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();
  private final ForkRunner forks;
  private final VendorTools tools;

  /**
   * @param plan the systems, the tiers (the in-memory ceiling runs anyway; tier {@code replicated}
   *     runs where the settings start its 3-node clusters, {@link ThroughputSettings#replicated})
   *     and the external clusters, measured where they are
   * @param staging the run's folder: JMH's results and the trials' histograms go into it
   */
  public ThroughputSuite(
      ThroughputSettings settings, RunPlan plan, Path staging, Progress progress) {
    this.settings = settings;
    this.plan = plan;
    this.progress = progress;
    this.forks = new ForkRunner(settings, staging);
    this.tools = new VendorTools(settings, progress);
  }

  /** The suite of {@code plan}'s profile. */
  public static ThroughputSuite of(RunPlan plan, Path staging, Progress progress) {
    return new ThroughputSuite(
        ThroughputSettings.forProfile(plan.profile()).withWorkloads(plan.workloads()),
        plan,
        staging,
        progress);
  }

  @Override
  public String name() {
    return "throughput";
  }

  @Override
  public int steps() {
    return steps(settings, plan.systems(), plan.tiers());
  }

  @Override
  public List<ThroughputRow> rows() {
    return List.copyOf(rows);
  }

  @Override
  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /** {@code throughput.json}: one row per system, tier and workload. */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "throughput");
    json.put("rows", rows());
    return json;
  }

  /**
   * The report's tables, one per tier, and the measured rows in the OpenMessaging Benchmark's
   * result format in {@code omb/}; empty when nothing ran.
   */
  @Override
  public String report(Path staging) {
    if (rows.isEmpty()) {
      return "";
    }
    List<String> references = new ArrayList<>(settings.workloads());
    references.addAll(List.of(ThroughputPlan.BASELINE, ThroughputPlan.PRODUCER_ONLY));
    int written = OmbResults.write(staging, rows(), references);
    return ThroughputTable.markdown(rows())
        + (written == 0
            ? ""
            : "\nThe measured rows in the OpenMessaging Benchmark's result format, for its"
                + " `bin/create_charts.py` beside anyone's OMB results: `"
                + OmbResults.FOLDER
                + "/<trial>.json` ("
                + written
                + " files; what differs in meaning is in each file's `brokerbench` block).\n");
  }

  /** How many progress steps {@link #run} takes for {@code systems}. */
  public static int steps(ThroughputSettings settings, Set<BenchSystem> systems) {
    return steps(settings, systems, EnumSet.allOf(GuaranteeTier.class));
  }

  /** Progress steps for {@code systems} at {@code tiers}: each fork and tool once per round. */
  public static int steps(
      ThroughputSettings settings, Set<BenchSystem> systems, Set<GuaranteeTier> tiers) {
    return ThroughputPlan.steps(settings, systems, tiers);
  }

  /** Runs every system; an external one is measured where it is, not started. */
  @Override
  public void run() {
    Set<GuaranteeTier> tiers = plan.tiers();
    List<Target> targets = targets(settings, plan.systems(), plan.external());
    List<AutoCloseable> started = new ArrayList<>();
    // Made per run: its rows are those of the tiers chosen.
    RowFolder folder = new RowFolder(settings, tiers, rows);
    ConsumerOnlyComparison comparison =
        new ConsumerOnlyComparison(settings, progress, forks, folder, rows);
    try {
      List<Cell> cells = new ArrayList<>();
      for (Target target : targets) {
        List<Cell> own = cells(settings, tiers, target);
        if (!own.isEmpty()) {
          start(target, started);
        }
        cells.addAll(own);
      }
      Map<Cell, List<Measured>> measured = new LinkedHashMap<>();
      Map<Cell, List<Double>> vendor = new LinkedHashMap<>();
      Map<Cell, String> vendorTool = new LinkedHashMap<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        for (Target target : targets) {
          if (round > 1 && target.underTest == SystemUnderTest.IN_MEMORY) {
            continue;
          }
          List<Cell> fork =
              forkOrder(cells.stream().filter(cell -> cell.target() == target).toList(), round);
          if (fork.isEmpty()) {
            continue;
          }
          progress.step(
              String.format(
                  "round %d/%d: %s, one fork: %s",
                  round,
                  settings.rounds(),
                  target.system,
                  fork.stream().map(ThroughputPlan::label).collect(Collectors.joining("; "))));
          List<Measured> results = forks.fork(fork, round);
          List<String> outcomes = new ArrayList<>();
          for (int i = 0; i < fork.size(); i++) {
            measured.computeIfAbsent(fork.get(i), c -> new ArrayList<>()).add(results.get(i));
            outcomes.add(label(fork.get(i)) + ": " + Measured.describe(results.get(i)));
          }
          progress.done(String.join("; ", outcomes));
          for (int i = 0; i < fork.size(); i++) {
            Cell cell = fork.get(i);
            if (cell.vendor() != null) {
              VendorResult tool = tools.vendor(cell, results.get(i), round);
              vendor
                  .computeIfAbsent(cell, c -> new ArrayList<>())
                  .add(tool == null ? 0 : tool.msgPerSec());
              if (tool != null) {
                vendorTool.put(cell, tool.tool());
              }
            }
          }
        }
      }
      for (Target target : targets) {
        folder.addRows(target, cells, measured, vendor, vendorTool);
        if (target.underTest.family() == Family.KAFKA && runsConsumerOnly(settings, tiers)) {
          comparison.consumerOnly(target);
        }
      }
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception e) {
          progress.done("stopping a broker failed: " + Errors.innermostFirstLine(e));
        }
      }
      Work.deleteCreated();
    }
  }

  /**
   * Starts the target's broker where brokerbench runs one; a broker that cannot start leaves the
   * target's trials to fail saying why, and the suite goes on with the others.
   */
  private void start(Target target, List<AutoCloseable> started) {
    if (target.starts == null) {
      return;
    }
    try {
      Broker broker = target.starts.get();
      started.add(broker);
      broker.start();
      described.add(broker.describe());
      target.broker = broker;
      target.target.putAll(Targets.of(broker));
    } catch (BrokerUnavailableException e) {
      target.neverStarted(Status.SKIPPED, "skipped: " + e.getMessage());
    } catch (RuntimeException e) {
      target.neverStarted(Status.FAILED, "failed to start: " + Errors.innermostFirstLine(e));
    }
  }
}
