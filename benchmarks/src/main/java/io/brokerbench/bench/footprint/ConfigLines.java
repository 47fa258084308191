package io.brokerbench.bench.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Counts the configuration brokerbench had to write to start a setup, from what the launchers
 * really left on disk and passed to the processes:
 *
 * <ul>
 *   <li><b>files</b>: every file of a process's directory outside {@code data/} (what the broker
 *       writes) and {@code logs/} (its output), e.g. {@code conf/server.properties}, {@code
 *       conf/rabbitmq.conf}, {@code home/.erlang.cookie}; one line per line that is neither blank
 *       nor a comment ({@code #}, {@code !} in properties, {@code %} in Erlang terms). A pid file
 *       ({@code *.pid}, RabbitMQ's {@code rabbit.pid}) is the broker's own, not configuration;
 *   <li><b>environment</b>: one line per variable the launcher set for the process;
 *   <li><b>arguments</b>: every command the launcher ran for the setup, as the first line of each
 *       log it wrote ({@value #COMMAND_MARK}), one line per argument after the program, an option
 *       and its separate value ({@code -cp <classpath>}, {@code -port 4369}) counting as one.
 * </ul>
 *
 * <p>Each source is kept with its count, so a reader can see where a setup's lines come from.
 */
final class ConfigLines {
  /** How {@code ChildProcess} starts every log: the command line it ran. */
  static final String COMMAND_MARK = "### brokerbench: ";

  private static final Set<String> NOT_CONFIG = Set.of("data", "logs");

  private final Map<String, Integer> sources = new LinkedHashMap<>();
  private int files;
  private int environment;
  private int arguments;

  /** Lines of a configuration file that are neither blank nor comments. */
  static int countFileLines(String text) {
    int lines = 0;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()
          && !trimmed.startsWith("#")
          && !trimmed.startsWith("!")
          && !trimmed.startsWith("%")) {
        lines++;
      }
    }
    return lines;
  }

  /**
   * The settings of one command line: each argument after the program is one, and an option that
   * takes its value as the next argument ({@code -cp X}, {@code -port N}, {@code -t ID}) counts
   * once with it. JVM options ({@code -X...}, {@code -D...}) never take a separate value.
   */
  static int countArguments(List<String> command) {
    int lines = 0;
    for (int i = 1; i < command.size(); i++) {
      String arg = command.get(i);
      lines++;
      boolean takesValue =
          arg.startsWith("-")
              && !arg.contains("=")
              && !arg.startsWith("-X")
              && !arg.startsWith("-D")
              && i + 1 < command.size()
              && !command.get(i + 1).startsWith("-");
      if (takesValue) {
        i++;
      }
    }
    return lines;
  }

  /** Adds the files of the process directory {@code dir}, named {@code label/relative path}. */
  void addFiles(String label, Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted().toList()) {
        Path relative = dir.relativize(path);
        if (relative.getNameCount() == 0
            || NOT_CONFIG.contains(relative.getName(0).toString())
            || path.getFileName().toString().endsWith(".pid")
            || !Files.isRegularFile(path)) {
          continue;
        }
        int lines = countFileLines(Files.readString(path, StandardCharsets.UTF_8));
        sources.put(label + "/" + relative, lines);
        files += lines;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the configuration in " + dir, e);
    }
  }

  /** Adds every command the launcher ran for the process whose directory is {@code dir}. */
  void addCommands(String label, Path dir) {
    Path logs = dir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (Stream<Path> paths = Files.list(logs)) {
      for (Path log : paths.sorted().toList()) {
        if (!Files.isRegularFile(log)) {
          continue;
        }
        for (List<String> command : commandsIn(log)) {
          String program = command.get(0);
          String name = program.substring(program.lastIndexOf('/') + 1);
          if (name.equals("java")) {
            name = mainClass(command);
          }
          int lines = countArguments(command);
          sources.merge(label + " command " + name, lines, Integer::sum);
          arguments += lines;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the commands in " + logs, e);
    }
  }

  /** The commands a log starts with ({@value #COMMAND_MARK}), one per start of the process. */
  static List<List<String>> commandsIn(Path log) throws IOException {
    // Latin-1 reads any byte: a broker's own output need not be UTF-8, and the mark is ASCII.
    try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines
          .filter(line -> line.startsWith(COMMAND_MARK))
          .map(line -> List.of(line.substring(COMMAND_MARK.length()).strip().split(" +")))
          .toList();
    }
  }

  /** The main class of a {@code java} command line, the first argument after the classpath. */
  private static String mainClass(List<String> command) {
    for (int i = 1; i + 2 < command.size(); i++) {
      if (command.get(i).equals("-cp") || command.get(i).equals("-classpath")) {
        String main = command.get(i + 2);
        return main.substring(main.lastIndexOf('.') + 1);
      }
    }
    return "java";
  }

  /** Adds the environment variables set for one process. */
  void addEnvironment(String label, Map<String, String> variables) {
    if (!variables.isEmpty()) {
      sources.put(label + " environment", variables.size());
      environment += variables.size();
    }
  }

  int total() {
    return files + environment + arguments;
  }

  int files() {
    return files;
  }

  int environment() {
    return environment;
  }

  int arguments() {
    return arguments;
  }

  /** Source (file, environment, command) to its lines, in the order they were added. */
  Map<String, Integer> sources() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }
}
