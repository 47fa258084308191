package io.brokerbench.brokers.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerStartException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.process.LogTail;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A RabbitMQ cluster of one or more private nodes on 127.0.0.1 that share one {@link EpmdNode} and
 * one Erlang cookie; a cluster of one node is how brokerbench runs a single RabbitMQ. Everything
 * lives below one directory under the work root: {@code epmd/} and one directory per node.
 *
 * <p>{@link #start()} starts epmd, launches every node before waiting for any, then joins nodes
 * 2..n to node 1 ({@code stop_app}, {@code join_cluster}, {@code start_app}) on the first start
 * only, and returns once {@code rabbitmqctl cluster_status} lists every node as running. A later
 * start (after {@link #stop()} or {@link #kill()}) boots the nodes on their data, where they find
 * each other again. The single-node operations (kill one node, restart it) go through {@link
 * #node(int)}.
 */
public final class RabbitCluster implements Broker {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often cluster_status is asked while the cluster forms. */
  private static final Duration FORMATION_POLL = Duration.ofMillis(500);

  private final String name;
  private final RabbitClusterSpec spec;
  private final RabbitInstallation installation;
  private final Path dir;
  private final EpmdNode epmd;
  private final List<RabbitNode> nodes = new ArrayList<>();
  private boolean formed;
  private Duration lastStartToReady;

  /**
   * @throws io.brokerbench.brokers.BrokerUnavailableException when RabbitMQ is not installed, with
   *     {@link RabbitInstallation#notInstalledMessage} as its message
   */
  public RabbitCluster(RabbitClusterSpec spec) {
    this(spec.nodes() == 1 ? "rabbitmq" : "rabbitmq-cluster-" + spec.nodes(), spec);
  }

  public RabbitCluster(String name, RabbitClusterSpec spec) {
    this.name = name;
    this.spec = spec;
    this.installation = RabbitInstallation.locate();
    this.dir = Work.newDirectory(name);
    this.epmd = new EpmdNode(name + "-epmd", dir.resolve("epmd"), installation, Ports.free());
    String cookie = newCookie();
    Map<String, String> conf = rabbitmqConf();
    for (int i = 1; i <= spec.nodes(); i++) {
      String nodeName = name + "-" + i;
      nodes.add(
          new RabbitNode(
              nodeName,
              dir.resolve(nodeName),
              installation,
              "r" + i + "@localhost",
              Ports.free(),
              Ports.free(),
              epmd.port(),
              spec.streams() ? Ports.free() : 0,
              cookie,
              conf,
              spec.nodes(),
              spec.startTimeout()));
    }
  }

  /** rabbitmq.conf for every node; each setting that is not RabbitMQ's default says why. */
  private Map<String, String> rabbitmqConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    // One log per node: the process log, which a failed start quotes; no second copy in a file.
    conf.put("log.console", "true");
    conf.put("log.console.level", "info");
    conf.put("log.console.use_colors", "off");
    conf.put("log.file", "false");
    conf.putAll(new TreeMap<>(spec.overrides()));
    return conf;
  }

  /** The cookie that lets the nodes of this cluster and rabbitmqctl talk to each other. */
  private static String newCookie() {
    SecureRandom random = new SecureRandom();
    StringBuilder cookie = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      cookie.append((char) ('A' + random.nextInt(26)));
    }
    return cookie.toString();
  }

  @Override
  public String name() {
    return name;
  }

  public RabbitClusterSpec spec() {
    return spec;
  }

  public RabbitInstallation installation() {
    return installation;
  }

  /** The directory that holds epmd's and every node's directory. */
  public Path dir() {
    return dir;
  }

  public List<RabbitNode> nodes() {
    return List.copyOf(nodes);
  }

  /** Node {@code i}, 1-based: node 1 is the one the others joined. */
  public RabbitNode node(int i) {
    return nodes.get(i - 1);
  }

  /**
   * The node that leads the first queue whose name starts with {@code queue} (a queue's full name,
   * or the prefix that a trial's queues share), asked of the cluster with {@code rabbitmqctl
   * list_queues name leader}. A queue busy with publishes can be missing from one listing (seen
   * once on the shared machine), so it asks up to five times, 500 ms apart.
   */
  public RabbitNode queueLeader(String queue) throws InterruptedException {
    String listing = "";
    for (int attempt = 0; attempt < 5; attempt++) {
      listing = node(1).rabbitmqctl("list_queues", "name", "leader", "--quiet");
      for (String line : listing.split("\\n")) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length == 2 && fields[0].startsWith(queue)) {
          for (RabbitNode node : nodes) {
            if (node.nodeName().equals(fields[1])) {
              return node;
            }
          }
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "no leader of a queue of " + queue + " in rabbitmqctl list_queues: " + listing);
  }

  public EpmdNode epmd() {
    return epmd;
  }

  /** Every node's {@link RabbitNode#uri()}, node 1 first. */
  public List<String> uris() {
    return nodes.stream().map(RabbitNode::uri).collect(Collectors.toList());
  }

  @Override
  public void start() {
    long begin = System.nanoTime();
    if (!epmd.isRunning()) {
      epmd.start();
    }
    // Launch every node before waiting for any: the boots overlap, and after a stop of the whole
    // cluster each node waits in its boot for the peers it last saw running.
    List<RabbitNode> launched = new ArrayList<>();
    for (RabbitNode node : nodes) {
      if (!node.isRunning()) {
        node.launch();
        launched.add(node);
      }
    }
    for (RabbitNode node : launched) {
      node.awaitReady();
    }
    if (!formed) {
      join();
      formed = true;
    }
    if (nodes.size() > 1) {
      awaitAllNodesRunning();
    }
    lastStartToReady = Duration.ofNanos(System.nanoTime() - begin);
  }

  /**
   * Joins nodes 2..n to node 1, one after the other: each join changes the cluster's schema, and
   * concurrent joins to one node are not something RabbitMQ promises to handle.
   */
  private void join() {
    String first = nodes.get(0).nodeName();
    for (RabbitNode node : nodes.subList(1, nodes.size())) {
      node.rabbitmqctl("stop_app");
      node.rabbitmqctl("join_cluster", first);
      node.rabbitmqctl("start_app");
    }
  }

  /** The nodes that node 1 reports as running, e.g. {@code [r1@localhost, r2@localhost]}. */
  public Set<String> runningNodes() {
    return runningNodes(nodes.get(0).rabbitmqctl("cluster_status", "--formatter", "json"));
  }

  static Set<String> runningNodes(String clusterStatusJson) {
    int start = clusterStatusJson.indexOf('{');
    if (start < 0) {
      throw new IllegalStateException(
          "rabbitmqctl cluster_status printed no JSON: " + clusterStatusJson.strip());
    }
    try {
      JsonNode running = JSON.readTree(clusterStatusJson.substring(start)).path("running_nodes");
      Set<String> names = new TreeSet<>();
      running.forEach(node -> names.add(node.asText()));
      return names;
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not read rabbitmqctl cluster_status: " + clusterStatusJson.strip(), e);
    }
  }

  private void awaitAllNodesRunning() {
    Set<String> expected =
        nodes.stream().map(RabbitNode::nodeName).collect(Collectors.toCollection(TreeSet::new));
    long deadline = System.nanoTime() + spec.startTimeout().toNanos();
    String last = "";
    while (true) {
      try {
        Set<String> running = runningNodes();
        if (running.containsAll(expected)) {
          return;
        }
        last = running + " running";
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        RabbitNode first = nodes.get(0);
        throw new BrokerStartException(
            name,
            "did not form within "
                + spec.startTimeout().toSeconds()
                + " s: expected "
                + expected
                + " running, last seen: "
                + last,
            first.ports(),
            first.logFile(),
            LogTail.of(first.logFile(), 25));
      }
      sleep(FORMATION_POLL);
    }
  }

  /**
   * Stops the nodes cleanly one after the other, node 1 last (so it alone could boot first again),
   * then epmd.
   */
  @Override
  public void stop() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).stop();
    }
    epmd.stop();
  }

  /** SIGKILL to every node; epmd, which holds no data, is then stopped. */
  @Override
  public void kill() {
    nodes.forEach(RabbitNode::kill);
    epmd.stop();
  }

  @Override
  public void pause() {
    nodes.forEach(RabbitNode::pause);
  }

  @Override
  public void resume() {
    nodes.forEach(RabbitNode::resume);
  }

  @Override
  public boolean isRunning() {
    return epmd.isRunning() && nodes.stream().allMatch(RabbitNode::isRunning);
  }

  @Override
  public Duration lastStartToReady() {
    return lastStartToReady;
  }

  /** Every process of the cluster, epmd first. */
  public List<Description> describeNodes() {
    List<Description> all = new ArrayList<>();
    all.add(epmd.describe());
    nodes.forEach(node -> all.add(node.describe()));
    return all;
  }

  @Override
  public Description describe() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<Long> pids = new ArrayList<>();
    for (Description process : describeNodes()) {
      process.ports().forEach((role, port) -> ports.put(process.name() + " " + role, port));
      pids.addAll(process.pids());
    }
    Map<String, String> config = new LinkedHashMap<>(nodes.get(0).describe().config());
    config.put("nodes", Integer.toString(nodes.size()));
    return new Description(
        name,
        "RabbitMQ",
        installation.version(),
        nodes.size() == 1 ? "single node" : "cluster of " + nodes.size(),
        ports,
        pids,
        lastStartToReady == null ? -1 : lastStartToReady.toMillis(),
        config);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }
}
