/**
 * Comparing two result folders: {@link io.brokerbench.bench.compare.CompareRuns} writes the ratio
 * B/A of every figure of the rows the two runs have in common, the verdicts side by side, and a
 * note of where the environments differ. Run it as {@code bin/compare results/A results/B}.
 */
package io.brokerbench.bench.compare;
