package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a JMH trial: the terminal sends SIGINT to the whole process group, the
 * harness and its JMH fork alike. Every child must be gone within seconds and no unfinished results
 * folder may be left: a fork that lingers in its own shutdown, re-parented to init, would go on
 * writing into a folder the harness has deleted. A Kafka trial, since its clients are what can keep
 * a fork in its shutdown; the broker must be gone too.
 */
class InterruptedRunIT {
  /** The broker's clean stop (up to 10 s, then SIGKILL) and the forks' SIGKILL, with a margin. */
  private static final Duration ALL_GONE_WITHIN = Duration.ofSeconds(20);

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void ctrlCDuringATrialEndsEveryChildAndLeavesNoHalfWrittenRun(@TempDir Path results)
      throws Exception {
    List<String> command = new ArrayList<>();
    // Its own process group (setsid), so the test can signal the group as a terminal does; its
    // signals reset, since a JVM keeps ignoring a SIGINT that was ignored when it started.
    command.addAll(List.of("setsid", "env", "--default-signal"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add("-Dbrokerbench.work=" + results.resolve("work"));
    command.add(BenchMain.class.getName());
    command.addAll(
        List.of(
            "--profile=smoke",
            "--suites=throughput",
            "--systems=kafka-kraft",
            "--results=" + results.toAbsolutePath()));
    Process harness = new ProcessBuilder(command).redirectErrorStream(true).start();
    AtomicBoolean inTrial = new AtomicBoolean();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  if (line.contains("kafka-kraft, one fork")) {
                    inTrial.set(true);
                  }
                }
              } catch (java.io.IOException e) {
                // the harness ended
              }
            });
    reader.setDaemon(true);
    reader.start();

    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    List<ProcessHandle> forks = List.of();
    while (System.nanoTime() < deadline && (!inTrial.get() || forks.isEmpty())) {
      Thread.sleep(50);
      forks =
          harness
              .toHandle()
              .children()
              .filter(child -> JmhForks.commandLine(child).contains(JmhForks.FORK_MAIN))
              .toList();
    }
    assertTrue(inTrial.get() && !forks.isEmpty(), "Kafka's trial began in a JMH fork: " + output);
    Thread.sleep(1_500); // inside the trial's warm-up or measurement
    List<ProcessHandle> children = harness.toHandle().descendants().toList();
    Process kill =
        new ProcessBuilder("kill", "-INT", "--", "-" + harness.pid())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, kill.waitFor(), "kill -INT to the process group");

    assertTrue(
        harness.waitFor(ALL_GONE_WITHIN.toSeconds(), TimeUnit.SECONDS),
        "the harness ended within " + ALL_GONE_WITHIN + ": " + output);
    long gone = System.nanoTime() + ALL_GONE_WITHIN.toNanos();
    List<ProcessHandle> alive = children;
    while (System.nanoTime() < gone && !alive.isEmpty()) {
      Thread.sleep(100);
      alive = alive.stream().filter(ProcessHandle::isAlive).toList();
    }
    assertTrue(alive.isEmpty(), "children left behind: " + alive + "\n" + output);
    try (Stream<Path> left = Files.list(results)) {
      List<String> incomplete =
          left.map(path -> path.getFileName().toString())
              .filter(name -> name.startsWith(".incomplete-"))
              .toList();
      assertTrue(incomplete.isEmpty(), "unfinished run left behind: " + incomplete + "\n" + output);
    }
    assertFalse(
        Files.exists(results.resolve("latest")), "an interrupted run is not published: " + output);
  }
}
