package io.brokerbench.bench.suite;

import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Row;
import io.brokerbench.brokers.Description;
import java.nio.file.Path;
import java.util.List;

/**
 * One suite of a run: startup, throughput, latency, durability, footprint or metadata. {@link
 * io.brokerbench.bench.BenchMain} knows suites only through this contract and runs them in a loop;
 * see the package documentation for the life cycle.
 */
public interface Suite {
  /**
   * The suite's name: what {@code -Dbench.suites} selects, the key of its wall time in {@code
   * environment.json}, and the stem of its JSON file unless {@link #jsonFile} says otherwise.
   */
  String name();

  /**
   * Whether the plan gives the suite anything to run. A suite that does not apply (metadata without
   * a Kafka system among those chosen) is not run and writes neither a file nor a section.
   */
  default boolean applies() {
    return true;
  }

  /** The progress steps {@link #run} will announce, planned before any suite runs. */
  int steps();

  /**
   * Runs the suite, called once. A scenario that fails is a failed row and the suite goes on; an
   * exception means the run itself cannot go on, and the run is abandoned without results.
   */
  void run() throws Exception;

  /**
   * What the suite's brokers ran (versions, ports, configuration), for {@code environment.json}.
   */
  List<Description> descriptions();

  /** The suite's rows, as its JSON holds them. Read after {@link #run}. */
  List<? extends Row> rows();

  /** Whether any row failed: the run then exits with 1. Read after {@link #run}. */
  default boolean failed() {
    return rows().stream().anyMatch(row -> row.status().isFailure());
  }

  /** The file the suite's {@link #json} goes into, in the run's folder. */
  default String jsonFile() {
    return name() + ".json";
  }

  /** The suite's rows and settings, written as JSON to {@link #jsonFile} after {@link #run}. */
  Object json();

  /**
   * The suite's section of {@code REPORT.md}, Markdown that starts with its {@code ##} heading;
   * empty for none. Called after {@link #run}, once.
   *
   * @param staging the run's folder, where a suite draws the plots its section links to
   */
  String report(Path staging);

  /**
   * Builds a suite from the run's plan; {@link io.brokerbench.bench.BenchMain} holds one per suite,
   * in the order they run.
   */
  @FunctionalInterface
  interface Factory {
    /**
     * @param staging the run's folder, where a suite writes files of its own beside its JSON
     * @param progress the run's progress line, which the suite advances once per step
     */
    Suite create(RunPlan plan, Path staging, Progress progress);
  }
}
