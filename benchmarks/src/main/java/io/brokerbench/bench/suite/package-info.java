/**
 * The contract every suite of a run implements, and what a suite is built from.
 *
 * <p>A {@link io.brokerbench.bench.suite.RunPlan} carries the run's choices: the {@link
 * io.brokerbench.bench.suite.Profile}, the systems, the tiers, the external clusters, the latency
 * suite's arrivals, the metadata suite's replication factor and the report's language. A {@link
 * io.brokerbench.bench.suite.Suite.Factory} turns a plan into a {@link
 * io.brokerbench.bench.suite.Suite}; each suite derives its own sizes from the profile with a
 * {@code switch} over the enum.
 *
 * <h2>Life cycle</h2>
 *
 * {@link io.brokerbench.bench.BenchMain} holds one factory per suite, in the order they run
 * (startup, throughput, latency, durability, footprint, metadata), and for each run:
 *
 * <ol>
 *   <li>builds every suite the user selected, and keeps those that {@link
 *       io.brokerbench.bench.suite.Suite#applies};
 *   <li>adds up their {@link io.brokerbench.bench.suite.Suite#steps} for the progress line;
 *   <li>calls {@link io.brokerbench.bench.suite.Suite#run} on each in turn, timing it;
 *   <li>then, for each: {@link io.brokerbench.bench.suite.Suite#descriptions} into {@code
 *       environment.json}, {@link io.brokerbench.bench.suite.Suite#json} into {@link
 *       io.brokerbench.bench.suite.Suite#jsonFile}, {@link io.brokerbench.bench.suite.Suite#report}
 *       into {@code REPORT.md} in the same order, and {@link
 *       io.brokerbench.bench.suite.Suite#failed} into the exit code.
 * </ol>
 *
 * <h2>Failures</h2>
 *
 * A scenario that fails or cannot run is a row that says so, and the suite goes on: the run still
 * writes every file, and exits with 1 if any suite {@link io.brokerbench.bench.suite.Suite#failed}.
 * An exception out of {@link io.brokerbench.bench.suite.Suite#run} (or out of writing a suite's
 * results) abandons the run: nothing is published. A plot that cannot be drawn is a sentence in the
 * suite's section, not a failure.
 *
 * <h2>Adding a suite</h2>
 *
 * Implement the contract in the suite's own package, give it a constructor or a static {@code of}
 * with the factory's parameters, add its name to {@code BenchConfig.SUITES} and its factory to
 * {@code BenchMain}'s list.
 */
package io.brokerbench.bench.suite;
