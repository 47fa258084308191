package io.brokerbench.brokers.rabbitmq;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code rabbitmqctl} command that failed: it exited with a code other than 0, or it did not
 * finish in time. The message quotes the command, the exit code and the output.
 */
public final class RabbitCtlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final int MAX_LINES = 30;

  private final List<String> command;
  private final int exitCode;
  private final String output;

  RabbitCtlException(
      String node, List<String> command, String what, int exitCode, String output, Path log) {
    super(
        String.format(
            "rabbitmqctl for %s failed: `%s` %s.%n  output:%n%s%n  all rabbitmqctl output of this"
                + " node: %s",
            node, String.join(" ", command), what, indent(output), log));
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.output = output;
  }

  public List<String> command() {
    return command;
  }

  /** The exit code, or -1 when the command was stopped because it took too long. */
  public int exitCode() {
    return exitCode;
  }

  /** Standard output and error, interleaved, in full. */
  public String output() {
    return output;
  }

  /** The output, indented, cut after {@link #MAX_LINES} lines (an unknown command prints ~130). */
  private static String indent(String text) {
    if (text.isBlank()) {
      return "    (none)";
    }
    String[] lines = text.strip().split("\\R");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
      out.append("    | ").append(lines[i]).append(System.lineSeparator());
    }
    if (lines.length > MAX_LINES) {
      out.append("    | ... ").append(lines.length - MAX_LINES).append(" more lines in the log");
    }
    return out.toString().stripTrailing();
  }
}
