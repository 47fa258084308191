package io.brokerbench.bench.throughput;

import io.brokerbench.bench.row.Status;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One round of one cell: JMH's figures and the fork's own, or why it failed. A record of its own
 * because {@link ForkRunner} makes it, the run loop reports it and {@link RowFolder} folds it.
 *
 * @param failure why the round measured nothing, or null
 * @param status {@code ok} when measured; else what the round's row says: {@code skipped} when its
 *     system is not available here, {@code failed} otherwise
 */
record Measured(
    double perSec,
    double sentPerSec,
    List<Double> iterations,
    int connections,
    double meanLatencyUs,
    double windowWaitShare,
    boolean warmupSettled,
    String failure,
    Status status) {
  /** A round that measured nothing: {@code status} is failed or skipped, {@code why} the reason. */
  static Measured failed(Status status, String why) {
    return new Measured(0, 0, List.of(), 0, 0, 0, false, why, status);
  }

  /** The last iteration less the first, over their mean: the round's drift; 0 with one. */
  double drift() {
    double mean = iterations.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return iterations.size() < 2 || mean <= 0
        ? 0
        : (iterations.get(iterations.size() - 1) - iterations.get(0)) / mean;
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** A round as a progress line reports it. */
  static String describe(Measured result) {
    if (result.failure() != null) {
      // A skipped round (its system is not available here) is no failure.
      return (result.status() == Status.SKIPPED ? "skipped: " : "FAILED: ") + result.failure();
    }
    return String.format(
        "%,.0f msg/s delivered (iterations %s)%s",
        result.perSec(),
        result.iterations().stream()
            .map(value -> String.format("%,.0f", value))
            .collect(Collectors.joining(", ")),
        result.warmupSettled() ? "" : "; warm-up did not settle");
  }
}
