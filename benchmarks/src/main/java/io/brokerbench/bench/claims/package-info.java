/**
 * The claims report: one verdict per claim of the README's table ("The claims"), computed from a
 * run's result files.
 *
 * <ul>
 *   <li>{@link io.brokerbench.bench.claims.RunRows}: the run's JSON files read generically, by
 *       field name, tolerating missing files and fields. The names are the row records' constants
 *       ({@code Row.STATUS}, {@code ThroughputRow.MSG_PER_SEC}, {@code LatencyRow.P99_US}, ...),
 *       each checked by a test to be a field of its row's JSON; statuses are parsed into {@code
 *       Status} and systems looked up in {@code SystemUnderTest}.
 *   <li>{@link io.brokerbench.bench.claims.Claims}: the claims and their rules; the rules live in
 *       {@code ThroughputClaims} (K1, R1, Z1), {@code ScalingClaims} (K3, Z4), {@code
 *       DurabilityClaims} (K2, R2, Z2, Z3), {@code FootprintClaims} (K4, K6, R3, Z5) and {@code
 *       MetadataClaims} (K5). Each rule makes {@link io.brokerbench.bench.claims.Comparison}s, each
 *       on the claim's side of a stated threshold, against it, or between; {@code Tally} turns them
 *       into the {@link io.brokerbench.bench.claims.Verdict} the same way for every rule.
 *   <li>{@link io.brokerbench.bench.claims.ClaimsReport}: the table at the top of {@code
 *       REPORT.md}, the rules in words, {@code summary.json} and {@code report.html}.
 *   <li>{@link io.brokerbench.bench.claims.Messages}: the words, in English or Brazilian
 *       Portuguese, from the {@code claims} bundle.
 * </ul>
 *
 * A rule never sees anything but the run's files: the verdicts change when, and only when, the
 * measurements do.
 */
package io.brokerbench.bench.claims;
