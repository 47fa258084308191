package io.brokerbench.brokers.testing;

import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.rabbitmq.RabbitInstallation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The extension behind {@link RequiresRabbitMq}: whether this machine can start RabbitMQ, asked of
 * {@link RabbitInstallation} once per test run (one JVM: one module's unit tests or its {@code
 * *IT}s), and what follows when it cannot.
 *
 * <ul>
 *   <li>By default a test that needs RabbitMQ is skipped (disabled, with the reason), so that the
 *       README's two commands pass on a fresh machine with only a JDK and Maven. When the run ends,
 *       one line names what was skipped, the package {@value RabbitInstallation#PACKAGE} and the
 *       command that installs it.
 *   <li>With {@code -Dbrokerbench.require.rabbitmq=true} such a test fails with that message
 *       instead; CI ({@code .ci/run}) sets it, so nothing is skipped there unnoticed.
 * </ul>
 *
 * <p>Both settings are read as JUnit configuration parameters, which fall back to the JVM's system
 * properties, where Surefire and Failsafe put the {@code -D} options of Maven's command line:
 * {@code -Dbrokerbench.rabbitmq.bin=/nonexistent} shows what a machine without RabbitMQ does,
 * without uninstalling it.
 *
 * <p>The summary is one line per test JVM, not per build: each module runs its tests in a JVM of
 * its own, and none of them knows which is the build's last. It is printed when JUnit closes the
 * run's root store, after the last test of that JVM.
 */
public final class RabbitMqRequirement
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {
  /** Set to {@code true} where a missing RabbitMQ must fail the tests that need it (CI). */
  public static final String REQUIRE_PROPERTY = "brokerbench.require.rabbitmq";

  private static final Namespace NAMESPACE = Namespace.create(RabbitMqRequirement.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Run run = run(context);
    if (run.missing == null) {
      return ConditionEvaluationResult.enabled("RabbitMQ " + run.version + " in " + run.bin);
    }
    if (run.required) {
      return ConditionEvaluationResult.enabled("RabbitMQ is missing and required: it fails");
    }
    run.skipped(name(context));
    return ConditionEvaluationResult.disabled("needs RabbitMQ: " + run.missing);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    failIfMissingAndRequired(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    failIfMissingAndRequired(context);
  }

  private static void failIfMissingAndRequired(ExtensionContext context) {
    Run run = run(context);
    if (run.missing != null && run.required) {
      throw new AssertionError(run.requiredMessage());
    }
  }

  private static Run run(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Run.class, type -> Run.of(context), Run.class);
  }

  private static String name(ExtensionContext context) {
    String type = context.getRequiredTestClass().getSimpleName();
    return context.getTestMethod().map(method -> type + "." + method.getName()).orElse(type);
  }

  /**
   * One test run's answer and what it skipped; JUnit closes it with the root store, at the end of
   * the run, and the summary line is printed then.
   */
  static final class Run implements AutoCloseable {
    private final Path bin;
    private final boolean required;

    /** Why RabbitMQ cannot start here, or null when it can. */
    private final String missing;

    private final boolean packageMissing;
    private final String version;
    private final List<String> skipped = new ArrayList<>();

    private Run(
        Path bin, boolean required, String missing, boolean packageMissing, String version) {
      this.bin = bin;
      this.required = required;
      this.missing = missing;
      this.packageMissing = packageMissing;
      this.version = version;
    }

    static Run of(ExtensionContext context) {
      Path bin =
          RabbitInstallation.bin(
              context.getConfigurationParameter(RabbitInstallation.BIN_PROPERTY).orElse(null));
      boolean required =
          context
              .getConfigurationParameter(REQUIRE_PROPERTY)
              .map(Boolean::parseBoolean)
              .orElse(false);
      try {
        RabbitInstallation installation = RabbitInstallation.at(bin);
        return new Run(bin, required, null, false, installation.version());
      } catch (BrokerUnavailableException e) {
        return new Run(bin, required, e.getMessage(), !RabbitInstallation.hasScripts(bin), "");
      }
    }

    synchronized void skipped(String name) {
      skipped.add(name);
    }

    /**
     * What is missing and how to install it, in the words of a test run, without a final stop: the
     * package and its install command, or what {@link RabbitInstallation} found wrong.
     */
    private String problem() {
      if (packageMissing) {
        return "the package "
            + RabbitInstallation.PACKAGE
            + " is not installed (no rabbitmq-server in "
            + bin
            + "): install it with `"
            + RabbitInstallation.INSTALL_COMMAND
            + "`";
      }
      String found = missing.strip();
      return "it cannot start here: "
          + (found.endsWith(".") ? found.substring(0, found.length() - 1) : found);
    }

    String requiredMessage() {
      return "RabbitMQ is required here (-D"
          + REQUIRE_PROPERTY
          + "=true, as CI runs the tests), and "
          + problem()
          + ". Without -D"
          + REQUIRE_PROPERTY
          + " the tests that need it are skipped.";
    }

    /** The line that ends a test run that skipped something, or null when nothing was. */
    synchronized String summary() {
      if (skipped.isEmpty()) {
        return null;
      }
      boolean one = skipped.size() == 1;
      return "brokerbench: SKIPPED "
          + String.join(", ", skipped)
          + (one ? ": it needs RabbitMQ, and " : ": they need RabbitMQ, and ")
          + problem()
          + (!packageMissing ? "" : one ? " and run it again" : " and run them again")
          + " (-D"
          + REQUIRE_PROPERTY
          + "=true makes this a failure, as in CI).";
    }

    @Override
    public void close() {
      String summary = summary();
      if (summary != null) {
        PrintStream out = System.out;
        out.println(summary);
        out.flush();
      }
    }
  }
}
