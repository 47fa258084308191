package io.brokerbench.bench.latency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The raw record of one rate point: {@code latency/<point>.hlog}, HdrHistogram's interval log,
 * nanoseconds, one interval histogram per phase and metric.
 *
 * <p>End-to-end latency of the measured repeats is written <em>untagged</em>, so that
 * HdrHistogram's own {@code HistogramLogProcessor -i <point>.hlog} (which reads only untagged
 * intervals unless given {@code -tag}) summarises exactly what the report's row says. Everything
 * else is kept and tagged: {@code publish} and {@code send-delay} for the measured repeats, {@code
 * warmup}, {@code warmup-publish} and {@code warmup-send-delay} for the discarded warm-up. Nothing
 * is dropped.
 */
final class PointLog implements AutoCloseable {
  /** Writes nothing: for measurements nobody keeps (tests, the rate search). */
  static final PointLog NO_OP = new PointLog();

  private final PrintStream out;
  private final HistogramLogWriter writer;

  private PointLog() {
    this.out = null;
    this.writer = null;
  }

  private PointLog(Path file, String description) throws IOException {
    Files.createDirectories(file.getParent());
    this.out = new PrintStream(file.toFile(), StandardCharsets.UTF_8);
    this.writer = new HistogramLogWriter(out);
    long nowMs = System.currentTimeMillis();
    writer.outputLogFormatVersion();
    writer.outputComment(
        "brokerbench latency, nanoseconds, "
            + description
            + "; untagged: end-to-end of the measured repeats; tags publish, send-delay, warmup,"
            + " warmup-publish, warmup-send-delay");
    writer.outputStartTime(nowMs);
    writer.setBaseTime(nowMs);
    writer.outputLegend();
  }

  /** A log at {@code file}, described in its header comment. */
  static PointLog open(Path file, String description) throws IOException {
    return new PointLog(file, description);
  }

  /**
   * One phase's interval histograms; {@code publishNs} is null at tier {@code none}.
   *
   * @param warmup true for the discarded warm-up phase
   */
  void phase(boolean warmup, Histogram endToEndNs, Histogram publishNs, Histogram sendDelayNs) {
    if (writer == null) {
      return;
    }
    write(endToEndNs, warmup ? "warmup" : null);
    if (publishNs != null) {
      write(publishNs, warmup ? "warmup-publish" : "publish");
    }
    write(sendDelayNs, warmup ? "warmup-send-delay" : "send-delay");
  }

  private void write(Histogram histogram, String tag) {
    // The writer encodes the histogram as it is: tag a copy, the caller keeps the original.
    Histogram copy = histogram.copy();
    copy.setStartTimeStamp(histogram.getStartTimeStamp());
    copy.setEndTimeStamp(histogram.getEndTimeStamp());
    copy.setTag(tag);
    writer.outputIntervalHistogram(copy);
  }

  @Override
  public void close() {
    if (out != null) {
      out.close();
    }
  }
}
