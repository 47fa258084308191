package io.brokerbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.brokerbench.bench.startup.StartupScenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code mvn verify -Pbench} runs: every scenario of the chosen profile, then the results into
 * {@code results/<run>/}. Thin on purpose: arguments into a {@link BenchConfig}, then {@link #run}.
 */
public final class BenchMain {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintStream out;
  private final PrintStream err;

  public BenchMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new BenchMain(System.out, System.err).run(args));
  }

  /** Runs the bench; returns the process exit code (0 ok, 1 a scenario failed, 2 bad arguments). */
  public int run(String... args) {
    BenchConfig config;
    try {
      config = BenchConfig.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("brokerbench: " + e.getMessage());
      return 2;
    }
    return run(config);
  }

  public int run(BenchConfig config) {
    RunDirectory runDir = RunDirectory.create(config.results(), config.profile());
    out.printf(
        "brokerbench: run %s (profile %s, systems %s) -> %s%n",
        runDir.run(),
        config.profile(),
        config.systems().stream().map(BenchSystem::label).toList(),
        runDir.finalPath());
    try {
      Map<String, Object> environment =
          Environment.capture(config.repository(), runDir.run(), config.profile());

      int starts = starts(config.profile());
      Progress progress = new Progress(out, starts * config.systems().size());
      StartupScenario startup =
          new StartupScenario(starts, messages(config.profile()), config.rabbitmqUri(), progress);
      for (BenchSystem system : config.systems()) {
        startup.run(system);
      }

      environment.put("brokers", startup.descriptions());
      runDir.write("environment.json", JSON.writeValueAsString(environment));
      Map<String, Object> startupJson = new LinkedHashMap<>();
      startupJson.put("scenario", "startup");
      startupJson.put("rows", startup.rows());
      runDir.write("startup.json", JSON.writeValueAsString(startupJson));
      String report = Report.markdown(runDir.run(), config.profile(), environment, startup.rows());
      runDir.write("REPORT.md", report);
      Path published = runDir.commit();

      out.println();
      out.println(report);
      out.println("brokerbench: results in " + published);
      boolean failed = startup.rows().stream().anyMatch(row -> row.status().equals("failed"));
      if (failed) {
        err.println("brokerbench: some scenarios failed; see the report above.");
      }
      return failed ? 1 : 0;
    } catch (Exception e) {
      runDir.abandon();
      err.println("brokerbench: the run failed and left no results: " + e);
      return 1;
    }
  }

  /** Fresh starts per system: enough for a spread outside the smoke profile. */
  static int starts(String profile) {
    return switch (profile) {
      case "smoke" -> 1;
      case "quick" -> 3;
      default -> 5;
    };
  }

  static int messages(String profile) {
    return "full".equals(profile) ? 10_000 : 1_000;
  }
}
