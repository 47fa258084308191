package io.brokerbench.brokers.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.rabbitmq.RabbitInstallation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link RequiresRabbitMq} as a test run meets it: two small classes that stand for the broker
 * tests (one marked as a whole, one in a single method) run through the JUnit launcher, with
 * RabbitMQ looked for in an empty directory, in a directory that has the scripts, and with the
 * switch that CI sets.
 */
class RequiresRabbitMqTest {
  @TempDir Path emptyBin;

  @Test
  void withoutRabbitMqItsTestsAreSkippedAndOneLineSaysWhatToInstall() {
    Outcome outcome = launch(emptyBin, false);

    assertEquals("skipped", outcome.of("NeedsRabbitMqAsAClass"), outcome.toString());
    assertEquals("skipped", outcome.of("needsRabbitMq()"), outcome.toString());
    assertEquals("SUCCESSFUL", outcome.of("needsNothing()"), "the rest still runs: " + outcome);
    assertTrue(
        outcome.reasons.get("needsRabbitMq()").contains("rabbitmq-server"),
        outcome.reasons.toString());

    List<String> summary = outcome.console.lines().filter(l -> l.contains("SKIPPED")).toList();
    assertEquals(1, summary.size(), "one summary line for the run: " + outcome.console);
    String line = summary.get(0);
    assertTrue(
        line.startsWith("brokerbench: SKIPPED NeedsRabbitMqAsAClass, ")
            || line.startsWith("brokerbench: SKIPPED NeedsRabbitMqInOneMethod.needsRabbitMq, "),
        line);
    assertTrue(
        line.contains("NeedsRabbitMqAsAClass")
            && line.contains("NeedsRabbitMqInOneMethod.needsRabbitMq"),
        "names what was skipped: " + line);
    assertTrue(line.contains(": they need RabbitMQ, and the package rabbitmq-server"), line);
    assertTrue(line.contains("the package rabbitmq-server is not installed"), line);
    assertTrue(line.contains(emptyBin.toString()), "says where it looked: " + line);
    assertTrue(line.contains("`sudo apt-get install -y rabbitmq-server`"), line);
    assertTrue(line.contains("-Dbrokerbench.require.rabbitmq=true"), line);
  }

  @Test
  void whereItIsRequiredAMissingRabbitMqFailsWithTheSameAdvice() {
    Outcome outcome = launch(emptyBin, true);

    assertEquals("FAILED", outcome.of("NeedsRabbitMqAsAClass"), outcome.toString());
    assertEquals("FAILED", outcome.of("needsRabbitMq()"), outcome.toString());
    assertEquals("SUCCESSFUL", outcome.of("needsNothing()"), outcome.toString());
    String failure = outcome.reasons.get("NeedsRabbitMqAsAClass");
    assertTrue(
        failure.startsWith("RabbitMQ is required here (-Dbrokerbench.require.rabbitmq=true"),
        failure);
    assertTrue(failure.contains("`sudo apt-get install -y rabbitmq-server`"), failure);
    assertTrue(
        outcome.console.lines().noneMatch(l -> l.contains("SKIPPED")),
        "nothing skipped: " + outcome.console);
  }

  /**
   * A directory with the two scripts: the tests run where Erlang's epmd is found too, and are
   * skipped with what {@link RabbitInstallation} says is wrong where it is not.
   */
  @Test
  void withTheScriptsInstalledTheTestsRun(@TempDir Path bin) throws Exception {
    for (String script : List.of("rabbitmq-server", "rabbitmqctl")) {
      Files.writeString(bin.resolve(script), "#!/bin/sh\n");
      Files.setPosixFilePermissions(
          bin.resolve(script), PosixFilePermissions.fromString("rwx------"));
    }
    boolean epmdFound;
    try {
      RabbitInstallation.at(bin);
      epmdFound = true;
    } catch (BrokerUnavailableException e) {
      epmdFound = false;
    }

    Outcome outcome = launch(bin, false);

    if (epmdFound) {
      assertEquals("SUCCESSFUL", outcome.of("NeedsRabbitMqAsAClass"), outcome.toString());
      assertEquals("SUCCESSFUL", outcome.of("needsRabbitMq()"), outcome.toString());
      assertTrue(outcome.console.isEmpty(), "no summary: " + outcome.console);
    } else {
      assertEquals("skipped", outcome.of("needsRabbitMq()"), outcome.toString());
      assertTrue(outcome.console.contains("RabbitMQ, and it cannot start here: "), outcome.console);
    }
  }

  /** Runs both stand-ins with RabbitMQ looked for in {@code bin}; captures what they printed. */
  private static Outcome launch(Path bin, boolean required) {
    Outcome outcome = new Outcome();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      LauncherFactory.create()
          .execute(
              LauncherDiscoveryRequestBuilder.request()
                  .selectors(
                      selectClass(NeedsRabbitMqAsAClass.class),
                      selectClass(NeedsRabbitMqInOneMethod.class))
                  // Explicit, so that a -D of the JVM running this test changes nothing here.
                  .configurationParameter(RabbitInstallation.BIN_PROPERTY, bin.toString())
                  .configurationParameter(
                      RabbitMqRequirement.REQUIRE_PROPERTY, Boolean.toString(required))
                  .build(),
              outcome);
    } finally {
      System.setOut(before);
    }
    outcome.console = console.toString(StandardCharsets.UTF_8);
    return outcome;
  }

  /**
   * Each class's and method's fate by simple name (a nested class's display name is its binary
   * name), and its skip or failure message.
   */
  private static final class Outcome implements TestExecutionListener {
    final Map<String, String> fates = new ConcurrentHashMap<>();
    final Map<String, String> reasons = new ConcurrentHashMap<>();
    String console = "";

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      fates.put(name(id), "skipped");
      reasons.put(name(id), reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      fates.put(name(id), result.getStatus().toString());
      result.getThrowable().ifPresent(e -> reasons.put(name(id), e.getMessage()));
    }

    private static String name(TestIdentifier id) {
      String name = id.getDisplayName();
      return name.substring(name.lastIndexOf('$') + 1);
    }

    String of(String displayName) {
      return fates.getOrDefault(displayName, "not run");
    }

    @Override
    public String toString() {
      return fates + " " + reasons;
    }
  }

  /** Stands for a broker test marked as a whole, as the {@code *IT} classes are. */
  @RequiresRabbitMq
  static class NeedsRabbitMqAsAClass {
    @Test
    void first() {}

    @Test
    void second() {}
  }

  /** Stands for a test class of which one method needs RabbitMQ. */
  static class NeedsRabbitMqInOneMethod {
    @Test
    @RequiresRabbitMq
    void needsRabbitMq() {}

    @Test
    void needsNothing() {}
  }
}
