package io.brokerbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.brokerbench.bench.claims.Claims;
import io.brokerbench.bench.claims.ClaimsReport;
import io.brokerbench.bench.claims.Messages;
import io.brokerbench.bench.claims.RunRows;
import io.brokerbench.bench.durability.DurabilitySettings;
import io.brokerbench.bench.durability.DurabilitySuite;
import io.brokerbench.bench.footprint.FootprintSuite;
import io.brokerbench.bench.latency.LatencySuite;
import io.brokerbench.bench.metadata.MetadataPlan;
import io.brokerbench.bench.metadata.MetadataSuite;
import io.brokerbench.bench.startup.StartupScenario;
import io.brokerbench.bench.throughput.ThroughputSuite;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  // The scope is only opened and closed: what it does lies in Work, not in a call on it.
  @SuppressWarnings("try")
  public int run(BenchConfig config) {
    // The run's suites delete the directories of the brokers they started, and only those: not
    // those of a cluster that runs beside the bench (an external cluster started in this JVM).
    try (Work.Scope scope = Work.scope()) {
      return runScoped(config);
    }
  }

  private int runScoped(BenchConfig config) {
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
      ThroughputSuite.Settings throughputSettings =
          ThroughputSuite.Settings.forProfile(config.profile());
      LatencySuite.Settings latencySettings =
          LatencySuite.Settings.forProfile(config.profile(), config.arrivals());
      DurabilitySettings durabilitySettings =
          DurabilitySettings.forProfile(config.profile()).onlyTiers(config.tiers());
      MetadataPlan metadataPlan =
          MetadataPlan.forProfile(config.profile(), config.metadataReplicationFactor())
              // A Kafka the user runs cannot be swept: the sweep restarts and kills its brokers.
              .withModes(
                  metadataModes(
                      config.systems().stream()
                          .filter(system -> !config.external().isExternal(system))
                          .collect(java.util.stream.Collectors.toSet())));
      int steps =
          (config.runs("startup") ? starts * config.systems().size() : 0)
              + (config.runs("throughput")
                  ? ThroughputSuite.steps(throughputSettings, config.systems(), config.tiers())
                  : 0)
              + (config.runs("latency")
                  ? LatencySuite.steps(latencySettings, config.systems(), config.tiers())
                  : 0)
              + (config.runs("durability")
                  ? DurabilitySuite.steps(durabilitySettings, config.systems())
                  : 0)
              + (config.runs("footprint") ? FootprintSuite.steps(config.systems()) : 0)
              + (config.runs("metadata") ? MetadataSuite.steps(metadataPlan) : 0);
      Progress progress = new Progress(out, steps);

      StartupScenario startup =
          new StartupScenario(starts, messages(config.profile()), config.external(), progress);
      Map<String, Long> suiteWallMs = new LinkedHashMap<>();
      if (config.runs("startup")) {
        timed(
            suiteWallMs,
            "startup",
            () -> {
              for (BenchSystem system : config.systems()) {
                startup.run(system);
              }
              Work.deleteCreated();
            });
      }
      ThroughputSuite throughput =
          new ThroughputSuite(throughputSettings, runDir.staging(), progress)
              .onlyTiers(config.tiers());
      if (config.runs("throughput")) {
        timed(suiteWallMs, "throughput", () -> throughput.run(config.systems(), config.external()));
      }
      LatencySuite latency =
          new LatencySuite(latencySettings, runDir.staging(), progress).onlyTiers(config.tiers());
      if (config.runs("latency")) {
        timed(suiteWallMs, "latency", () -> latency.run(config.systems(), config.external()));
      }
      DurabilitySuite durability = new DurabilitySuite(durabilitySettings, progress);
      if (config.runs("durability")) {
        timed(suiteWallMs, "durability", () -> durability.run(config.systems(), config.external()));
      }
      FootprintSuite footprint =
          new FootprintSuite(FootprintSuite.Settings.forProfile(config.profile()), progress);
      if (config.runs("footprint")) {
        timed(suiteWallMs, "footprint", () -> footprint.run(config.systems(), config.external()));
      }
      MetadataSuite metadata = new MetadataSuite(metadataPlan, progress);
      // Without a Kafka system among --systems there is nothing to compare: no file, no section.
      boolean runsMetadata = config.runs("metadata") && !metadataPlan.modes().isEmpty();
      if (runsMetadata) {
        timed(suiteWallMs, "metadata", metadata::run);
      }

      List<Description> brokers = new ArrayList<>(startup.descriptions());
      brokers.addAll(throughput.descriptions());
      brokers.addAll(latency.descriptions());
      brokers.addAll(durability.descriptions());
      brokers.addAll(footprint.descriptions());
      brokers.addAll(metadata.descriptions());
      environment.put("brokers", brokers);
      environment.put("external", config.external().describe());
      environment.put("suiteWallMs", suiteWallMs);
      runDir.write("environment.json", JSON.writeValueAsString(environment));
      if (config.runs("startup")) {
        runDir.write("startup.json", JSON.writeValueAsString(rowsJson("startup", startup.rows())));
      }
      if (config.runs("throughput")) {
        runDir.write(
            "throughput.json", JSON.writeValueAsString(rowsJson("throughput", throughput.rows())));
      }
      String latencySection = "";
      if (config.runs("latency")) {
        runDir.write("latency.json", JSON.writeValueAsString(latency.json()));
        latencySection = latency.report(runDir.staging());
      }
      if (config.runs("durability")) {
        runDir.write("durability.json", JSON.writeValueAsString(durability.json()));
        latencySection += durability.report();
      }
      String footprintSection = "";
      if (config.runs("footprint")) {
        runDir.write("footprint.json", JSON.writeValueAsString(footprint.json()));
        footprintSection = "\n" + footprint.report();
      }
      if (runsMetadata) {
        runDir.write("metadata-scaling.json", JSON.writeValueAsString(metadata.json()));
        String metadataSection = metadata.report(runDir.staging());
        latencySection =
            latencySection.isEmpty() ? metadataSection : latencySection + "\n" + metadataSection;
      }
      String report =
          Report.markdown(
              runDir.run(),
              config.profile(),
              environment,
              startup.rows(),
              throughput.rows(),
              latencySection + footprintSection);
      // The verdicts are computed from the files just written, as anyone could from the folder.
      ClaimsReport claims =
          new ClaimsReport(
              Claims.evaluate(RunRows.of(runDir.staging())), Messages.forTag(config.lang()));
      report = claims.insertInto(report);
      runDir.write("summary.json", claims.summaryJson(runDir.run(), report));
      runDir.write("REPORT.md", report);
      try {
        runDir.write("report.html", claims.html(report, runDir.staging(), runDir.run()));
      } catch (RuntimeException e) {
        // The measurements and REPORT.md stand without the HTML copy: keep the run.
        err.println("brokerbench: report.html not written: " + e.getMessage());
      }
      Path published = runDir.commit();

      out.println();
      out.println(report);
      out.println("brokerbench: results in " + published);
      boolean failed =
          startup.rows().stream().anyMatch(row -> row.status().isFailure())
              || throughput.rows().stream().anyMatch(row -> row.status().isFailure())
              || latency.rows().stream().anyMatch(row -> row.status().isFailure())
              || durability.rows().stream().anyMatch(row -> row.status().isFailure())
              || footprint.rows().stream().anyMatch(row -> row.status().isFailure())
              || metadata.rows().stream().anyMatch(row -> row.status().isFailure());
      if (failed) {
        err.println("brokerbench: some scenarios failed; see the report above.");
      }
      return failed ? 1 : 0;
    } catch (Exception e) {
      Work.deleteCreated();
      runDir.abandon();
      err.println("brokerbench: the run failed and left no results: " + e);
      return 1;
    }
  }

  /** A suite's work, which may throw what the suites throw. */
  @FunctionalInterface
  private interface SuiteRun {
    void run() throws Exception;
  }

  /** Runs a suite and notes its wall time under {@code suite}: the profiles' time targets. */
  private static void timed(Map<String, Long> wallMs, String suite, SuiteRun run) throws Exception {
    long began = System.nanoTime();
    try {
      run.run();
    } finally {
      wallMs.put(suite, (System.nanoTime() - began) / 1_000_000);
    }
  }

  /** The Kafka modes among the chosen systems: the metadata suite compares those it is given. */
  static List<KafkaMode> metadataModes(java.util.Set<BenchSystem> systems) {
    List<KafkaMode> modes = new ArrayList<>();
    if (systems.contains(BenchSystem.KAFKA_ZOOKEEPER)) {
      modes.add(KafkaMode.ZOOKEEPER);
    }
    if (systems.contains(BenchSystem.KAFKA_KRAFT)) {
      modes.add(KafkaMode.KRAFT);
    }
    return modes;
  }

  private static Map<String, Object> rowsJson(String scenario, List<?> rows) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", scenario);
    json.put("rows", rows);
    return json;
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
