/**
 * What {@code mvn verify -Pbench} runs. {@link io.brokerbench.bench.BenchMain} reads the run's
 * settings ({@link io.brokerbench.bench.BenchConfig}: profile, systems, suites, tiers, external
 * clusters), builds each selected suite from the run's plan and runs them one after another in a
 * loop over the {@link io.brokerbench.bench.suite.Suite} contract, with {@link
 * io.brokerbench.bench.Progress} on the terminal; then {@link io.brokerbench.bench.RunResults}
 * writes the run's folder through {@link io.brokerbench.bench.RunDirectory}: each suite's JSON,
 * {@code environment.json} ({@link io.brokerbench.bench.Environment}), {@code REPORT.md} ({@link
 * io.brokerbench.bench.Report}, the suites' sections in their order) and {@code report.html}
 * ({@link io.brokerbench.bench.HtmlReport}). {@link io.brokerbench.bench.SystemUnderTest} is the
 * one list of systems a row can name (label, family, tiers), {@link
 * io.brokerbench.bench.BenchSystem} the ones a run can choose. One package per suite holds its
 * scenarios, rows and table; {@code row} holds what every row shares (its {@code Status}); {@code
 * claims} turns the rows into verdicts; {@code vendor} runs the vendors' own tools; {@code compare}
 * sets two runs side by side.
 */
package io.brokerbench.bench;
