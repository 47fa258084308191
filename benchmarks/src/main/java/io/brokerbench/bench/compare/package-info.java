/**
 * Comparing result folders, behind {@code bin/compare}. {@link
 * io.brokerbench.bench.compare.CompareRuns} takes the command line: with two folders it writes the
 * ratio B/A of every figure of the rows the two runs have in common, the verdicts side by side, and
 * a note of where the environments differ ({@code EnvironmentNote}); with three or more, or {@code
 * --class}, it writes the {@link io.brokerbench.bench.compare.ClassTable class table}: per claim
 * how many runs gave each verdict, per headline figure ({@code Headline}) the median and range
 * across runs, each run's machine in one line, and the runs whose profile, git head or broker
 * versions differ flagged ({@code RunFields}).
 *
 * <p>Both read a folder only through its files, by name, so a folder copied from another machine
 * reads the same; a folder that is not a result folder is named with what it lacks ({@link
 * io.brokerbench.bench.compare.NotAResultFolder}).
 */
package io.brokerbench.bench.compare;
