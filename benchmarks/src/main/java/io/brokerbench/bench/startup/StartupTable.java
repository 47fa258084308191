package io.brokerbench.bench.startup;

import static io.brokerbench.bench.Markdown.cell;

import io.brokerbench.bench.Markdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The startup suite's section of {@code REPORT.md}: one line per system, its starts folded. */
final class StartupTable {
  private StartupTable() {}

  static String markdown(List<StartupRow> rows) {
    StringBuilder md = new StringBuilder();
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
                cell(first.system()), cell(first.mode()), all.size(), cell(status)));
      } else {
        StartupRow any = ok.get(0);
        md.append(
            String.format(
                "| %s | %s | %d | %d | %s | %d/%d in %s ms | %s | %s |%n",
                cell(first.system()),
                cell(any.mode()),
                all.size(),
                any.processes(),
                spread(ok.stream().map(StartupRow::startToReadyMs).collect(Collectors.toList())),
                ok.stream().mapToInt(StartupRow::readBack).min().orElse(0),
                any.messages(),
                spread(ok.stream().map(StartupRow::roundTripMs).collect(Collectors.toList())),
                spread(ok.stream().map(StartupRow::stopMs).collect(Collectors.toList())),
                cell(status)));
      }
      all.stream()
          .filter(row -> !row.ok())
          .forEach(
              row ->
                  notes.add(
                      String.format(
                          "- %s, start %d, %s: %s",
                          row.system(),
                          row.attempt(),
                          row.status(),
                          Markdown.oneLine(row.reason()))));
    }
    if (!notes.isEmpty()) {
      md.append("\n").append(String.join("\n", notes)).append("\n");
    }
    md.append("\nRaw rows: `startup.json`.\n\n");
    return md.toString();
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
}
