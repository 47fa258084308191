package io.brokerbench.bench;

import io.brokerbench.bench.claims.Messages;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.UserWorkloads;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one bench run does, from the command line that {@code mvn verify -Pbench} builds.
 *
 * @param profile {@code smoke} (CI and a class in a hurry), {@code quick} (the default) or {@code
 *     full}, from {@code -Dbench.profile}
 * @param systems the systems to run, from {@code -Dbench.systems=kafka-kraft,rabbitmq} (default
 *     all)
 * @param results the folder that receives {@code <run>/} and the {@code latest} link
 * @param repository the checkout, for its git revision
 * @param rabbitmqUri a running RabbitMQ to use instead of starting one ({@code -Drabbitmq.uri});
 *     empty: brokerbench starts its own node
 * @param suites the suites to run, from {@code -Dbench.suites=startup,throughput,latency,footprint}
 *     (default all)
 * @param arrivals how the latency suite spreads intended send times, from {@code
 *     -Dbench.arrivals=fixed} (the default) or {@code poisson}
 * @param lang the report's language, from {@code -Dbench.lang=en} or {@code pt-BR}; when not set,
 *     the machine's locale decides ({@link Messages#tagForLocale}: {@code pt_BR.UTF-8} gives {@code
 *     pt-BR}, any other English)
 * @param metadataReplicationFactor the metadata suite's replicas per partition, from {@code
 *     -Dbench.metadata.rf=1} (the default: the size sweep) or up to 3 (leadership moves on shutdown
 *     and failover, three times the replicas per broker)
 * @param kafkaBootstrap a running Kafka in KRaft mode to use as {@code kafka-kraft} instead of
 *     starting one ({@code -Dkafka.bootstrap=127.0.0.1:9092}); empty: brokerbench starts its own
 * @param kafkaZookeeperBootstrap the same for {@code kafka-zookeeper} ({@code
 *     -Dkafka.zookeeper.bootstrap=127.0.0.1:9093})
 * @param zookeeperConnect that cluster's ZooKeeper ({@code -Dzookeeper.connect=127.0.0.1:2181}),
 *     recorded in the environment block beside it; empty: none
 * @param tiers the guarantee tiers the throughput, latency and durability suites run, from {@code
 *     -Dbench.tiers=none,ack,durable} (default all)
 * @param workloads the user's workload files, from {@code -Dbench.workloads=FILE_OR_DIR[,...]}
 *     (instead of the bundled workloads, or beside them after a {@code +}; default none)
 */
public record BenchConfig(
    Profile profile,
    Set<BenchSystem> systems,
    Path results,
    Path repository,
    String rabbitmqUri,
    Set<String> suites,
    Arrivals arrivals,
    String lang,
    int metadataReplicationFactor,
    String kafkaBootstrap,
    String kafkaZookeeperBootstrap,
    String zookeeperConnect,
    Set<GuaranteeTier> tiers,
    UserWorkloads workloads) {
  /** The suites in the order they run. */
  public static final List<String> SUITES =
      List.of("startup", "throughput", "latency", "durability", "footprint", "metadata");

  public BenchConfig {
    if (profile == null) {
      throw new IllegalArgumentException("bench.profile: missing; expected smoke, quick or full");
    }
    if (systems.isEmpty()) {
      throw new IllegalArgumentException("bench.systems: no system selected");
    }
    // EnumSet: the systems run, and are reported, in a fixed order.
    if (!rabbitmqUri.isEmpty()
        && !rabbitmqUri.startsWith("amqp://")
        && !rabbitmqUri.startsWith("amqps://")) {
      throw new IllegalArgumentException(
          "rabbitmq.uri: '"
              + rabbitmqUri
              + "' is not an AMQP URI; expected amqp://user:pass@host:5672/");
    }
    if (suites.isEmpty() || !SUITES.containsAll(suites)) {
      throw new IllegalArgumentException(
          "bench.suites: unknown or no suite in " + suites + "; expected some of " + SUITES);
    }
    if (arrivals == null) {
      throw new IllegalArgumentException("bench.arrivals: missing; expected fixed or poisson");
    }
    // Normalized to the tag of a language there is (en, pt-BR), or a clear error.
    lang = Messages.forTag(lang).tag();
    if (metadataReplicationFactor < 1 || metadataReplicationFactor > 3) {
      throw new IllegalArgumentException(
          "bench.metadata.rf: the metadata suite's replication factor must be 1, 2 or 3 (its"
              + " clusters have 3 brokers), was "
              + metadataReplicationFactor);
    }
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException(
          "bench.tiers: no tier selected; expected some of " + GuaranteeTier.validKeys());
    }
    tiers = java.util.Collections.unmodifiableSet(EnumSet.copyOf(tiers));
    requireHostPorts("kafka.bootstrap", kafkaBootstrap);
    requireHostPorts("kafka.zookeeper.bootstrap", kafkaZookeeperBootstrap);
    requireHostPorts("zookeeper.connect", zookeeperConnect);
    suites = Set.copyOf(suites);
    systems = java.util.Collections.unmodifiableSet(EnumSet.copyOf(systems));
  }

  private static final java.util.regex.Pattern HOST_PORTS =
      java.util.regex.Pattern.compile(
          "[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5})*");

  private static void requireHostPorts(String property, String value) {
    if (!value.isEmpty() && !HOST_PORTS.matcher(value).matches()) {
      throw new IllegalArgumentException(
          property
              + ": '"
              + value
              + "' is not a list of host:port; expected e.g. 127.0.0.1:9092 or"
              + " host1:9092,host2:9092");
    }
  }

  /**
   * The suites that connect to an external cluster; the others skip it with one row, since they
   * need to start, kill or restart its processes ({@link External#needsProcessControl}).
   */
  static final Set<String> SUITES_THAT_CONNECT = Set.of("startup", "throughput", "latency");

  /**
   * The external clusters this run will connect to: of a selected system, and a selected suite
   * connects. What {@link External#unreachable} asks before the run.
   */
  public Set<BenchSystem> connectsTo() {
    Set<BenchSystem> connected = EnumSet.noneOf(BenchSystem.class);
    if (suites.stream().anyMatch(SUITES_THAT_CONNECT::contains)) {
      systems.stream().filter(external()::isExternal).forEach(connected::add);
    }
    return connected;
  }

  /** {@code args} parsed, or null after one line on {@code err} that says what is wrong. */
  static BenchConfig parsed(String[] args, PrintStream err) {
    try {
      return parse(args);
    } catch (IllegalArgumentException e) {
      err.println("brokerbench: " + e.getMessage());
      return null;
    }
  }

  /**
   * Whether every external cluster a selected suite connects to answers; if not, one line per
   * cluster on {@code err} says which address did not and what to check.
   */
  boolean reachable(PrintStream err) {
    List<String> unreachable = external().unreachable(connectsTo(), External.CONNECT_TIMEOUT);
    unreachable.forEach(problem -> err.println("brokerbench: " + problem));
    return unreachable.isEmpty();
  }

  /** The brokers this run uses instead of starting its own, by system. */
  public External external() {
    return new External(kafkaBootstrap, kafkaZookeeperBootstrap, zookeeperConnect, rabbitmqUri);
  }

  /** What every suite of this run is built from. */
  public RunPlan plan() {
    return new RunPlan(
        profile, systems, tiers, external(), arrivals, metadataReplicationFactor, lang, workloads);
  }

  /** Parses {@code --name=value} arguments; every one has a default. */
  public static BenchConfig parse(String... args) {
    Profile profile = Profile.QUICK;
    Set<BenchSystem> systems = BenchSystem.all();
    Path results = Path.of("results");
    Path repository = Path.of(".");
    String rabbitmqUri = "";
    Set<String> suites = Set.copyOf(SUITES);
    Arrivals arrivals = Arrivals.FIXED_RATE;
    String lang = "";
    int metadataReplicationFactor = 1;
    String kafkaBootstrap = "";
    String kafkaZookeeperBootstrap = "";
    String zookeeperConnect = "";
    Set<GuaranteeTier> tiers = EnumSet.allOf(GuaranteeTier.class);
    String workloads = "";
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "': expected --name=value");
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "profile" -> profile = Profile.parse(value);
        case "systems" -> systems = parseSystems(value);
        case "results" -> results = Path.of(value);
        case "repository" -> repository = Path.of(value);
        case "rabbitmq-uri" -> rabbitmqUri = value.trim();
        case "suites" -> suites = parseSuites(value);
        case "arrivals" -> arrivals = parseArrivals(value);
        case "lang" -> lang = value;
        case "metadata-rf" -> metadataReplicationFactor = parseReplicationFactor(value);
        case "kafka-bootstrap" -> kafkaBootstrap = value.trim();
        case "kafka-zookeeper-bootstrap" -> kafkaZookeeperBootstrap = value.trim();
        case "zookeeper-connect" -> zookeeperConnect = value.trim();
        case "tiers" -> tiers = parseTiers(value);
        case "workloads" -> workloads = value;
        default ->
            throw new IllegalArgumentException(
                "unknown option --"
                    + name
                    + ": expected --profile, --systems, --suites, --results, --repository,"
                    + " --rabbitmq-uri, --kafka-bootstrap, --kafka-zookeeper-bootstrap,"
                    + " --zookeeper-connect, --tiers, --workloads, --arrivals, --lang or"
                    + " --metadata-rf");
      }
    }
    if (lang.isBlank()) {
      lang = Messages.tagForLocale(System.getenv(), Locale.getDefault());
    }
    return new BenchConfig(
        profile,
        systems,
        results.toAbsolutePath(),
        repository.toAbsolutePath(),
        rabbitmqUri,
        suites,
        arrivals,
        lang,
        metadataReplicationFactor,
        kafkaBootstrap,
        kafkaZookeeperBootstrap,
        zookeeperConnect,
        tiers,
        UserWorkloads.parse(workloads, repository.toAbsolutePath()));
  }

  /** {@code all}, or a comma-separated list of {@code none}, {@code ack}, {@code durable}. */
  private static Set<GuaranteeTier> parseTiers(String value) {
    if (value.isBlank() || value.trim().equalsIgnoreCase("all")) {
      return EnumSet.allOf(GuaranteeTier.class);
    }
    Set<GuaranteeTier> tiers = EnumSet.noneOf(GuaranteeTier.class);
    for (String key : value.split(",")) {
      try {
        tiers.add(GuaranteeTier.fromKey(key));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bench.tiers: " + e.getMessage() + " or all", e);
      }
    }
    return tiers;
  }

  private static int parseReplicationFactor(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bench.metadata.rf: '" + value + "' is not a number; expected 1, 2 or 3", e);
    }
  }

  private static Arrivals parseArrivals(String value) {
    try {
      return Arrivals.fromKey(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bench.arrivals: " + e.getMessage(), e);
    }
  }

  private static Set<String> parseSuites(String value) {
    if (value.isBlank() || value.trim().equalsIgnoreCase("all")) {
      return Set.copyOf(SUITES);
    }
    Set<String> suites = new java.util.HashSet<>();
    for (String suite : value.split(",")) {
      suites.add(suite.trim().toLowerCase(Locale.ROOT));
    }
    return suites;
  }

  /** True when {@code suite} is to run. */
  public boolean runs(String suite) {
    return suites.contains(suite);
  }

  private static Set<BenchSystem> parseSystems(String value) {
    if (value.isBlank() || value.trim().equalsIgnoreCase("all")) {
      return BenchSystem.all();
    }
    Set<BenchSystem> systems = EnumSet.noneOf(BenchSystem.class);
    for (String label : value.split(",")) {
      try {
        systems.add(BenchSystem.parse(label));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bench.systems: " + e.getMessage(), e);
      }
    }
    return systems;
  }
}
