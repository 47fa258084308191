package io.brokerbench.brokers.kafka;

import io.brokerbench.brokers.BrokerStartException;
import io.brokerbench.brokers.JavaCommand;
import io.brokerbench.brokers.Log4j;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.PropertiesFile;
import io.brokerbench.brokers.TcpProbe;
import io.brokerbench.brokers.VendorClasspath;
import io.brokerbench.brokers.process.ChildProcess;
import io.brokerbench.brokers.zookeeper.FourLetterWords;
import io.brokerbench.brokers.zookeeper.ZooKeeperNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * One Kafka broker JVM ({@code kafka.Kafka}) of a {@link KafkaRelease}, with that release's own
 * classpath. In KRaft mode it may also be a controller; its storage is formatted with {@code
 * kafka.tools.StorageTool} before the first start. Readiness: the broker lists itself in an Admin
 * client's {@code describeCluster}.
 */
public final class KafkaNode extends ProcessNode {
  /** The release of the ZooKeeper comparison and the vendor tools, unless a scenario asks for 4. */
  public static final String VERSION = "3.9.1";

  private final int nodeId;
  private final KafkaMode mode;
  private final boolean controller;
  private final int brokerPort;
  private final int controllerPort;
  private final String heap;
  private final String clusterId;
  private final Map<String, String> config;
  private final ZooKeeperNode zookeeper;
  private final KafkaRelease release;

  KafkaNode(
      String name,
      Path dir,
      int nodeId,
      KafkaMode mode,
      boolean controller,
      int brokerPort,
      int controllerPort,
      String heap,
      String clusterId,
      Map<String, String> config,
      ZooKeeperNode zookeeper,
      KafkaRelease release,
      Duration startTimeout) {
    super(name, dir, startTimeout, Duration.ofSeconds(60));
    this.nodeId = nodeId;
    this.mode = mode;
    this.controller = controller;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.heap = heap;
    this.clusterId = clusterId;
    this.config = new LinkedHashMap<>(config);
    this.zookeeper = zookeeper;
    this.release = release;
  }

  /** This broker's {@code server.properties} value of {@code key}, or null when Kafka's default. */
  public String setting(String key) {
    return config.get(key);
  }

  /**
   * Sets {@code key} in this broker's {@code server.properties} from its next start on (null: back
   * to Kafka's default); a running broker keeps what it started with. For settings that Kafka reads
   * only at start (a ZooKeeper session timeout, say) and that one experiment varies between
   * restarts.
   */
  public void setSetting(String key, String value) {
    if (value == null) {
      config.remove(key); // back to Kafka's default
    } else {
      config.put(key, value);
    }
  }

  public int nodeId() {
    return nodeId;
  }

  public int brokerPort() {
    return brokerPort;
  }

  public boolean isController() {
    return controller;
  }

  /** {@code 127.0.0.1:port} of this broker's client listener. */
  public String bootstrapServer() {
    return Ports.LOOPBACK + ":" + brokerPort;
  }

  /** Where this broker keeps its partitions. */
  public Path logDir() {
    return dir.resolve("data");
  }

  private Path serverProperties() {
    return dir.resolve("conf/server.properties");
  }

  /** log4j 1's {@code log4j.properties} (Kafka 3) or log4j 2's {@code log4j2.properties}. */
  private Path logConfigFile() {
    return dir.resolve(
        release.logsWithLog4j2() ? "conf/log4j2.properties" : "conf/log4j.properties");
  }

  /** The JVM option that points the broker's logging at {@link #logConfigFile}. */
  private String logConfigOption() {
    return release.logsWithLog4j2()
        ? "-Dlog4j2.configurationFile=" + logConfigFile()
        : "-Dlog4j.configuration=file:" + logConfigFile();
  }

  private String classpath() {
    return VendorClasspath.kafka(release.version());
  }

  @Override
  protected void prepare() throws IOException {
    PropertiesFile.write(serverProperties(), "written by brokerbench", config);
    PropertiesFile.write(
        logConfigFile(),
        "written by brokerbench",
        release.logsWithLog4j2() ? Log4j.console2Config() : Log4j.consoleConfig());
    if (mode == KafkaMode.KRAFT) {
      format();
    }
  }

  /** {@code kafka-storage.sh format}: writes meta.properties and the bootstrap metadata. */
  private void format() {
    ChildProcess tool =
        ChildProcess.start(
            name + "-format",
            JavaCommand.of(
                List.of("-Xmx256m", logConfigOption()),
                classpath(),
                "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", serverProperties().toString())),
            Map.of(),
            dir,
            dir.resolve("logs").resolve(name + "-format.log"));
    if (!tool.awaitExit(Duration.ofSeconds(120)) || tool.exitCode() != 0) {
      tool.kill();
      throw new BrokerStartException(
          name,
          "could not format its KRaft storage with kafka.tools.StorageTool (exit code "
              + tool.exitCode()
              + ")",
          ports(),
          tool.logFile(),
          tool.logTail(25));
    }
  }

  /**
   * In ZooKeeper mode, a broker that was killed stays registered ({@code /brokers/ids/<id>}, an
   * ephemeral znode) until its ZooKeeper session expires ({@code zookeeper.session.timeout.ms}, 18
   * s by default), and a new broker with the same id exits at once with {@code
   * NodeExistsException}. So a restart first asks ZooKeeper until the old registration is gone, as
   * an operator would.
   */
  @Override
  protected void beforeLaunch() {
    try {
      // Every start reads the settings as they are now (setSetting may have changed one).
      PropertiesFile.write(serverProperties(), "written by brokerbench", config);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + serverProperties(), e);
    }
    if (zookeeper == null || !zookeeper.isRunning()) {
      return;
    }
    String registration = "/brokers/ids/" + nodeId;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try {
      while (FourLetterWords.holdsEphemeral(zookeeper.clientPort(), registration)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              name
                  + " cannot restart: ZooKeeper still holds its registration "
                  + registration
                  + " after 60 s; is another broker with node id "
                  + nodeId
                  + " running against "
                  + zookeeper.connectString()
                  + "?");
        }
        sleep(Duration.ofMillis(250));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          name + " cannot restart: ZooKeeper at " + zookeeper.connectString() + " does not answer",
          e);
    }
  }

  @Override
  protected List<String> command() {
    return JavaCommand.of(
        List.of(
            "-Xms" + heap,
            "-Xmx" + heap,
            // The JVM options of Kafka's own kafka-server-start.sh.
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent",
            "-Djava.awt.headless=true",
            logConfigOption(),
            "-Dkafka.logs.dir=" + dir.resolve("logs")),
        classpath(),
        "kafka.Kafka",
        List.of(serverProperties().toString()));
  }

  @Override
  protected boolean probeReady() throws Exception {
    if (!TcpProbe.accepts(brokerPort)) {
      return false;
    }
    try (Admin admin = Admin.create(adminConfig(bootstrapServer()))) {
      for (Node node :
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
              .nodes()
              .get(4, TimeUnit.SECONDS)) {
        if (node.id() == nodeId) {
          return true;
        }
      }
      return false;
    }
  }

  /** Admin settings for the harness's short questions: fail fast, never retry for minutes. */
  static Properties adminConfig(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "brokerbench-probe");
    return props;
  }

  @Override
  public Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("PLAINTEXT listener", brokerPort);
    if (controller) {
      ports.put("CONTROLLER listener", controllerPort);
    }
    return ports;
  }

  @Override
  protected Map<String, String> config() {
    Map<String, String> described = new LinkedHashMap<>(config);
    described.put("jvm.heap", heap);
    return described;
  }

  @Override
  protected String software() {
    return "Apache Kafka";
  }

  @Override
  protected String version() {
    return release.version();
  }

  @Override
  protected String mode() {
    if (mode == KafkaMode.ZOOKEEPER) {
      return "zookeeper";
    }
    return controller ? "kraft (broker,controller)" : "kraft (broker)";
  }
}
