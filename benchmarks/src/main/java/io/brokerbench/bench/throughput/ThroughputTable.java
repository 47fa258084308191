package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.Markdown.cell;

import io.brokerbench.bench.Markdown;
import io.brokerbench.bench.row.Status;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The throughput suite's section of {@code REPORT.md}: one table per tier, then the notes. */
final class ThroughputTable {
  private ThroughputTable() {}

  static String markdown(List<ThroughputRow> rows) {
    StringBuilder md = new StringBuilder();
    md.append("## Throughput at matched guarantees\n\n");
    md.append(
        "Delivered messages per second (what the consumers received; for a producer-only"
            + " workload, what the broker acknowledged with nobody reading; for a consumer-only"
            + " workload, how fast one consumer read a topic filled beforehand, with nobody"
            + " sending). Every system ran in the same interleaved rounds (each system's trials"
            + " once per round, then again), each trial warmed up until two consecutive slices"
            + " agreed: *msg/s* is the mean of the rounds, with the slowest and fastest round in"
            + " brackets. The claims divide two systems' figures round by round, so that the"
            + " machine's drift between rounds cancels. These are closed-loop figures at"
            + " saturation: a producer runs as far ahead as the in-flight window lets it, so"
            + " *in flight* (Little's law: msg/s times the mean time a message was in flight) sits"
            + " near the window and the mean time is queueing in the window, not the latency"
            + " suite's open-loop latency. The window is sized above each system's own flow"
            + " control, and the *window check* proves it: the same trial with four times the"
            + " window, in the same rounds, must not deliver more than 1.10x as much (on average and"
            + " in every round), or the rows of that system and workload whose producers waited"
            + " at a full window for more than 5% of the measured time (*waited*) are"
            + " **harness-bound** and decide no verdict. A row whose measurement"
            + " iterations drifted the same way by more than 25% in every round is **unsettled**"
            + " and decides no verdict either. The producer-only and consumer-only"
            + " rows time one side alone, as Kafka's ProducerPerformance and ConsumerPerformance"
            + " do, for the parity with them; no claim compares them with the other workloads."
            + " The vendor's own tool ran on the same broker right after brokerbench's trial in"
            + " each round; *brokerbench/vendor* is the ratio of the means with the lowest and"
            + " highest round's ratio. *conns* is the TCP connections the workload had open,"
            + " counted in the trial's process (a broker's side is the same connections; ZeroMQ's"
            + " mesh has both ends in the process and counts each once).\n\n");
    List<String> notes = new ArrayList<>();
    for (String tier : Arrays.stream(GuaranteeTier.values()).map(GuaranteeTier::key).toList()) {
      List<ThroughputRow> ofTier =
          rows.stream().filter(row -> row.tier().equals(tier)).collect(Collectors.toList());
      if (ofTier.isEmpty()) {
        continue;
      }
      md.append("### Tier `").append(tier).append("`\n\n");
      md.append(
          "| system | mode | workload | msg/s [rounds] | MB/s | in flight / window, mean time, waited"
              + " | window check | conns | vendor tool | vendor msg/s | brokerbench/vendor |\n");
      md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (ThroughputRow row : ofTier) {
        if (row.ok()) {
          md.append(
              String.format(
                  "| %s | %s | %s | %s | %.1f | %s | %s | %s | %s | %s | %s |%n",
                  cell(row.system()),
                  cell(row.mode()),
                  cell(row.topology()),
                  rate(row),
                  row.mbPerSec(),
                  inFlight(row),
                  windowCheck(row),
                  row.connections() > 0 ? Integer.toString(row.connections()) : "",
                  cell(row.vendorTool()),
                  row.vendorMsgPerSec() > 0 ? String.format("%,.0f", row.vendorMsgPerSec()) : "",
                  row.parity() > 0
                      ? String.format(
                          "%.2f [%.2f–%.2f]", row.parity(), row.parityLow(), row.parityHigh())
                      : ""));
        } else {
          md.append(
              String.format(
                  "| %s | %s | %s | %s | | | | | |%n",
                  cell(row.system()),
                  cell(row.mode()),
                  cell(row.topology()),
                  cell(row.status().label())));
          if (row.status() != Status.NOT_OFFERED) {
            notes.add(
                String.format(
                    "- %s, %s, %s: %s",
                    row.system(), tier, row.topology(), Markdown.oneLine(row.reason())));
          }
        }
      }
      md.append("\n");
    }
    notes.addAll(Markdown.systemNotes(rows.stream().filter(row -> row.tier().equals("all"))));
    if (!notes.isEmpty()) {
      md.append(String.join("\n", notes)).append("\n\n");
    }
    md.append(
        "Raw rows: `throughput.json`; JMH's own results: `jmh/`; each trial's end-to-end latency"
            + " histograms (`.hlog`) and delivery accounting: `trials/`.\n");
    return md.toString();
  }

  /** "mean [slowest–fastest round]", with the flags that keep a row from the verdicts. */
  static String rate(ThroughputRow row) {
    String figure;
    if (row.rounds().size() > 1) {
      figure =
          String.format(
              "%,.0f [%,.0f–%,.0f]",
              row.msgPerSec(),
              java.util.Collections.min(row.rounds()),
              java.util.Collections.max(row.rounds()));
    } else {
      figure =
          String.format("%,.0f (%,.0f–%,.0f)", row.msgPerSec(), row.minPerSec(), row.maxPerSec());
    }
    if (row.harnessBound()) {
      figure += " **harness-bound**";
    }
    if (row.unsettled()) {
      figure += " **unsettled**";
    }
    return figure;
  }

  /**
   * "12,000 / 65,536, 600 µs, waited 0.0%": Little's law against the window, and the share of the
   * measured time the producers waited at a full window; empty when not measured.
   */
  static String inFlight(ThroughputRow row) {
    if (row.window() <= 0 || row.meanLatencyUs() <= 0) {
      return "";
    }
    return String.format(
        "%,.0f / %,d, %s, waited %.1f%%",
        row.inFlightMean(), row.window(), micros(row.meanLatencyUs()), row.windowWaitShare() * 100);
  }

  private static String micros(double us) {
    return us >= 10_000 ? String.format("%,.0f ms", us / 1_000) : String.format("%,.0f µs", us);
  }

  /** "4x: 1.03 [0.95–1.12]" on the row of the tier the check ran at. */
  static String windowCheck(ThroughputRow row) {
    ThroughputRow.WindowCheck check = row.windowCheck();
    if (check == null) {
      return "";
    }
    return String.format(
        "%,d: %.2f [%.2f–%.2f]%s",
        check.window(), check.ratio(), check.low(), check.high(), check.binds() ? " binds" : " ok");
  }
}
