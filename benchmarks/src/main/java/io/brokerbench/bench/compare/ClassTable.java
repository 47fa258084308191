package io.brokerbench.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.Markdown;
import io.brokerbench.bench.claims.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The class table: any number of result folders (each student's run on their own machine, or one
 * machine's runs over a week) in one Markdown table. Per claim, how many runs gave each verdict;
 * per {@link Headline headline figure}, the median and the range across the runs that measured it;
 * each run's machine in one line; and, flagged, the runs whose profile, git head or broker versions
 * differ from the others'.
 *
 * <p>A folder is read only through the files in it, by their names, so a folder copied from another
 * machine (or renamed after its student) reads the same: the absolute paths that {@code
 * environment.json} records (the brokers' data folders) are never followed. A folder that is not a
 * result folder, or of a format without verdicts, is left out with one line on the error stream
 * naming it and what it lacks; the others are compared.
 *
 * <pre>
 * bin/compare results/20261203-174442-quick results/20261203-183059-quick alice/ bob/
 * </pre>
 */
public final class ClassTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One result folder as the table reads it; {@code number} is its place in the table (#1...). */
  record Run(
      int number,
      String label,
      JsonNode environment,
      Map<String, String> verdicts,
      Map<String, String> claims,
      Map<Headline, Map<Headline.Key, Double>> figures) {}

  private final List<Run> runs;
  private final List<String> leftOut;

  private ClassTable(List<Run> runs, List<String> leftOut) {
    this.runs = runs;
    this.leftOut = leftOut;
  }

  /** The runs that made it into the table, in the order given. */
  List<Run> runs() {
    return runs;
  }

  /**
   * Reads {@code folders}; each one that cannot be compared is named on {@code err} in one line
   * ({@code compare: <folder> left out: <why>}) and in the table, and the rest are read.
   */
  public static ClassTable read(List<Path> folders, PrintStream err) {
    List<Run> runs = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (Path folder : folders) {
      String label = label(folder, folders);
      try {
        runs.add(run(runs.size() + 1, label, folder, err));
      } catch (NotAResultFolder e) {
        err.println("compare: " + folder + " left out: " + e.getMessage());
        leftOut.add("`" + folder + "`: " + e.getMessage());
      }
    }
    return new ClassTable(List.copyOf(runs), List.copyOf(leftOut));
  }

  /** The folder's own name, or the path as given where two folders share a name. */
  private static String label(Path folder, List<Path> folders) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    String own = name == null ? folder.toString() : name.toString();
    long alike =
        folders.stream()
            .map(other -> other.toAbsolutePath().normalize().getFileName())
            .filter(other -> other != null && other.toString().equals(own))
            .count();
    return alike > 1 ? folder.toString() : own;
  }

  private static Run run(int number, String label, Path folder, PrintStream err)
      throws NotAResultFolder {
    if (!Files.isDirectory(folder)) {
      throw new NotAResultFolder("not a folder");
    }
    Path environment = folder.resolve("environment.json");
    if (!Files.isRegularFile(environment)) {
      throw new NotAResultFolder(
          "not a result folder: it has no environment.json (a result folder is what `mvn verify"
              + " -Pbench` writes as results/<run>/)");
    }
    Path summary = folder.resolve("summary.json");
    if (!Files.isRegularFile(summary)) {
      throw new NotAResultFolder(
          "it has no summary.json, so it holds no verdicts: a run that did not finish, or one"
              + " from before the claims were judged; run it again with this harness");
    }
    Map<String, String> verdicts = new LinkedHashMap<>();
    Map<String, String> claims = new LinkedHashMap<>();
    JsonNode claimNodes = read(summary).path("claims");
    for (JsonNode claim : claimNodes) {
      String id = claim.path("id").asText("");
      String verdict = claim.path("verdict").asText("");
      if (!id.isEmpty() && !verdict.isEmpty()) {
        verdicts.put(id, verdict);
        claims.put(id, claim.path("claim").asText(""));
      }
    }
    if (verdicts.isEmpty()) {
      throw new NotAResultFolder(
          "its summary.json has no claims with an id and a verdict, so it is of an older or"
              + " unknown format; run it again with this harness");
    }
    Map<Headline, Map<Headline.Key, Double>> figures = new EnumMap<>(Headline.class);
    for (Headline headline : Headline.values()) {
      try {
        figures.put(headline, headline.values(folder));
      } catch (NotAResultFolder e) {
        err.println("compare: " + folder + ": " + e.getMessage() + "; its figures are left out");
        figures.put(headline, Map.of());
      }
    }
    return new Run(number, label, read(environment), verdicts, claims, figures);
  }

  private static JsonNode read(Path file) throws NotAResultFolder {
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      if (node == null || !node.isObject()) {
        throw new NotAResultFolder(file.getFileName() + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new NotAResultFolder(
          "cannot read " + file.getFileName() + ": " + e.getMessage().replaceAll("\\s+", " "));
    }
  }

  // ---- the table ----

  /** The class table, Markdown. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Class table: ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs");
    md.append("\n\nThe runs are numbered #1... in the order given. Per claim, how many runs gave");
    md.append(" each verdict (each run's `summary.json`); then the headline figures, each run's");
    md.append(" own and, across the runs that measured it, the median, the lowest and the");
    md.append(" highest: ");
    md.append(
        Arrays.stream(Headline.values()).map(Headline::heading).collect(Collectors.joining("; ")));
    md.append(".\n\n");
    if (!leftOut.isEmpty()) {
      md.append("Left out:\n\n");
      leftOut.forEach(line -> md.append("- ").append(line).append('\n'));
      md.append('\n');
    }
    if (runs.isEmpty()) {
      return md.append("No result folder to compare.\n").toString();
    }
    RunFields fields = new RunFields(runs);
    runsTable(md, fields);
    verdicts(md);
    for (Headline headline : Headline.values()) {
      figures(md, headline);
    }
    return md.toString();
  }

  private void runsTable(StringBuilder md, RunFields fields) {
    md.append("## Runs\n\n");
    Markdown.Table table =
        new Markdown.Table().right("#").left("run", "profile", "git", "brokers", "machine");
    table.left("flagged");
    for (Run run : runs) {
      JsonNode env = run.environment();
      String id = env.path("run").asText("");
      table.row(
          String.valueOf(run.number()),
          id.isEmpty() || id.equals(run.label()) ? run.label() : run.label() + " (run " + id + ")",
          RunFields.PROFILE.apply(run),
          RunFields.GIT.apply(run),
          String.join(", ", RunFields.brokers(run).entrySet().stream().map(this::broker).toList()),
          machine(env),
          String.join("; ", fields.flags(run)));
    }
    md.append(table).append('\n');
    fields.notes(md);
    md.append(
        "Each run measured its own machine: an absolute figure (msg/s, p99) differs between"
            + " machines as much as between brokers. The verdicts compare systems within each run,"
            + " so they travel between machines better than the figures do.\n\n");
  }

  private String broker(Map.Entry<String, String> softwareVersion) {
    return softwareVersion.getKey() + " " + softwareVersion.getValue();
  }

  /** CPU, cores, memory, OS, kernel, JVM and host name, in one line. */
  static String machine(JsonNode env) {
    List<String> parts = new ArrayList<>();
    parts.add(env.at("/machine/cpuModel").asText("?"));
    parts.add(env.at("/machine/cores").asText("?") + " cores");
    JsonNode memory = env.at("/machine/memoryBytes");
    parts.add(
        memory.isNumber()
            ? String.format(Locale.ROOT, "%.1f GiB", memory.asDouble() / (1L << 30))
            : "? GiB");
    parts.add(env.at("/os/distribution").asText("?"));
    parts.add(
        (env.at("/os/name").asText("") + " " + env.at("/os/kernel").asText("?")).trim()
            + " "
            + env.at("/os/arch").asText(""));
    parts.add(
        env.at("/jvm/name").asText("JVM").replace(" 64-Bit Server VM", "")
            + " "
            + env.at("/jvm/version").asText("?"));
    String host = env.at("/machine/hostname").asText("");
    if (!host.isEmpty()) {
      parts.add("host " + host);
    }
    return parts.stream().map(String::trim).collect(Collectors.joining(", "));
  }

  private void verdicts(StringBuilder md) {
    Map<String, String> claims = new LinkedHashMap<>();
    runs.forEach(run -> run.claims().forEach(claims::putIfAbsent));
    Set<String> words = new LinkedHashSet<>();
    Arrays.stream(Verdict.values()).map(Verdict::word).forEach(words::add);
    runs.forEach(run -> words.addAll(run.verdicts().values()));
    boolean absent =
        claims.keySet().stream()
            .anyMatch(id -> runs.stream().anyMatch(run -> !run.verdicts().containsKey(id)));
    md.append("## Verdicts: how many runs gave each\n\n");
    Markdown.Table table = new Markdown.Table().left("claim").right(List.copyOf(words));
    if (absent) {
      table.right("absent");
    }
    table.left("runs apart from the most common verdict");
    for (Map.Entry<String, String> claim : claims.entrySet()) {
      String id = claim.getKey();
      Map<String, List<Run>> by = groups(run -> run.verdicts().get(id));
      List<String> cells = new ArrayList<>();
      cells.add(id + " " + claim.getValue());
      for (String word : words) {
        cells.add(String.valueOf(by.getOrDefault(word, List.of()).size()));
      }
      if (absent) {
        cells.add(String.valueOf(runs.size() - by.values().stream().mapToInt(List::size).sum()));
      }
      cells.add(apart(by));
      table.row(cells);
    }
    md.append(table).append('\n');
  }

  /** The runs grouped by a value of theirs, in the order the values first appear; no null key. */
  private Map<String, List<Run>> groups(Function<Run, String> value) {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run run : runs) {
      String v = value.apply(run);
      if (v != null) {
        groups.computeIfAbsent(v, k -> new ArrayList<>()).add(run);
      }
    }
    return groups;
  }

  /** "#2 not measured" for each run outside the one most common value; "" when all agree. */
  private static String apart(Map<String, List<Run>> groups) {
    if (groups.size() <= 1) {
      return "";
    }
    int most = Collections.max(groups.values().stream().map(List::size).toList());
    List<String> mostCommon =
        groups.entrySet().stream()
            .filter(e -> e.getValue().size() == most)
            .map(e -> e.getKey())
            .toList();
    if (mostCommon.size() > 1) {
      return "no most common verdict: " + RunFields.who(groups);
    }
    return groups.entrySet().stream()
        .filter(e -> !e.getKey().equals(mostCommon.get(0)))
        .flatMap(e -> e.getValue().stream().map(run -> "#" + run.number() + " " + e.getKey()))
        .collect(Collectors.joining(", "));
  }

  private void figures(StringBuilder md, Headline headline) {
    // Every key any run measured, in the order first met.
    Set<Headline.Key> keys = new LinkedHashSet<>();
    runs.forEach(run -> keys.addAll(run.figures().get(headline).keySet()));
    md.append("## ").append(headline.heading()).append(" (`").append(headline.file());
    md.append("`)\n\n").append(headline.description()).append("\n\n");
    if (keys.isEmpty()) {
      md.append("No run measured it.\n\n");
      return;
    }
    Map<Headline.Key, String> names = Headline.names(keys);
    Markdown.Table table =
        new Markdown.Table()
            .left("figure")
            .right("runs", "median", "lowest", "highest", "highest/lowest");
    for (Headline.Key key : keys) {
      List<Run> measured = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (Run run : runs) {
        Double value = run.figures().get(headline).get(key);
        if (value != null) {
          measured.add(run);
          values.add(value);
        }
      }
      int low = values.indexOf(Collections.min(values));
      int high = values.indexOf(Collections.max(values));
      double lowest = values.get(low);
      double highest = values.get(high);
      // Where every run gave the same figure, no run is the lowest or the highest.
      boolean alike = lowest == highest;
      table.row(
          names.get(key),
          measured.size() + " of " + runs.size(),
          headline.format(CompareRuns.median(values)),
          headline.format(lowest) + (alike ? "" : " (#" + measured.get(low).number() + ")"),
          headline.format(highest) + (alike ? "" : " (#" + measured.get(high).number() + ")"),
          lowest > 0 ? String.format(Locale.ROOT, "%.2f", highest / lowest) : "—");
    }
    md.append(table).append('\n');
  }
}
