package io.brokerbench.brokers.zookeeper;

import io.brokerbench.brokers.JavaCommand;
import io.brokerbench.brokers.Log4j;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.PropertiesFile;
import io.brokerbench.brokers.VendorClasspath;
import io.brokerbench.brokers.Work;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ZooKeeper 3.8.4 server, the one Kafka 3.9.1 ships with, in its own JVM: standalone, or one
 * member of an ensemble on 127.0.0.1 ({@link #ensemble}). Ready when ZooKeeper's own {@code srvr}
 * reports it serving (an ensemble member only serves once a majority has elected a leader); {@code
 * mntr} is enabled for the metadata suite.
 */
public final class ZooKeeperNode extends ProcessNode {
  public static final String VERSION = "3.8.4";
  private static final String KAFKA_VERSION = "3.9.1";

  /** The JVM heap flags of a node started without a heap of its own. */
  private static final List<String> DEFAULT_HEAP = List.of("-Xms256m", "-Xmx512m");

  private final int clientPort;
  private final int serverId;
  private final String heap;
  private final Map<String, String> config = new LinkedHashMap<>();

  public ZooKeeperNode(String name) {
    this(name, Work.newDirectory(name), Ports.free());
  }

  public ZooKeeperNode(String name, Path dir, int clientPort) {
    this(name, dir, clientPort, 0, null, Map.of());
  }

  /**
   * @param serverId this member's id in an ensemble ({@code myid}), 0 for a standalone server
   * @param heap {@code -Xms} and {@code -Xmx} (e.g. {@code 512m}), or null for 256 MiB growing to
   *     512 MiB
   * @param extra {@code zoo.cfg} entries applied last (the ensemble's {@code server.N} lines, a
   *     session timeout bound)
   */
  private ZooKeeperNode(
      String name, Path dir, int clientPort, int serverId, String heap, Map<String, String> extra) {
    super(name, dir, Duration.ofSeconds(60), Duration.ofSeconds(15));
    this.clientPort = clientPort;
    this.serverId = serverId;
    this.heap = heap;
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
    config.putAll(extra);
  }

  /**
   * The {@code size} members of one ZooKeeper ensemble on 127.0.0.1, each with its own client,
   * quorum and election ports and its own directory. Launch them all before waiting for any: a
   * member serves only once a majority runs.
   *
   * @param heap each member's {@code -Xms}/{@code -Xmx}, or null for the standalone default
   * @param extra {@code zoo.cfg} entries for every member (e.g. {@code minSessionTimeout})
   */
  public static List<ZooKeeperNode> ensemble(
      String name, int size, String heap, Map<String, String> extra) {
    if (size < 1) {
      throw new IllegalArgumentException("ZooKeeper ensemble size: must be 1 or more, was " + size);
    }
    if (size == 1) {
      return List.of(
          new ZooKeeperNode(name, Work.newDirectory(name), Ports.free(), 0, heap, extra));
    }
    Map<String, String> shared = new LinkedHashMap<>();
    // ZooKeeper's own example values, in ticks of 2 s: a follower may take 20 s to connect and
    // sync with the leader, and fall 10 s behind before it is dropped.
    shared.put("initLimit", "10");
    shared.put("syncLimit", "5");
    List<Integer> clientPorts = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      clientPorts.add(Ports.free());
      shared.put("server." + id, Ports.LOOPBACK + ":" + Ports.free() + ":" + Ports.free());
    }
    shared.putAll(extra);
    List<ZooKeeperNode> members = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      String member = name + "-" + id;
      members.add(
          new ZooKeeperNode(
              member, Work.newDirectory(member), clientPorts.get(id - 1), id, heap, shared));
    }
    return List.copyOf(members);
  }

  /** This member's id in its ensemble, or 0 when it runs standalone. */
  public int serverId() {
    return serverId;
  }

  /** The quorum and election ports of {@code server.<id>}, or none when standalone. */
  private Map<String, Integer> peerPorts() {
    String server = config.get("server." + serverId);
    if (serverId == 0 || server == null) {
      return Map.of();
    }
    String[] parts = server.split(":");
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("quorum", Integer.parseInt(parts[1]));
    ports.put("election", Integer.parseInt(parts[2]));
    return ports;
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
    if (serverId > 0) {
      // An ensemble member finds its own server.N line by the id in dataDir/myid.
      Files.createDirectories(dir.resolve("data"));
      Files.writeString(dir.resolve("data/myid"), serverId + "\n");
    }
    PropertiesFile.write(
        dir.resolve("conf/log4j.properties"), "written by brokerbench", Log4j.consoleConfig());
  }

  @Override
  protected List<String> command() {
    return JavaCommand.of(
        Stream.concat(
                (heap == null ? DEFAULT_HEAP : List.of("-Xms" + heap, "-Xmx" + heap)).stream(),
                Stream.of(
                    "-XX:+UseG1GC",
                    "-Djava.awt.headless=true",
                    "-Dlog4j.configuration=file:" + dir.resolve("conf/log4j.properties"),
                    "-Dzookeeper.jmx.log4j.disable=true"))
            .toList(),
        VendorClasspath.kafka(KAFKA_VERSION),
        // ZooKeeperServerMain ignores server.N lines and runs standalone; an ensemble member is a
        // QuorumPeerMain.
        serverId == 0
            ? "org.apache.zookeeper.server.ZooKeeperServerMain"
            : "org.apache.zookeeper.server.quorum.QuorumPeerMain",
        List.of(dir.resolve("conf/zoo.cfg").toString()));
  }

  @Override
  protected boolean probeReady() {
    return FourLetterWords.serving(clientPort);
  }

  @Override
  public Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("client", clientPort);
    ports.putAll(peerPorts());
    return ports;
  }

  @Override
  protected Map<String, String> config() {
    Map<String, String> described = new LinkedHashMap<>(config);
    described.put("jvm.heap", heap == null ? String.join(" ", DEFAULT_HEAP) : heap);
    return described;
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
    return serverId == 0 ? "standalone" : "ensemble member " + serverId;
  }
}
