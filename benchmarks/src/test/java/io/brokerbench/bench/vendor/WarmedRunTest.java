package io.brokerbench.bench.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.VendorClasspath;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmedRunTest {
  /** A tool that prints what it was given. */
  public static final class Echo {
    public static void main(String[] args) {
      System.out.println("echo " + String.join(" ", args));
    }
  }

  @Test
  void runsTheWarmUpThenTheMeasuredArgumentsWithTheMarkerBetween() throws Exception {
    String output =
        captured(
            () ->
                WarmedRun.main(
                    new String[] {Echo.class.getName(), "2", "--n", "10", "--n", "500", "x"}));
    assertEquals(
        String.join(System.lineSeparator(), "echo --n 10", WarmedRun.MEASURED, "echo --n 500 x")
            + System.lineSeparator(),
        output);
  }

  @Test
  void aWarmUpOfNoArgumentsIsStillARun() throws Exception {
    String output = captured(() -> WarmedRun.main(new String[] {Echo.class.getName(), "0", "a"}));
    assertTrue(output.startsWith("echo " + System.lineSeparator() + WarmedRun.MEASURED), output);
  }

  /**
   * PerfTest ends its JVM when it is done: run through its options, it returns instead, and a
   * warm-up run that fails (no broker on port 1) ends the JVM with PerfTest's code and no second
   * run.
   */
  @Test
  void runsPerfTestInOneJvmAndStopsAfterAFailedWarmUp() throws Exception {
    List<String> run = List.of("--uri", "amqp://guest:guest@127.0.0.1:1/%2F", "--time", "1");
    List<String> launch = new ArrayList<>(List.of(WarmedRun.PERF_TEST, "4"));
    launch.addAll(run);
    launch.addAll(run);
    VendorToolException failed =
        assertThrows(
            VendorToolException.class,
            () ->
                ToolProcess.run(
                    "warmed-perftest",
                    List.of("-Xmx128m"),
                    WarmedRun.classpathEntry()
                        + File.pathSeparator
                        + VendorClasspath.perfTest(RabbitPerfTest.VERSION),
                    WarmedRun.class.getName(),
                    launch,
                    Map.of(),
                    Duration.ofSeconds(60)));
    assertTrue(failed.getMessage().contains("exited with code 1"), failed.getMessage());
    assertTrue(failed.getMessage().contains("the warm-up run failed"), failed.getMessage());
    assertFalse(failed.getMessage().contains(WarmedRun.MEASURED), failed.getMessage());
  }

  @Test
  void refusesAMissingMainClass() {
    assertThrows(IllegalArgumentException.class, () -> WarmedRun.main(new String[] {"x"}));
  }

  @Test
  void itsClasspathEntryHoldsThisClass() {
    File entry = new File(WarmedRun.classpathEntry());
    assertTrue(
        entry.isFile()
            || new File(entry, WarmedRun.class.getName().replace('.', '/') + ".class").isFile(),
        entry.toString());
  }

  private interface Body {
    void run() throws Exception;
  }

  private static String captured(Body body) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
