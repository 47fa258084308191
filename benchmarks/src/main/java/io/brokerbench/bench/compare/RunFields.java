package io.brokerbench.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.compare.ClassTable.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What makes the runs of a class table measure different things rather than different machines: the
 * profile (each runs its own workloads, durations and fault sizes), the git head (the harness's own
 * code) and each broker's version. A field whose runs disagree is flagged on every run outside its
 * one most common value (on every run when no value is the most common), and noted under the runs
 * table with which run has which value.
 */
final class RunFields {
  /** The run's profile, e.g. {@code quick}, or {@code ?} when environment.json does not say. */
  static final Function<Run, String> PROFILE = run -> run.environment().path("profile").asText("?");

  /** The git head the run was made from, abbreviated, and {@code (dirty)} with local changes. */
  static final Function<Run, String> GIT =
      run -> {
        JsonNode git = run.environment().path("git");
        String revision = git.path("revision").asText("?");
        String head = revision.length() > 7 ? revision.substring(0, 7) : revision;
        return git.path("dirty").asBoolean(false) ? head + " (dirty)" : head;
      };

  /** One field compared across the runs: its name in a flag and in a note, and its value. */
  private record Field(String flag, String note, String why, Function<Run, String> value) {}

  private final List<Run> runs;
  private final List<Field> fields = new ArrayList<>();

  RunFields(List<Run> runs) {
    this.runs = runs;
    fields.add(
        new Field(
            "profile",
            "Profiles differ",
            "each profile runs its own workloads, durations and fault sizes, so a median across"
                + " profiles mixes them",
            PROFILE));
    fields.add(
        new Field(
            "git",
            "Git heads differ",
            "the harness's own code differs between these runs, and a change to how a figure is"
                + " measured moves it",
            GIT));
    List<String> software = new ArrayList<>();
    runs.forEach(
        run ->
            brokers(run).keySet().stream()
                .filter(name -> !software.contains(name))
                .forEach(software::add));
    for (String name : software) {
      fields.add(
          new Field(
              name,
              name + " versions differ",
              "a figure of a broker measures its version as well as the machine",
              run -> brokers(run).get(name)));
    }
  }

  /**
   * The software and version of every broker the run described, e.g. {@code Apache Kafka} to {@code
   * 3.9.1}; several versions of one software are joined with a slash.
   */
  static Map<String, String> brokers(Run run) {
    Map<String, TreeSet<String>> versions = new LinkedHashMap<>();
    for (JsonNode broker : run.environment().path("brokers")) {
      String software = broker.path("software").asText("");
      if (!software.isEmpty()) {
        versions
            .computeIfAbsent(software, k -> new TreeSet<>())
            .add(broker.path("version").asText("?"));
      }
    }
    Map<String, String> brokers = new LinkedHashMap<>();
    versions.forEach((software, set) -> brokers.put(software, String.join("/", set)));
    return brokers;
  }

  /** The flags of {@code run}, e.g. {@code profile full}; empty when it is like the others. */
  List<String> flags(Run run) {
    List<String> flags = new ArrayList<>();
    for (Field field : fields) {
      String value = field.value().apply(run);
      if (value != null && outside(groups(field), value)) {
        flags.add(field.flag() + " " + value);
      }
    }
    return flags;
  }

  /** One line per field the runs disagree on, or one line saying they agree. */
  void notes(StringBuilder md) {
    List<String> notes = new ArrayList<>();
    for (Field field : fields) {
      Map<String, List<Run>> groups = groups(field);
      if (groups.size() > 1) {
        notes.add("- **" + field.note() + "**: " + who(groups) + ". Flagged: " + field.why() + ".");
      }
    }
    if (notes.isEmpty()) {
      md.append("Profiles, git heads and broker versions are the same in every run.\n\n");
    } else {
      md.append(String.join("\n", notes)).append("\n\n");
    }
  }

  private Map<String, List<Run>> groups(Field field) {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run run : runs) {
      String value = field.value().apply(run);
      if (value != null) {
        groups.computeIfAbsent(value, k -> new ArrayList<>()).add(run);
      }
    }
    return groups;
  }

  /** Whether {@code value} is not the one most common value of {@code groups}. */
  private static boolean outside(Map<String, List<Run>> groups, String value) {
    if (groups.size() <= 1) {
      return false;
    }
    int most = Collections.max(groups.values().stream().map(List::size).toList());
    long mostCommon = groups.values().stream().filter(list -> list.size() == most).count();
    return mostCommon > 1 || groups.get(value).size() < most;
  }

  /** {@code `full` #1, #2; `quick` #3}: which run has which value. */
  static String who(Map<String, List<Run>> groups) {
    return groups.entrySet().stream()
        .map(
            e ->
                "`"
                    + e.getKey()
                    + "` "
                    + e.getValue().stream()
                        .map(run -> "#" + run.number())
                        .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; "));
  }
}
