package io.brokerbench.bench.latency;

/**
 * The words of the latency suite's progress lines and failed rows: a measured point, a finished
 * search, a failure in one line. Apart from {@link TierSweep} and {@link LatencySuite} so that they
 * read as the order of what they measure and this as how it is reported.
 */
final class LatencyText {
  private LatencyText() {}

  static String describe(LatencyRow row) {
    return switch (row.status()) {
      case OK ->
          String.format(
              "achieved %,.0f msg/s; end-to-end p50 %s, p99 %s (repeats %s–%s), max %s%s;"
                  + " send delay p99 %s",
              row.achievedPerSec(),
              LatencyTable.time(row.p50Us()),
              LatencyTable.time(row.p99Us()),
              LatencyTable.time(row.p99MinUs()),
              LatencyTable.time(row.p99MaxUs()),
              LatencyTable.time(row.maxUs()),
              row.publishP99Us() == null
                  ? ""
                  : "; publish p99 " + LatencyTable.time(row.publishP99Us()),
              LatencyTable.time(row.sendDelayP99Us()));
      case SATURATED ->
          String.format("SATURATED (achieved %,.0f msg/s): %s", row.achievedPerSec(), row.reason());
      default -> row.status().label().toUpperCase() + ": " + row.reason();
    };
  }

  static String describeSearch(RateSearch.Result found) {
    StringBuilder text =
        new StringBuilder(String.format("capacity %,.0f msg/s unpaced", found.capacityPerSec()));
    for (SearchRow.Probe probe : found.probes()) {
      text.append(
          String.format(
              "; %s %s", rateText(probe.targetPerSec()), probe.saturated() ? "saturated" : "ok"));
    }
    return text.toString();
  }

  static String rateText(int rate) {
    return String.format("%,d msg/s", rate);
  }

  /** The first line of the innermost cause. */
  static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return firstLine(message);
  }

  static String firstLine(String text) {
    return text.lines().findFirst().orElse(text);
  }
}
