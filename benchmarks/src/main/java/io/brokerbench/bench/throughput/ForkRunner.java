package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.Errors.innermostFirstLine;
import static io.brokerbench.bench.throughput.Measured.mean;

import io.brokerbench.bench.RunDirectory;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH forks with the system's broker watched: a round of one system's trials of {@link
 * ThroughputBenchmark} in one fork, or the consumer-only trial, and reads each fork's JMH results
 * and trial summaries back into a {@link Measured} per trial. Apart from the run loop, which
 * decides what runs when, because this is how one fork runs: its JMH options, the system properties
 * it gets and where its files go.
 */
final class ForkRunner {
  private final ThroughputSettings settings;
  private final Path staging;

  ForkRunner(ThroughputSettings settings, Path staging) {
    this.settings = settings;
    this.staging = staging;
  }

  /**
   * One round of a system's cells: JMH trials of {@link ThroughputBenchmark}, one after the other
   * in one fork, each on fresh topics with a driver of its own, with the system's broker watched.
   * When the broker dies the fork is stopped at once, its trials fail saying so, and the system's
   * later trials are failed rows that are not run (a broker that died once is not trusted with more
   * figures); the suite goes on with the other systems.
   */
  List<Measured> fork(List<Cell> cells, int round) {
    List<String> names = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    for (Cell cell : cells) {
      String trial = cell.name() + "-r" + round;
      names.add(trial);
      segments.add(
          new ThroughputBenchmark.Segment(cell.tier(), cell.workload(), cell.window(), trial)
              .encode());
    }
    Cell first = cells.get(0);
    // A 3-node cluster's fork is named apart from its system's single node's in the same round.
    String fork =
        names.size() == 1
            ? names.get(0)
            : first.target().system
                + (first.target().replicated() ? "-replicated" : "")
                + "-fork-r"
                + round;
    Target target = first.target();
    Duration warmup =
        round == 1 && target.broker != null ? settings.brokerWarmup() : settings.forkWarmup();
    return watched(
        first.target(),
        fork,
        first.tier(),
        first.workload(),
        names,
        new OptionsBuilder()
            .include(ThroughputBenchmark.class.getName() + ".send")
            .param("window", Integer.toString(first.window()))
            .param("trialName", names.get(0))
            .param("segments", String.join(";", segments))
            .param("forkWarmupMs", Long.toString(warmup.toMillis()))
            .warmupIterations(0)
            .measurementIterations(settings.iterations() * cells.size())
            .measurementTime(TimeValue.milliseconds(settings.iterationTime().toMillis())));
  }

  /**
   * One JMH fork of {@code trials} (in this order, an equal share of the iterations each) with the
   * system's broker watched; a broker found dead before or during it fails the fork's trials saying
   * so, and the system's later trials with them.
   */
  List<Measured> watched(
      Target target,
      String fork,
      String tier,
      String workload,
      List<String> trials,
      ChainedOptionsBuilder options) {
    if (RunDirectory.interrupted()) {
      return failedAll(trials, Status.FAILED, "not run: the run was interrupted");
    }
    if (target.down()) {
      return failedAll(
          trials,
          target.deathStatus,
          target.diedAtStart ? target.death : "not run: " + target.death);
    }
    BrokerWatch watch = BrokerWatch.start(target.broker);
    List<Measured> result;
    try {
      result = jmh(target, fork, tier, workload, trials, options);
    } finally {
      watch.close();
    }
    if (watch.brokerDied() || target.down()) {
      target.death = "the broker " + target.broker.name() + " died during fork " + fork;
      return failedAll(
          trials,
          Status.FAILED,
          "the broker "
              + target.broker.name()
              + " died during this trial's fork (its process ended); the JMH fork was stopped,"
              + " and the system's remaining trials and tools are not run");
    }
    return result;
  }

  private static List<Measured> failedAll(List<String> trials, Status status, String why) {
    return trials.stream().map(trial -> Measured.failed(status, why)).toList();
  }

  private List<Measured> jmh(
      Target target,
      String fork,
      String tier,
      String workload,
      List<String> trials,
      ChainedOptionsBuilder benchmark) {
    List<String> jvmArgs = new ArrayList<>();
    target.target.forEach((key, value) -> jvmArgs.add("-D" + key + "=" + value));
    jvmArgs.add("-D" + TrialOutput.OUT_PROPERTY + "=" + staging.resolve("trials"));
    jvmArgs.add(
        "-Dbrokerbench.work=" + System.getProperty("brokerbench.work", "target/brokerbench"));
    jvmArgs.add(
        "-D" + ThroughputBenchmark.WARMUP_SLICE_MS + "=" + settings.warmupSlice().toMillis());
    jvmArgs.add("-D" + ThroughputBenchmark.WARMUP_TOLERANCE + "=" + settings.warmupTolerance());
    jvmArgs.add("-D" + ThroughputBenchmark.WARMUP_MAX_MS + "=" + settings.warmupMax().toMillis());
    ChainedOptionsBuilder options =
        benchmark
            .param("system", target.system)
            .param("tier", tier)
            .param("workload", workload)
            .forks(1)
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .resultFormat(ResultFormatType.JSON)
            .result(staging.resolve("jmh").resolve(fork + ".json").toString());
    try {
      Files.createDirectories(staging.resolve("jmh"));
      RunResult result = new Runner(options.build()).runSingle();
      List<Double> delivered = new ArrayList<>();
      List<Double> sent = new ArrayList<>();
      for (BenchmarkResult benchmarkResult : result.getBenchmarkResults()) {
        for (IterationResult iteration : benchmarkResult.getIterationResults()) {
          Result<?> one = iteration.getSecondaryResults().get("delivered");
          delivered.add(one == null ? 0 : one.getScore());
          sent.add(iteration.getPrimaryResult().getScore());
        }
      }
      if (delivered.size() % trials.size() != 0) {
        return failedAll(
            trials,
            Status.FAILED,
            "the fork returned "
                + delivered.size()
                + " iterations, not an equal share for each of its "
                + trials.size()
                + " trials");
      }
      int each = delivered.size() / trials.size();
      List<Measured> measured = new ArrayList<>();
      for (int i = 0; i < trials.size(); i++) {
        List<Double> own = delivered.subList(i * each, (i + 1) * each);
        TrialOutput.Summary summary = TrialOutput.summary(staging.resolve("trials"), trials.get(i));
        measured.add(
            new Measured(
                mean(own),
                mean(sent.subList(i * each, (i + 1) * each)),
                List.copyOf(own),
                summary.connections(),
                summary.meanLatencyUs(),
                summary.windowWaitShare(),
                summary.warmupSettled(),
                null,
                Status.OK));
      }
      return measured;
    } catch (Exception e) {
      return failedAll(trials, Status.FAILED, innermostFirstLine(e));
    }
  }
}
