package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check that {@code mvn verify -Pbench} runs inside Maven before the bench: a bad option is one
 * line and exit code 2; good options reach the bench's JVM unchanged through the argument file.
 */
class BenchLaunchTest {
  @TempDir Path dir;

  @Test
  void aWrongOptionIsOneLineNamingThePropertyAndNoArgumentFile() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path file = dir.resolve("bench.args");

    int code =
        BenchLaunch.check(
            new String[] {file.toString(), "--profile=smoke", "--systems=kafkaa"},
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(2, code);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(
        List.of(
            "brokerbench: bench.systems: unknown system 'kafkaa': expected one of kafka-kraft,"
                + " kafka-zookeeper, kafka-4, rabbitmq, rabbitmq-stream, zeromq or all"),
        lines);
    assertFalse(Files.exists(file), "the bench must not start from an old or partial file");
  }

  @Test
  void goodOptionsGoIntoTheArgumentFileAfterTheBenchsMainClass() throws IOException {
    Path file = dir.resolve("target with space/bench.args");
    int code =
        BenchLaunch.check(
            new String[] {file.toString(), "--profile=smoke", "--rabbitmq-uri="},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertEquals(0, code);
    assertEquals(
        List.of(
            "\"" + BenchMain.class.getName() + "\"", "\"--profile=smoke\"", "\"--rabbitmq-uri=\""),
        Files.readAllLines(file));
  }

  /** The java launcher reads the file as the bench's JVM will; {@link Echo} stands in for it. */
  @Test
  void theJavaLauncherReadsBackWhatWasWritten() throws Exception {
    List<String> options =
        List.of(
            "--profile=smoke",
            "--results=" + dir.resolve("a b \"quoted\" back\\slash #hash 'single'"),
            "--rabbitmq-uri=");
    Path file = dir.resolve("echo.args");
    List<String> command = new java.util.ArrayList<>(List.of(Echo.class.getName()));
    command.addAll(options);
    BenchLaunch.write(file, command);

    assertEquals(options, javaWith(file));
  }

  /** What {@link Echo} received when started as {@code java -cp <ours> @file}. */
  private static List<String> javaWith(Path argumentFile) throws IOException, InterruptedException {
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "@" + argumentFile)
            .redirectErrorStream(true)
            .start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(java.waitFor(30, TimeUnit.SECONDS), out);
    assertEquals(0, java.exitValue(), out);
    return out.lines().toList();
  }

  /** Prints its arguments, one a line. */
  static final class Echo {
    public static void main(String[] args) {
      for (String arg : args) {
        System.out.println(arg);
      }
    }
  }
}
