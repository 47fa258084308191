package io.brokerbench.brokers.zookeeper;

import io.brokerbench.brokers.JavaCommand;
import io.brokerbench.brokers.Log4j;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.PropertiesFile;
import io.brokerbench.brokers.ServerClasspath;
import io.brokerbench.brokers.Work;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone ZooKeeper 3.8.4 server, the one Kafka 3.9.1 ships with, in its own JVM. Ready when
 * ZooKeeper's own {@code srvr} reports it serving; {@code mntr} is enabled for the metadata suite.
 */
public final class ZooKeeperNode extends ProcessNode {
  public static final String VERSION = "3.8.4";
  private static final String KAFKA_VERSION = "3.9.1";

  private final int clientPort;
  private final Map<String, String> config = new LinkedHashMap<>();

  public ZooKeeperNode(String name) {
    this(name, Work.newDirectory(name), Ports.free());
  }

  public ZooKeeperNode(String name, Path dir, int clientPort) {
    super(name, dir, Duration.ofSeconds(60), Duration.ofSeconds(15));
    this.clientPort = clientPort;
    config.put("tickTime", "2000");
    config.put("dataDir", this.dir.resolve("data").toString());
    config.put("clientPort", Integer.toString(clientPort));
    // Loopback only: brokerbench never listens on another address.
    config.put("clientPortAddress", Ports.LOOPBACK);
    // The AdminServer would take port 8080 on every address.
    config.put("admin.enableServer", "false");
    // srvr for readiness, ruok for liveness, mntr for the metadata-scaling suite (and srst to reset
    // its latency statistics between the suite's points), dump to see whether a crashed broker's
    // registration (an ephemeral znode) has expired.
    config.put("4lw.commands.whitelist", "mntr,ruok,srvr,dump,srst");
    // Many brokers and clients of one test share this server; 60 per host is the default.
    config.put("maxClientCnxns", "0");
  }

  /** {@code 127.0.0.1:port}, for {@code zookeeper.connect}. */
  public String connectString() {
    return Ports.LOOPBACK + ":" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  @Override
  protected void prepare() throws IOException {
    PropertiesFile.write(dir.resolve("conf/zoo.cfg"), "written by brokerbench", config);
    PropertiesFile.write(
        dir.resolve("conf/log4j.properties"), "written by brokerbench", Log4j.consoleConfig());
  }

  @Override
  protected List<String> command() {
    return JavaCommand.of(
        List.of(
            "-Xms256m",
            "-Xmx512m",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Dlog4j.configuration=file:" + dir.resolve("conf/log4j.properties"),
            "-Dzookeeper.jmx.log4j.disable=true"),
        ServerClasspath.kafka(KAFKA_VERSION),
        "org.apache.zookeeper.server.ZooKeeperServerMain",
        List.of(dir.resolve("conf/zoo.cfg").toString()));
  }

  @Override
  protected boolean probeReady() {
    return FourLetterWords.serving(clientPort);
  }

  @Override
  public Map<String, Integer> ports() {
    return Map.of("client", clientPort);
  }

  @Override
  protected Map<String, String> config() {
    return config;
  }

  @Override
  protected String software() {
    return "Apache ZooKeeper";
  }

  @Override
  protected String version() {
    return VERSION;
  }

  @Override
  protected String mode() {
    return "standalone";
  }
}
