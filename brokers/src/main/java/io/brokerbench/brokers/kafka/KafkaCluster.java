package io.brokerbench.brokers.kafka;

import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerStartException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.MachineLimits;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.process.LogTail;
import io.brokerbench.brokers.zookeeper.ZooKeeperNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka 3.9.1 cluster of one or more brokers on 127.0.0.1, in KRaft mode (the first {@code
 * controllers} nodes are combined broker+controller nodes) or in ZooKeeper mode (with a ZooKeeper
 * server of its own, or an ensemble of them when the spec asks for several). Every broker is its
 * own JVM with its own directory under the work root.
 *
 * <p>{@link #start()} returns once every broker answers and sees all the others. The single-broker
 * operations (kill the leader, restart one broker) go through {@link #node(int)}.
 */
public final class KafkaCluster implements Broker {
  private final String name;
  private final KafkaClusterSpec spec;
  private final List<ZooKeeperNode> zookeepers;
  private final List<KafkaNode> nodes = new ArrayList<>();
  private Duration lastStartToReady;

  public KafkaCluster(KafkaClusterSpec spec) {
    this("kafka-" + spec.mode().label(), spec);
  }

  public KafkaCluster(String name, KafkaClusterSpec spec) {
    this.name = name;
    this.spec = spec;
    MachineLimits limits = MachineLimits.read();
    limits.requireKafkaPartitionsFit(name, spec.partitionsPerBroker());
    this.zookeepers =
        spec.mode() != KafkaMode.ZOOKEEPER
            ? List.of()
            : spec.zookeeperNodes() == 1
                    && spec.zookeeperHeap() == null
                    && spec.zookeeperOverrides().isEmpty()
                ? List.of(new ZooKeeperNode(name + "-zookeeper"))
                : ZooKeeperNode.ensemble(
                    name + "-zookeeper",
                    spec.zookeeperNodes(),
                    spec.zookeeperHeap(),
                    spec.zookeeperOverrides());
    List<Integer> brokerPorts = new ArrayList<>();
    List<Integer> controllerPorts = new ArrayList<>();
    for (int i = 0; i < spec.brokers(); i++) {
      brokerPorts.add(Ports.free());
      controllerPorts.add(Ports.free());
    }
    String voters = voters(controllerPorts);
    String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < spec.brokers(); i++) {
      int nodeId = i + 1;
      boolean controller = spec.mode() == KafkaMode.KRAFT && i < spec.controllers();
      String nodeName = name + "-" + nodeId;
      Path dir = Work.newDirectory(nodeName);
      Map<String, String> config =
          serverConfig(nodeId, controller, brokerPorts.get(i), controllerPorts.get(i), voters, dir);
      nodes.add(
          new KafkaNode(
              nodeName,
              dir,
              nodeId,
              spec.mode(),
              controller,
              brokerPorts.get(i),
              controllerPorts.get(i),
              spec.heap(),
              clusterId,
              config,
              zookeeper(),
              spec.release(),
              spec.startTimeout()));
    }
  }

  private String voters(List<Integer> controllerPorts) {
    List<String> voters = new ArrayList<>();
    for (int i = 0; i < spec.controllers(); i++) {
      voters.add((i + 1) + "@" + Ports.LOOPBACK + ":" + controllerPorts.get(i));
    }
    return String.join(",", voters);
  }

  /**
   * The server.properties of one broker, each setting that is not Kafka's default with its reason.
   */
  private Map<String, String> serverConfig(
      int nodeId, boolean controller, int brokerPort, int controllerPort, String voters, Path dir) {
    Map<String, String> config = new LinkedHashMap<>();
    String plaintext = "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort;
    if (spec.mode() == KafkaMode.KRAFT) {
      config.put("process.roles", controller ? "broker,controller" : "broker");
      config.put("node.id", Integer.toString(nodeId));
      config.put("controller.quorum.voters", voters);
      config.put(
          "listeners",
          controller
              ? plaintext + ",CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort
              : plaintext);
      config.put("controller.listener.names", "CONTROLLER");
      config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      config.put("inter.broker.listener.name", "PLAINTEXT");
    } else {
      config.put("broker.id", Integer.toString(nodeId));
      config.put(
          "zookeeper.connect",
          zookeepers.stream().map(ZooKeeperNode::connectString).collect(Collectors.joining(",")));
      config.put("listeners", plaintext);
    }
    // Loopback only: clients and peers reach the broker on 127.0.0.1, never another address.
    config.put("advertised.listeners", plaintext);
    config.put("log.dirs", dir.resolve("data").toString());
    int internalReplicas = Math.min(3, spec.brokers());
    // Kafka's defaults (3) cannot be met by a smaller cluster: the offsets topic would never exist.
    config.put("offsets.topic.replication.factor", Integer.toString(internalReplicas));
    config.put("transaction.state.log.replication.factor", Integer.toString(internalReplicas));
    config.put("transaction.state.log.min.isr", Integer.toString(Math.min(2, internalReplicas)));
    if (spec.release().hasShareGroups()) {
      // Likewise the share coordinator's state topic, or no share group could start.
      config.put(
          "share.coordinator.state.topic.replication.factor", Integer.toString(internalReplicas));
      config.put(
          "share.coordinator.state.topic.min.isr", Integer.toString(Math.min(2, internalReplicas)));
    }
    // The default 3 s delay before the first rebalance only slows down every consumer group.
    config.put("group.initial.rebalance.delay.ms", "0");
    // Tests and benchmarks create their topics explicitly, with the settings they need.
    config.put("auto.create.topics.enable", "false");
    config.putAll(spec.overrides());
    return config;
  }

  @Override
  public String name() {
    return name;
  }

  public KafkaClusterSpec spec() {
    return spec;
  }

  public List<KafkaNode> nodes() {
    return List.copyOf(nodes);
  }

  /** The broker with node id {@code nodeId} (1-based). */
  public KafkaNode node(int nodeId) {
    return nodes.get(nodeId - 1);
  }

  /**
   * The (first) ZooKeeper server of a ZooKeeper-mode cluster, or null in KRaft mode. Every member
   * of an ensemble holds the same data, so its {@code mntr} figures and ephemeral znodes are the
   * ensemble's.
   */
  public ZooKeeperNode zookeeper() {
    return zookeepers.isEmpty() ? null : zookeepers.get(0);
  }

  /** Every ZooKeeper server of a ZooKeeper-mode cluster (none in KRaft mode). */
  public List<ZooKeeperNode> zookeepers() {
    return zookeepers;
  }

  /** {@code bootstrap.servers} for clients: every broker's listener. */
  public String bootstrapServers() {
    return nodes.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
  }

  /** An Admin client on this cluster with the harness's short timeouts. The caller closes it. */
  public Admin admin() {
    return Admin.create(KafkaNode.adminConfig(bootstrapServers()));
  }

  /**
   * The broker that leads {@code partition} of {@code topic}, asked of the cluster through an
   * {@link Admin} client; empty while the partition has no leader.
   */
  public OptionalInt leaderOf(String topic, int partition)
      throws InterruptedException, ExecutionException {
    try (Admin admin = admin()) {
      TopicPartitionInfo info =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .get(partition);
      return info.leader() == null ? OptionalInt.empty() : OptionalInt.of(info.leader().id());
    }
  }

  @Override
  public void start() {
    long begin = System.nanoTime();
    // An ensemble member serves only once a majority runs: launch all before waiting for any.
    List<ZooKeeperNode> launchedZooKeepers = new ArrayList<>();
    for (ZooKeeperNode zookeeper : zookeepers) {
      if (!zookeeper.isRunning()) {
        zookeeper.launch();
        launchedZooKeepers.add(zookeeper);
      }
    }
    launchedZooKeepers.forEach(ZooKeeperNode::awaitReady);
    // Launch every broker before waiting for any: a controller quorum answers only once a majority
    // of its voters runs, and parallel JVM start-up is faster on two cores too.
    List<KafkaNode> launched = new ArrayList<>();
    for (KafkaNode node : nodes) {
      if (!node.isRunning()) {
        node.launch();
        launched.add(node);
      }
    }
    for (KafkaNode node : launched) {
      node.awaitReady();
    }
    awaitAllBrokersVisible();
    lastStartToReady = Duration.ofNanos(System.nanoTime() - begin);
  }

  /** Each broker answers on its own; the cluster is ready when one of them sees them all. */
  private void awaitAllBrokersVisible() {
    long deadline = System.nanoTime() + spec.startTimeout().toNanos();
    int seen = 0;
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        try {
          seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
          if (seen == nodes.size()) {
            return;
          }
        } catch (Exception e) {
          // not yet
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    KafkaNode first = nodes.get(0);
    throw new BrokerStartException(
        name,
        "did not form: "
            + seen
            + " of "
            + nodes.size()
            + " brokers visible after "
            + spec.startTimeout().toSeconds()
            + " s",
        first.ports(),
        first.logFile(),
        LogTail.of(first.logFile(), 25));
  }

  /**
   * Stops every broker cleanly at once (sequential shutdowns of a KRaft quorum would leave the last
   * ones without a quorum to report to), then ZooKeeper.
   */
  @Override
  public void stop() {
    List<Thread> stoppers = new ArrayList<>();
    for (KafkaNode node : nodes) {
      Thread stopper = new Thread(node::stop, "stop-" + node.name());
      stopper.start();
      stoppers.add(stopper);
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    zookeepers.forEach(ZooKeeperNode::stop);
  }

  @Override
  public void kill() {
    nodes.forEach(KafkaNode::kill);
    zookeepers.forEach(ZooKeeperNode::kill);
  }

  @Override
  public void pause() {
    nodes.forEach(KafkaNode::pause);
  }

  @Override
  public void resume() {
    nodes.forEach(KafkaNode::resume);
  }

  @Override
  public boolean isRunning() {
    return nodes.stream().allMatch(KafkaNode::isRunning)
        && zookeepers.stream().allMatch(ZooKeeperNode::isRunning);
  }

  @Override
  public Duration lastStartToReady() {
    return lastStartToReady;
  }

  /** Every process of the cluster, ZooKeeper first. */
  public List<Description> describeNodes() {
    List<Description> all = new ArrayList<>();
    zookeepers.forEach(zookeeper -> all.add(zookeeper.describe()));
    nodes.forEach(node -> all.add(node.describe()));
    return all;
  }

  @Override
  public Description describe() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<Long> pids = new ArrayList<>();
    for (Description node : describeNodes()) {
      node.ports().forEach((role, port) -> ports.put(node.name() + " " + role, port));
      pids.addAll(node.pids());
    }
    Map<String, String> config = new LinkedHashMap<>(nodes.get(0).describe().config());
    config.put("brokers", Integer.toString(spec.brokers()));
    if (spec.mode() == KafkaMode.KRAFT) {
      config.put("controllers", Integer.toString(spec.controllers()));
    } else if (zookeepers.size() > 1) {
      config.put("zookeeperNodes", Integer.toString(zookeepers.size()));
    }
    return new Description(
        name,
        "Apache Kafka",
        spec.release().version(),
        spec.mode().label(),
        ports,
        pids,
        lastStartToReady == null ? -1 : lastStartToReady.toMillis(),
        config);
  }
}
