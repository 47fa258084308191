package io.brokerbench.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.Markdown;
import io.brokerbench.bench.claims.RunRows;
import io.brokerbench.bench.latency.LatencyRow;
import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.throughput.ThroughputRow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two result folders, A and B (an instructor's run and a student's, or before and after a
 * change), into Markdown: for every row the two have in common, each figure of A and of B and the
 * ratio B/A; the verdicts side by side; and first, where the environments differ, because a ratio
 * across machines measures the machines as much as the brokers.
 *
 * <p>It is also the command behind {@code bin/compare}: given three folders or more, or {@code
 * --class}, it writes the {@link ClassTable class table} of all of them instead.
 *
 * <pre>
 * bin/compare results/20261127-220132-quick results/latest [--out=compare.md]
 * bin/compare results/* [--class] [--out=class.md]
 * </pre>
 */
public final class CompareRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A result file: the fields that identify a row (rows with the same key are compared; several
   * rows with one key, like the starts of one system, are reduced to their median) and the figures
   * compared.
   */
  record Table(String file, String title, List<String> keys, List<String> figures) {}

  static final List<Table> TABLES =
      List.of(
          new Table(
              "startup.json",
              "Start-up (median of the starts)",
              List.of("system", "mode"),
              List.of("startToReadyMs", "roundTripMs", "stopMs")),
          new Table(
              "throughput.json",
              "Throughput",
              List.of(
                  Row.SYSTEM,
                  ThroughputRow.MODE,
                  ThroughputRow.TIER,
                  ThroughputRow.TOPOLOGY,
                  ThroughputRow.MESSAGE_BYTES),
              List.of(
                  ThroughputRow.MSG_PER_SEC,
                  ThroughputRow.MB_PER_SEC,
                  ThroughputRow.VENDOR_MSG_PER_SEC)),
          new Table(
              "latency.json",
              "Latency",
              List.of(
                  Row.SYSTEM,
                  LatencyRow.TIER,
                  LatencyRow.MESSAGE_BYTES,
                  LatencyRow.TARGET_PER_SEC,
                  LatencyRow.ARRIVALS),
              List.of(
                  LatencyRow.ACHIEVED_PER_SEC,
                  LatencyRow.P50_US,
                  LatencyRow.P99_US,
                  LatencyRow.P999_US,
                  LatencyRow.MAX_US)),
          new Table(
              "durability.json",
              "Durability",
              List.of("system", "mode", "tier", "fault", "nodes"),
              List.of(
                  "sent",
                  "acked",
                  "ackedLost",
                  "unackedLost",
                  "duplicates",
                  "reordered",
                  "recoveryMs")),
          new Table(
              "metadata-scaling.json",
              "ZooKeeper against KRaft",
              List.of("mode", "shape", "partitions"),
              List.of(
                  "createAckMs",
                  "createOnlineMs",
                  "znodes",
                  "zkAvgLatencyMs",
                  "zkMaxLatencyMs",
                  "metadataLogBytes",
                  "controlledShutdownMs",
                  "restartMs",
                  "controllerFailoverMs",
                  "describeAllMs",
                  "brokerRssBytes",
                  "zkRssBytes")),
          new Table(
              "footprint.json",
              "Footprint",
              List.of("system", "mode"),
              List.of(
                  "processes",
                  "startToReadyMs",
                  "idleRssBytes",
                  "loadedRssBytes",
                  "diskBytesAfterMillion",
                  "configLines")));

  private final PrintStream out;
  private final PrintStream err;

  public CompareRuns(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new CompareRuns(System.out, System.err).run(args));
  }

  private static final String USAGE =
      "usage: compare A B [--out=FILE.md] (B against A), or compare A B C... [--class]"
          + " [--out=FILE.md] (the class table of any number of runs)";

  /**
   * Returns the exit code: 0 compared, 2 bad arguments or a folder that is not a result folder. Two
   * folders are compared with each other; three or more, or any number with {@code --class}, make
   * the {@link ClassTable class table}, which leaves out a folder it cannot read (one line on the
   * error stream) and exits 0 as long as one folder was read.
   */
  public int run(String... args) {
    List<Path> folders = new ArrayList<>();
    Path output = null;
    boolean classTable = false;
    for (String arg : args) {
      if (arg.startsWith("--out=")) {
        output = Path.of(arg.substring("--out=".length()));
      } else if (arg.equals("--class")) {
        classTable = true;
      } else if (arg.startsWith("--")) {
        err.println("compare: unknown option " + arg + "; " + USAGE);
        return 2;
      } else {
        folders.add(Path.of(arg));
      }
    }
    if (folders.size() >= 3 || (classTable && !folders.isEmpty())) {
      ClassTable table = ClassTable.read(folders, err);
      if (table.runs().isEmpty()) {
        err.println("compare: none of the " + folders.size() + " folders is a result folder");
        return 2;
      }
      return write(table.markdown(), output);
    }
    if (folders.size() != 2) {
      err.println(
          "compare: expected two result folders, or --class with one or more, got "
              + folders.size()
              + "; "
              + USAGE);
      return 2;
    }
    try {
      return write(compare(folders.get(0), folders.get(1)), output);
    } catch (NotAResultFolder e) {
      err.println("compare: " + e.getMessage());
      return 2;
    }
  }

  private int write(String markdown, Path output) {
    out.print(markdown);
    if (output == null) {
      return 0;
    }
    try {
      Files.writeString(output, markdown, StandardCharsets.UTF_8);
      out.println("compare: written to " + output);
      return 0;
    } catch (IOException e) {
      err.println("compare: cannot write " + output + ": " + e.getMessage());
      return 2;
    }
  }

  /** The comparison of A and B, Markdown. */
  public static String compare(Path a, Path b) throws NotAResultFolder {
    JsonNode envA = environment(a);
    JsonNode envB = environment(b);
    StringBuilder md = new StringBuilder();
    md.append("# Comparing two runs\n\n");
    md.append("- A: `").append(a).append("` (run ").append(envA.path("run").asText("?"));
    md.append(")\n- B: `").append(b).append("` (run ").append(envB.path("run").asText("?"));
    md.append(
        ")\n\nEvery ratio is B/A: above 1, B's figure is larger (faster for msg/s, slower for");
    md.append(" times and latencies).\n\n");
    EnvironmentNote.write(md, envA, envB);
    verdicts(md, a, b);
    for (Table table : TABLES) {
      table(md, table, rows(a, table), rows(b, table));
    }
    return md.toString();
  }

  private static JsonNode environment(Path folder) throws NotAResultFolder {
    if (!Files.isDirectory(folder)) {
      throw new NotAResultFolder(
          folder
              + " is not a folder; give two result folders, e.g. results/20261127-220132-quick"
              + " results/latest");
    }
    Path file = folder.resolve("environment.json");
    if (!Files.isRegularFile(file)) {
      throw new NotAResultFolder(
          folder
              + " is not a result folder: it has no environment.json; a result folder is what"
              + " `mvn verify -Pbench` writes as results/<run>/");
    }
    return read(file);
  }

  private static JsonNode read(Path file) throws NotAResultFolder {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new NotAResultFolder(
          "cannot read " + file + ": " + e.getMessage().replaceAll("\\s+", " "));
    }
  }

  /**
   * The rows of result file {@code file}: none when the file is missing, as when its suite did not
   * run.
   *
   * @throws NotAResultFolder when the file is there but cannot be read or holds no rows array
   */
  static List<JsonNode> resultRows(Path file) throws NotAResultFolder {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    JsonNode root = read(file);
    JsonNode array = root != null && root.isObject() ? root.get("rows") : root;
    if (array == null || !array.isArray()) {
      throw new NotAResultFolder(file + " has no rows array; is it a brokerbench result file?");
    }
    List<JsonNode> rows = new ArrayList<>();
    array.forEach(rows::add);
    return rows;
  }

  // ---- verdicts ----

  private static void verdicts(StringBuilder md, Path a, Path b) throws NotAResultFolder {
    Optional<JsonNode> sa = summary(a);
    Optional<JsonNode> sb = summary(b);
    if (sa.isEmpty() || sb.isEmpty()) {
      return;
    }
    Map<String, String> va = new LinkedHashMap<>();
    sa.get().path("claims").forEach(c -> va.put(c.path("id").asText(), c.path("verdict").asText()));
    Map<String, String> vb = new LinkedHashMap<>();
    sb.get().path("claims").forEach(c -> vb.put(c.path("id").asText(), c.path("verdict").asText()));
    Markdown.Table table = new Markdown.Table().left("claim", "A", "B", "");
    for (String id : va.keySet()) {
      String other = vb.getOrDefault(id, "");
      table.row(id, va.get(id), other, other.equals(va.get(id)) ? "" : "**changed**");
    }
    md.append("## Verdicts\n\n").append(table).append("\n");
  }

  private static Optional<JsonNode> summary(Path folder) throws NotAResultFolder {
    Path file = folder.resolve("summary.json");
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  // ---- tables ----

  /** key to figure to the values of the measured rows with that key. */
  private static Map<String, Map<String, List<Double>>> rows(Path folder, Table table)
      throws NotAResultFolder {
    Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();
    for (JsonNode row : resultRows(folder.resolve(table.file()))) {
      if (!RunRows.ok(row)) {
        continue;
      }
      List<String> key = new ArrayList<>();
      for (String field : table.keys()) {
        key.add(RunRows.text(row, field));
      }
      Map<String, List<Double>> figures =
          rows.computeIfAbsent(String.join(", ", key), k -> new LinkedHashMap<>());
      for (String figure : table.figures()) {
        Double value = RunRows.number(row, figure);
        if (value != null) {
          figures.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
        }
      }
    }
    return rows;
  }

  private static void table(
      StringBuilder md,
      Table table,
      Map<String, Map<String, List<Double>>> a,
      Map<String, Map<String, List<Double>>> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return;
    }
    md.append("## ").append(table.title()).append(" (`").append(table.file()).append("`)\n\n");
    Markdown.Table matched =
        new Markdown.Table().left(String.join(", ", table.keys())).left("figure", "A", "B", "B/A");
    int onlyA = 0;
    for (Map.Entry<String, Map<String, List<Double>>> row : a.entrySet()) {
      Map<String, List<Double>> other = b.get(row.getKey());
      if (other == null) {
        onlyA++;
        continue;
      }
      for (String figure : table.figures()) {
        List<Double> va = row.getValue().get(figure);
        List<Double> vb = other.get(figure);
        if (va == null || vb == null) {
          continue;
        }
        double ma = median(va);
        double mb = median(vb);
        matched.row(
            row.getKey(),
            figure,
            number(ma),
            number(mb),
            ma == 0 ? "—" : String.format(Locale.ROOT, "%.2f", mb / ma));
      }
    }
    long onlyB = b.keySet().stream().filter(key -> !a.containsKey(key)).count();
    if (matched.isEmpty()) {
      md.append("No measured row in common.\n");
    } else {
      md.append(matched);
    }
    if (onlyA + onlyB > 0) {
      md.append(
          String.format("%nRows without a match: %d only in A, %d only in B.%n", onlyA, onlyB));
    }
    md.append("\n");
  }

  /** The median of {@code values}, the mean of the middle two for an even count. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%,.1f", value);
  }
}
