package io.brokerbench.bench.latency;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Nanosecond histograms and values as the microseconds a {@link LatencyRow} reports, to 0.1 µs.
 * Apart from the row so that the record reads as its fields and the rules that fill them.
 */
final class Micros {
  private Micros() {}

  static Double min(List<Long> valuesNs) {
    return valuesNs.isEmpty()
        ? null
        : us(valuesNs.stream().mapToLong(Long::longValue).min().getAsLong());
  }

  static Double max(List<Long> valuesNs) {
    return valuesNs.isEmpty()
        ? null
        : us(valuesNs.stream().mapToLong(Long::longValue).max().getAsLong());
  }

  static Double percentile(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? null : us(histogram.getValueAtPercentile(percentile));
  }

  /** Nanoseconds to microseconds, to 0.1 µs: finer than the histograms' 0.1% resolution needs. */
  static double us(long nanoseconds) {
    return Math.round(nanoseconds / 100.0) / 10.0;
  }
}
