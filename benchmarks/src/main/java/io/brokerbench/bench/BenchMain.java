package io.brokerbench.bench;

import io.brokerbench.bench.durability.DurabilitySuite;
import io.brokerbench.bench.footprint.FootprintSuite;
import io.brokerbench.bench.latency.LatencySuite;
import io.brokerbench.bench.metadata.MetadataSuite;
import io.brokerbench.bench.startup.StartupScenario;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.bench.throughput.ThroughputSuite;
import io.brokerbench.brokers.Work;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code mvn verify -Pbench} runs: every suite of the chosen profile, then the results into
 * {@code results/<run>/}. Thin on purpose: arguments into a {@link BenchConfig}, then a loop over
 * the suites, each known only by the {@link Suite} contract.
 */
public final class BenchMain {
  /** One factory per suite, in the order they run and appear in the report. */
  static final List<Suite.Factory> SUITES =
      List.of(
          StartupScenario::of,
          ThroughputSuite::of,
          LatencySuite::of,
          DurabilitySuite::of,
          FootprintSuite::of,
          MetadataSuite::of);

  private final PrintStream out;
  private final PrintStream err;

  public BenchMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new BenchMain(System.out, System.err).run(args));
  }

  /**
   * Runs the bench; returns the process exit code (0 ok, 1 a scenario failed, 2 bad arguments or an
   * external cluster that does not answer).
   */
  public int run(String... args) {
    BenchConfig config = BenchConfig.parsed(args, err);
    return config == null ? 2 : run(config);
  }

  // The scope is only opened and closed: what it does lies in Work, not in a call on it.
  @SuppressWarnings("try")
  public int run(BenchConfig config) {
    // The run's suites delete the directories of the brokers they started, and only those: not
    // those of a cluster that runs beside the bench (an external cluster started in this JVM).
    try (Work.Scope scope = Work.scope()) {
      return runScoped(config);
    }
  }

  private int runScoped(BenchConfig config) {
    if (!config.reachable(err)) {
      return 2;
    }
    RunDirectory runDir = RunDirectory.create(config.results(), config.profile().key());
    out.printf(
        "brokerbench: run %s (profile %s, systems %s) -> %s%n",
        runDir.run(),
        config.profile(),
        config.systems().stream().map(BenchSystem::label).toList(),
        runDir.finalPath());
    config.workloads().notes().forEach(note -> out.println("brokerbench: workloads: " + note));
    try {
      Map<String, Object> environment =
          Environment.capture(config.repository(), runDir.run(), config.profile().key());
      RunPlan plan = config.plan();
      Progress progress = new Progress(out);
      List<Suite> suites = new ArrayList<>();
      for (Suite.Factory factory : SUITES) {
        Suite suite = factory.create(plan, runDir.staging(), progress);
        if (config.runs(suite.name()) && suite.applies()) {
          suites.add(suite);
        }
      }
      progress.expect(suites.stream().mapToInt(Suite::steps).sum());
      Map<String, Long> suiteWallMs = new LinkedHashMap<>();
      for (Suite suite : suites) {
        long began = System.nanoTime();
        try {
          suite.run();
        } finally {
          suiteWallMs.put(suite.name(), (System.nanoTime() - began) / 1_000_000);
        }
      }

      String report = RunResults.write(runDir, config, environment, suiteWallMs, suites, err);
      Path published = runDir.commit();

      out.println();
      out.println(report);
      out.println("brokerbench: results in " + published);
      boolean failed = suites.stream().anyMatch(Suite::failed);
      if (failed) {
        err.println("brokerbench: some scenarios failed; see the report above.");
      }
      return failed ? 1 : 0;
    } catch (Exception e) {
      Work.deleteCreated();
      runDir.abandon();
      err.println("brokerbench: the run failed and left no results: " + e);
      return 1;
    }
  }
}
