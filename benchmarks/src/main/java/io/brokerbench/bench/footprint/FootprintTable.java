package io.brokerbench.bench.footprint;

import io.brokerbench.bench.Markdown;
import io.brokerbench.bench.SystemUnderTest.Family;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The footprint section of REPORT.md: one row per setup, then what each setup ran. */
final class FootprintTable {
  private FootprintTable() {}

  static String markdown(List<FootprintRow> rows) {
    StringBuilder md = new StringBuilder();
    md.append("## Footprint (claims K6, R3, Z5)\n\n");
    if (rows.isEmpty()) {
      return md.append("No setup was measured.\n").toString();
    }
    md.append(
        "Each setup started as brokerbench starts it, then measured from the outside: processes"
            + " and resident memory (RSS) from `/proc`, disk with `du` over the data directories"
            + " after the messages were acknowledged at the durable setting, configuration lines"
            + " counted in what the launchers wrote. `footprint.json` has every figure and where"
            + " each configuration line comes from.\n\n");
    Markdown.Table table =
        new Markdown.Table()
            .left("system", "mode", "status")
            .right(
                "processes (broker)",
                "start to ready",
                "idle RSS",
                "loaded RSS",
                "messages",
                "acknowledged",
                "send time",
                "disk after",
                "config lines (files + env + args)");
    for (FootprintRow row : rows) {
      List<String> cells = new ArrayList<>(List.of(row.system(), row.mode(), row.status().label()));
      if (row.processes() > 0) {
        cells.addAll(
            List.of(
                row.processes() + " (" + row.brokerProcesses() + ")",
                String.format(Locale.ROOT, "%,d ms", row.startToReadyMs()),
                bytes(row.idleRssBytes()),
                bytes(row.loadedRssBytes()),
                String.format(Locale.ROOT, "%,d × %s", row.messages(), bytes(row.messageBytes())),
                String.format(Locale.ROOT, "%,d", row.acknowledged()),
                String.format(Locale.ROOT, "%.1f s", row.loadMs() / 1000.0),
                bytes(row.diskBytesAfterMillion()),
                String.format(
                    Locale.ROOT,
                    "%d (%d + %d + %d)",
                    row.configLines(),
                    row.configFileLines(),
                    row.configEnvironmentLines(),
                    row.configArgumentLines())));
      } else {
        cells.addAll(Collections.nCopies(9, "")); // not measured: no figure in any column
      }
      table.row(cells);
    }
    md.append(table);
    md.append('\n');
    for (FootprintRow row : rows) {
      md.append("- ").append(row.system()).append(' ').append(row.mode()).append(": ");
      if (row.processes() > 0) {
        md.append("processes ").append(String.join(", ", row.processNames()));
        if (row.system().equals(Family.ZEROMQ.label())) {
          md.append(" (no broker: the process is the receiving peer itself)");
        }
      }
      if (!row.reason().isEmpty()) {
        md.append(row.processes() > 0 ? "; " : "").append(row.reason().replace('\n', ' '));
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** Bytes in binary units with one decimal: {@code 512 B}, {@code 1.0 KiB}, {@code 1.3 GiB}. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return "n/a";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
