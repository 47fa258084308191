package io.brokerbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code mvn verify -Pbench} runs first, inside Maven's own JVM ({@code exec:java}): it checks
 * the run's options and external clusters as {@link BenchMain} would, and either writes them into a
 * Java argument file for the bench's own JVM ({@code java @target/bench.args}) or prints what is
 * wrong in one line and ends Maven with exit code 2.
 *
 * <p>Why inside Maven: when the bench's JVM refuses its options, Maven prints its failure summary
 * after the refusal (a dozen lines and a stack trace), and the one line that says what to fix
 * scrolls away. A {@code System.exit} in {@code exec:java} ends Maven's JVM at once, so that line
 * is the last on the terminal; the exit code still fails CI. The argument file keeps the options in
 * one place in {@code benchmarks/pom.xml}: this check reads them, the bench's JVM reads the file.
 */
public final class BenchLaunch {
  private BenchLaunch() {}

  /**
   * {@code args}: the argument file to write, then the bench's {@code --name=value} options. Never
   * calls {@code System.exit} when the options are good: that would end Maven's build.
   */
  public static void main(String[] args) {
    int code = check(args, System.err);
    if (code != 0) {
      System.err.flush();
      System.exit(code);
    }
  }

  /** Returns 0 after writing the argument file, or 2 after printing what is wrong. */
  static int check(String[] args, PrintStream err) {
    if (args.length == 0) {
      throw new IllegalArgumentException("expected the argument file, then the bench's options");
    }
    String[] options = Arrays.copyOfRange(args, 1, args.length);
    BenchConfig config = BenchConfig.parsed(options, err);
    if (config == null || !config.reachable(err)) {
      return 2;
    }
    List<String> command = new ArrayList<>();
    command.add(BenchMain.class.getName());
    command.addAll(List.of(options));
    write(Path.of(args[0]), command);
    return 0;
  }

  /**
   * One quoted argument per line, as the {@code java} launcher reads an {@code @file}: within
   * double quotes a backslash escapes the next character, so paths with spaces, quotes or
   * backslashes reach {@link BenchMain} unchanged.
   */
  static void write(Path argumentFile, List<String> arguments) {
    StringBuilder text = new StringBuilder();
    for (String argument : arguments) {
      text.append('"').append(argument.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    try {
      Files.createDirectories(argumentFile.toAbsolutePath().getParent());
      Files.writeString(argumentFile, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + argumentFile, e);
    }
  }
}
