package io.brokerbench.bench.latency;

import io.brokerbench.bench.Markdown;
import io.brokerbench.bench.row.Status;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.rig.PacedPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The latency section of {@code REPORT.md}: how it was measured, a table per tier, the plots. */
public final class LatencyTable {
  private LatencyTable() {}

  /**
   * The section, in Markdown.
   *
   * @param plots the plot files written into the run's folder (PNG and SVG), or empty
   * @param plotProblem why the plots are missing; empty when they were drawn
   */
  public static String markdown(
      LatencySettings settings,
      List<LatencyRow> rows,
      List<SearchRow> searches,
      List<String> plots,
      String plotProblem) {
    StringBuilder md = new StringBuilder();
    md.append("## Latency under load\n\n");
    md.append(
        String.format(
            "Open-loop: one producer sends %,d-byte messages to one consumer at each target rate,"
                + " on a %s schedule of intended send times, and every latency is measured from"
                + " the message's intended send time, so a stall counts in full for every message"
                + " it held up (no coordinated omission). End-to-end: intended send to receive;"
                + " publish: intended send to the broker's acknowledgement (tiers `ack` and"
                + " `durable`); send delay: how late the producer's send was. Each rate had a"
                + " discarded warm-up, then %d measured repeats of %.1f s; figures are over the"
                + " repeats together, with the lowest and highest p50 and p99 of a single repeat"
                + " in brackets; repeats whose p99s are more than %.0fx apart are marked *repeats"
                + " disagree*, and a claim cannot rank such a point.%n%n",
            settings.messageBytes(),
            settings.arrivals().key().equals("fixed") ? "fixed-rate" : "Poisson",
            settings.repeats(),
            settings.repeatTime().toMillis() / 1000.0,
            LatencyRow.REPEATS_AGREE_RATIO));
    md.append(
        String.format(
            "A rate is sustained only when every scheduled message was sent and has a latency"
                + " sample, the producer kept its schedule (send-delay p99 at most %.0f%% of a"
                + " repeat), deliveries kept up (at least %.0f%% of the scheduled rate delivered,"
                + " a backlog counted from the schedule that neither grew by more than %.0f%% of"
                + " the rate nor was left over %.0f s after the last send), and p99 stayed within"
                + " %.0fx the same system and tier's p99 at its lowest rate (or under %s, or"
                + " within the longest time the machine kept a ready thread off its cores beside"
                + " the point, plus the median: such a tail may be the machine's alone, the row"
                + " says so and its p99 ranks nothing);"
                + " otherwise it is `saturated`, the reason names the rule, and it has no latency"
                + " figures: they would describe how long the run lasted, not the system. The"
                + " highest rate is the one the search proved sustained by a full measurement"
                + " (marked *highest*).%n%n",
            PacedPhase.SEND_DELAY_P99_FRACTION * 100,
            PacedPhase.SUSTAINED_FRACTION * 100,
            (1 - PacedPhase.SUSTAINED_FRACTION) * 100,
            settings.drainTimeout().toMillis() / 1000.0,
            TailRule.MAX_MULTIPLE,
            time((double) TailRule.FLOOR_US)));
    md.append(
        String.format(
            "The in-memory driver is the harness's own floor (a hand-off between two threads"
                + " in the bench's JVM, through the same rig): a row whose p99 is within %.0fx"
                + " of the floor's at the same rate is marked *at the harness floor*, where the"
                + " harness, not the system, may be what it shows. The throughput suite's"
                + " `.hlog` files are closed-loop (each producer sends as its in-flight window"
                + " allows, timed from the actual send): read latency from this section's.%n%n",
            LatencyRow.HARNESS_FLOOR_RATIO));
    List<String> notes = new ArrayList<>();
    for (String tier : List.of("none", "ack", "durable", "replicated")) {
      List<LatencyRow> ofTier =
          rows.stream().filter(row -> row.tier().equals(tier)).collect(Collectors.toList());
      if (ofTier.isEmpty()) {
        continue;
      }
      boolean publish = !tier.equals("none");
      md.append("### Tier `").append(tier).append("`\n\n");
      List<String> header =
          new ArrayList<>(
              List.of(
                  "system",
                  "mode",
                  "target msg/s",
                  "achieved msg/s",
                  "p50 (repeats)",
                  "p90",
                  "p99 (repeats)",
                  "p99.9",
                  "max"));
      if (publish) {
        header.addAll(List.of("publish p50", "publish p99"));
      }
      header.add("send delay p99");
      header.add("remarks");
      Markdown.Table table = new Markdown.Table().left(header);
      for (LatencyRow row : ofTier) {
        String target = row.targetPerSec() == 0 ? "" : String.format("%,d", row.targetPerSec());
        if (row.searched()) {
          target += " *highest*";
        }
        List<String> cells = new ArrayList<>(List.of(row.system(), row.mode(), target));
        if (row.ok()) {
          cells.addAll(
              List.of(
                  String.format("%,.0f", row.achievedPerSec()),
                  String.format(
                      "%s (%s–%s)", time(row.p50Us()), time(row.p50MinUs()), time(row.p50MaxUs())),
                  time(row.p90Us()),
                  String.format(
                      "%s (%s–%s)", time(row.p99Us()), time(row.p99MinUs()), time(row.p99MaxUs())),
                  time(row.p999Us()),
                  time(row.maxUs())));
          if (publish) {
            cells.addAll(List.of(time(row.publishP50Us()), time(row.publishP99Us())));
          }
          cells.add(time(row.sendDelayP99Us()));
          cells.add(remarks(row));
        } else {
          cells.add(row.achievedPerSec() > 0 ? String.format("%,.0f", row.achievedPerSec()) : "");
          cells.add(row.status().label());
          while (cells.size() < header.size() - 2) {
            cells.add("");
          }
          // A saturated point's send delay shows how far behind its producer fell.
          cells.add(row.saturated() ? time(row.sendDelayP99Us()) : "");
          cells.add("");
          if (!row.status().equals(Status.NOT_OFFERED)) {
            notes.add(
                String.format(
                    "- %s, %s%s: %s",
                    row.system(),
                    tier,
                    row.targetPerSec() == 0 ? "" : String.format(", %,d msg/s", row.targetPerSec()),
                    Markdown.cell(row.reason())));
          }
        }
        table.row(cells);
      }
      md.append(table).append("\n");
    }
    notes.addAll(Markdown.systemNotes(rows.stream().filter(row -> row.tier().equals("all"))));
    if (!notes.isEmpty()) {
      md.append(String.join("\n", notes)).append("\n\n");
    }
    List<String> found = new ArrayList<>();
    for (SearchRow search : searches) {
      String text = search.system() + " " + search.tier() + ": ";
      if (search.capacityPerSec() > 0) {
        text += String.format("capacity %,.0f msg/s unpaced, ", search.capacityPerSec());
        text += bracket(search);
        text += search.note().isEmpty() ? "" : " (" + search.note() + ")";
      } else {
        text += search.note();
      }
      found.add(text);
    }
    if (!found.isEmpty()) {
      md.append(
          String.format(
              "The search (an unpaced probe for the capacity, then short paced probes, to %.1fx;"
                  + " only a full measurement proves a rate sustained): ",
              RateSearch.RESOLUTION));
      md.append(String.join("; ", found)).append(".\n\n");
    }
    if (plots.contains(LatencyPlots.SPECTRUM + ".png")) {
      md.append(
          String.format(
              "![End-to-end latency by percentile at %,d msg/s](%s.png)%n%n",
              settings.spectrumRatePerSec(), LatencyPlots.SPECTRUM));
    }
    if (plots.contains(LatencyPlots.VS_THROUGHPUT + ".png")) {
      md.append(
          String.format(
              "![End-to-end p99 against achieved throughput](%s.png)%n%n",
              LatencyPlots.VS_THROUGHPUT));
    }
    if (!plotProblem.isEmpty()) {
      md.append("The plots could not be drawn: ")
          .append(Markdown.oneLine(plotProblem))
          .append("\n\n");
    }
    md.append(
        "Raw rows and the searches' probes: `latency.json`; each point's interval histograms:"
            + " `latency/<system>-<tier>-<rate>.hlog` (end-to-end of the measured repeats"
            + " untagged; `publish`, `send-delay` and the warm-up's tagged); plots also as SVG.\n");
    return md.toString();
  }

  /** What the search proved: the highest sustained rate, within its resolution or its bracket. */
  static String bracket(SearchRow search) {
    if (search.provenLowerPerSec() == 0) {
      return "no rate proven sustained"
          + (search.bracketHighPerSec() > 0
              ? String.format(" (saturated at %,d msg/s)", search.bracketHighPerSec())
              : "");
    }
    if (search.converged()) {
      return String.format(
          "highest sustained %,d msg/s (saturated at %,d)",
          search.provenLowerPerSec(), search.bracketHighPerSec());
    }
    if (search.bracketHighPerSec() == 0) {
      return String.format(
          "highest sustained at least %,d msg/s (nothing found saturated: not converged)",
          search.provenLowerPerSec());
    }
    return String.format(
        "highest sustained between %,d and %,d msg/s (not converged)",
        search.provenLowerPerSec(), search.bracketHighPerSec());
  }

  /** The table's remarks: the harness floor, repeats that disagree. */
  static String remarks(LatencyRow row) {
    List<String> remarks = new ArrayList<>();
    if (row.system().equals(InMemoryDriver.SYSTEM)) {
      remarks.add("the harness floor");
    } else if (row.atHarnessFloor()) {
      remarks.add("at the harness floor");
    }
    if (!row.repeatsAgree()) {
      remarks.add(
          row.p99MinUs() == null || row.p99MaxUs() == null
              ? "repeats disagree"
              : String.format(
                  "repeats disagree (p99 %.1fx apart)",
                  row.p99MaxUs() / Math.max(0.1, row.p99MinUs())));
    }
    if (row.tailHeldByMachine()) {
      remarks.add("tail within the machine's holds: its p99 ranks nothing");
    }
    String tail = row.tailAttribution(Runtime.getRuntime().availableProcessors());
    if (!tail.isEmpty()) {
      remarks.add(tail);
    }
    return String.join("; ", remarks);
  }

  /**
   * A latency for people: {@code 12.3 µs}, {@code 456 µs}, {@code 1.23 ms}, {@code 45.6 ms}, {@code
   * 789 ms}, {@code 1.23 s}; empty for null.
   */
  public static String time(Double us) {
    if (us == null) {
      return "";
    }
    if (us < 100) {
      return String.format("%.1f µs", us);
    }
    if (us < 1_000) {
      return String.format("%.0f µs", us);
    }
    double ms = us / 1_000;
    if (ms < 10) {
      return String.format("%.2f ms", ms);
    }
    if (ms < 100) {
      return String.format("%.1f ms", ms);
    }
    if (ms < 1_000) {
      return String.format("%.0f ms", ms);
    }
    return String.format("%.2f s", ms / 1_000);
  }
}
