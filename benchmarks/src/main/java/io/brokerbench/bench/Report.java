package io.brokerbench.bench;

import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.startup.StartupRow;
import io.brokerbench.bench.throughput.ThroughputRow;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The run's {@code REPORT.md}: environment, then one table per scenario. */
public final class Report {
  private Report() {}

  /** The report of a run without the latency suite. */
  public static String markdown(
      String run,
      String profile,
      Map<String, Object> environment,
      List<StartupRow> rows,
      List<ThroughputRow> throughput) {
    return markdown(run, profile, environment, rows, throughput, "");
  }

  /**
   * @param latency the latency suite's section, written by the suite itself ({@code
   *     LatencySuite.report}); empty when it did not run
   */
  @SuppressWarnings("unchecked")
  public static String markdown(
      String run,
      String profile,
      Map<String, Object> environment,
      List<StartupRow> rows,
      List<ThroughputRow> throughput,
      String latency) {
    StringBuilder md = new StringBuilder();
    md.append("# brokerbench run ").append(run).append("\n\n");
    Map<String, Object> machine = (Map<String, Object>) environment.get("machine");
    Map<String, Object> os = (Map<String, Object>) environment.get("os");
    Map<String, Object> jvm = (Map<String, Object>) environment.get("jvm");
    Map<String, Object> git = (Map<String, Object>) environment.get("git");
    md.append("Profile `").append(profile).append("`, revision `").append(git.get("revision"));
    md.append(Boolean.TRUE.equals(git.get("dirty")) ? "` (with uncommitted changes)" : "`");
    md.append(".\n\n");
    md.append(
        String.format(
            "Machine: %s, %s cores, %.1f GiB; %s, kernel %s; JVM %s %s.%n%n",
            machine.get("cpuModel"),
            machine.get("cores"),
            ((Number) machine.get("memoryBytes")).doubleValue() / (1L << 30),
            os.get("distribution"),
            os.get("kernel"),
            jvm.get("name"),
            jvm.get("version")));
    Map<String, Object> wallMs = (Map<String, Object>) environment.get("suiteWallMs");
    if (wallMs != null && !wallMs.isEmpty()) {
      List<String> took = new java.util.ArrayList<>();
      wallMs.forEach((suite, ms) -> took.add(suite + " " + minutes(((Number) ms).longValue())));
      md.append("Wall time per suite: ").append(String.join(", ", took)).append(".\n\n");
    }

    if (!rows.isEmpty()) {
      startup(md, rows);
    }
    if (!throughput.isEmpty()) {
      throughput(md, throughput);
    }
    if (!latency.isEmpty()) {
      md.append(throughput.isEmpty() ? "" : "\n").append(latency);
    }
    md.append("\nMachine, JVM, limits and every broker's configuration: `environment.json`.\n");
    return md.toString();
  }

  private static void startup(StringBuilder md, List<StartupRow> rows) {
    md.append("## Brokers: start, round trip, stop\n\n");
    md.append(
        "Each system started fresh, asked until it answered (start-to-ready), sent a round trip"
            + " of numbered 100-byte messages with the strongest guarantee it offers, and stopped"
            + " cleanly. Times are the median over the starts, with the minimum and maximum.\n\n");
    md.append(
        "| system | mode | starts | processes | start-to-ready ms | round trip | stop ms | status |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    Map<String, List<StartupRow>> bySystem = new LinkedHashMap<>();
    rows.forEach(row -> bySystem.computeIfAbsent(row.system(), k -> new ArrayList<>()).add(row));
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<StartupRow>> entry : bySystem.entrySet()) {
      List<StartupRow> all = entry.getValue();
      List<StartupRow> ok = all.stream().filter(StartupRow::ok).collect(Collectors.toList());
      StartupRow first = all.get(0);
      String status =
          ok.size() == all.size()
              ? "ok"
              : all.stream()
                  .filter(row -> !row.ok())
                  .map(row -> row.status().label())
                  .distinct()
                  .collect(Collectors.joining(", "));
      if (ok.isEmpty()) {
        md.append(
            String.format(
                "| %s | %s | %d | | | | | %s |%n",
                first.system(), first.mode(), all.size(), status));
      } else {
        StartupRow any = ok.get(0);
        md.append(
            String.format(
                "| %s | %s | %d | %d | %s | %d/%d in %s ms | %s | %s |%n",
                first.system(),
                any.mode(),
                all.size(),
                any.processes(),
                spread(ok.stream().map(StartupRow::startToReadyMs).collect(Collectors.toList())),
                ok.stream().mapToInt(StartupRow::readBack).min().orElse(0),
                any.messages(),
                spread(ok.stream().map(StartupRow::roundTripMs).collect(Collectors.toList())),
                spread(ok.stream().map(StartupRow::stopMs).collect(Collectors.toList())),
                status));
      }
      all.stream()
          .filter(row -> !row.ok())
          .forEach(
              row ->
                  notes.add(
                      String.format(
                          "- %s, start %d, %s: %s",
                          row.system(), row.attempt(), row.status(), oneLine(row.reason()))));
    }
    if (!notes.isEmpty()) {
      md.append("\n").append(String.join("\n", notes)).append("\n");
    }
    md.append("\nRaw rows: `startup.json`.\n\n");
  }

  private static void throughput(StringBuilder md, List<ThroughputRow> rows) {
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
                  row.system(),
                  row.mode(),
                  row.topology(),
                  rate(row),
                  row.mbPerSec(),
                  inFlight(row),
                  windowCheck(row),
                  row.connections() > 0 ? Integer.toString(row.connections()) : "",
                  row.vendorTool().isEmpty() ? "" : row.vendorTool(),
                  row.vendorMsgPerSec() > 0 ? String.format("%,.0f", row.vendorMsgPerSec()) : "",
                  row.parity() > 0
                      ? String.format(
                          "%.2f [%.2f–%.2f]", row.parity(), row.parityLow(), row.parityHigh())
                      : ""));
        } else {
          md.append(
              String.format(
                  "| %s | %s | %s | %s | | | | | |%n",
                  row.system(), row.mode(), row.topology(), row.status()));
          if (row.status() != Status.NOT_OFFERED) {
            notes.add(
                String.format(
                    "- %s, %s, %s: %s", row.system(), tier, row.topology(), oneLine(row.reason())));
          }
        }
      }
      md.append("\n");
    }
    rows.stream()
        .filter(row -> row.tier().equals("all"))
        .forEach(
            row ->
                notes.add(
                    String.format(
                        "- %s, %s: %s", row.system(), row.status(), oneLine(row.reason()))));
    if (!notes.isEmpty()) {
      md.append(String.join("\n", notes)).append("\n\n");
    }
    md.append(
        "Raw rows: `throughput.json`; JMH's own results: `jmh/`; each trial's end-to-end latency"
            + " histograms (`.hlog`) and delivery accounting: `trials/`.\n");
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

  /** "median (min–max)", or the value alone for one sample. */
  static String spread(List<Long> values) {
    List<Long> sorted = values.stream().sorted().collect(Collectors.toList());
    long median = sorted.get(sorted.size() / 2);
    if (sorted.size() == 1) {
      return String.format("%,d", median);
    }
    return String.format("%,d (%,d–%,d)", median, sorted.get(0), sorted.get(sorted.size() - 1));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /** {@code m:ss}. */
  static String minutes(long ms) {
    long seconds = Math.round(ms / 1000.0);
    return String.format(java.util.Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
