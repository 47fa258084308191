package io.brokerbench.bench.suite;

import io.brokerbench.harness.workload.LoadedWorkload;
import io.brokerbench.harness.workload.WorkloadException;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The user's own workload files, from {@code -Dbench.workloads=FILE_OR_DIR[,...]}: the throughput
 * suite runs them instead of its bundled workloads, or beside them when the list starts with {@code
 * +}. A folder stands for its {@code .yaml} and {@code .yml} files, in name order; a relative path
 * is from the checkout's root.
 *
 * <p>Each file is read before any broker starts. A file that does not load (a syntax error, a
 * negative size, a field brokerbench cannot honour) is skipped with one line naming the file, the
 * line and the field, and the run goes on with the others; a path that does not exist, or a list in
 * which no file loads, is refused, since nothing the user asked for would run.
 *
 * @param files the absolute paths of the files that loaded, in the order given
 * @param besideBundled whether the bundled workloads run too
 * @param notes one line each about the files: skipped ones and why, fields read with a warning
 */
public record UserWorkloads(List<String> files, boolean besideBundled, List<String> notes) {
  /** No file of the user's: the bundled workloads alone. */
  public static final UserWorkloads NONE = new UserWorkloads(List.of(), true, List.of());

  public UserWorkloads {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
  }

  /** Whether the suites run their bundled workloads. */
  public boolean runsBundled() {
    return files.isEmpty() || besideBundled;
  }

  /**
   * Reads {@code value}, the option's text; {@code root} resolves relative paths.
   *
   * @throws IllegalArgumentException naming the option, when a path does not exist or no file loads
   */
  public static UserWorkloads parse(String value, Path root) {
    String list = value.trim();
    if (list.isEmpty() || list.equals("+")) {
      return NONE;
    }
    boolean beside = list.startsWith("+");
    if (beside) {
      list = list.substring(1);
    }
    List<String> files = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Path> byLabel = new HashMap<>();
    for (String entry : list.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      for (Path file : expand(root.resolve(entry.trim()).normalize(), entry.trim())) {
        String label = file.getFileName().toString();
        Path earlier = byLabel.putIfAbsent(label, file);
        if (earlier != null) {
          notes.add(
              file
                  + ": skipped: its results would be named "
                  + label
                  + " like those of "
                  + earlier
                  + "; rename one of them");
          continue;
        }
        try {
          LoadedWorkload loaded = WorkloadLoader.load(file);
          loaded.warnings().forEach(notes::add);
          files.add(file.toString());
        } catch (WorkloadException e) {
          byLabel.remove(label);
          notes.add(e.getMessage() + " (skipped; the run goes on without it)");
        }
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "bench.workloads: no workload file of '"
              + value
              + "' loads"
              + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
    }
    // What a file says that the suite decides instead, said once rather than once per file.
    notes.add(
        "the throughput suite runs each file at every tier the run selects (-Dbench.tiers), not"
            + " only at its tier:, and times it by the profile (warm-up until steady, then its"
            + " rounds of measured iterations), not by its testDuration or warmupDuration; its"
            + " shape, message size and producerRate are honoured");
    return new UserWorkloads(files, beside, notes);
  }

  private static List<Path> expand(Path path, String given) {
    if (Files.isRegularFile(path)) {
      if (!WorkloadLoader.isFile(path.toString())) {
        throw new IllegalArgumentException(
            "bench.workloads: " + given + " is not a .yaml or .yml file");
      }
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "bench.workloads: "
              + given
              + " does not exist (looked for "
              + path
              + "); give workload files or folders, relative to the checkout's root or absolute");
    }
    try (Stream<Path> children = Files.list(path)) {
      List<Path> yaml =
          children
              .filter(Files::isRegularFile)
              .filter(child -> WorkloadLoader.isFile(child.toString()))
              .sorted()
              .toList();
      if (yaml.isEmpty()) {
        throw new IllegalArgumentException(
            "bench.workloads: the folder " + given + " holds no .yaml or .yml file");
      }
      return yaml;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + path, e);
    }
  }
}
