package io.brokerbench.bench.footprint;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaNode;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.brokers.rabbitmq.RabbitNode;
import io.brokerbench.brokers.zeromq.ZmqPeerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One setup of the {@link FootprintSuite}: its processes, its data directories, its configuration,
 * how to load it. One subclass per system, apart from the suite so that the suite reads as the
 * measurement it takes the same way for every setup and this as what differs between them.
 */
abstract class FootprintSetup {
  final BenchSystem system;
  final Broker broker;

  FootprintSetup(BenchSystem system, Broker broker) {
    this.system = system;
    this.broker = broker;
  }

  static FootprintSetup of(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT, KAFKA_ZOOKEEPER, KAFKA_4 -> new KafkaSetup(system);
      case RABBITMQ -> new RabbitSetup();
      case ZEROMQ -> new ZeroMqSetup();
      case RABBITMQ_STREAM ->
          throw new IllegalArgumentException(FootprintSuite.NOT_YET + system.label());
    };
  }

  /** Sends the messages; returns how many were acknowledged. */
  abstract long send(long messages, int messageBytes) throws Exception;

  /** Where the setup keeps what it stores. */
  abstract List<Path> dataDirs();

  /** The configuration its launchers wrote. */
  abstract ConfigLines config();

  static void add(ConfigLines config, ProcessNode node) {
    config.addFiles(node.name(), node.dir());
    config.addEnvironment(node.name(), node.launchEnvironment());
    config.addCommands(node.name(), node.dir());
  }

  private static final class KafkaSetup extends FootprintSetup {
    private final KafkaCluster kafka;

    KafkaSetup(BenchSystem system) {
      this(system, new KafkaCluster(system.underTest().kafkaSingle()));
    }

    private KafkaSetup(BenchSystem system, KafkaCluster kafka) {
      super(system, kafka);
      this.kafka = kafka;
    }

    @Override
    long send(long messages, int messageBytes) throws Exception {
      return FootprintLoad.kafka(
          kafka.bootstrapServers(), "brokerbench-footprint", messages, messageBytes);
    }

    @Override
    List<Path> dataDirs() {
      List<Path> dirs = new ArrayList<>();
      if (kafka.zookeeper() != null) {
        dirs.add(kafka.zookeeper().dir().resolve("data"));
      }
      kafka.nodes().forEach(node -> dirs.add(node.logDir()));
      return dirs;
    }

    @Override
    ConfigLines config() {
      ConfigLines config = new ConfigLines();
      if (kafka.zookeeper() != null) {
        add(config, kafka.zookeeper());
      }
      for (KafkaNode node : kafka.nodes()) {
        add(config, node);
      }
      return config;
    }
  }

  private static final class RabbitSetup extends FootprintSetup {
    private final RabbitCluster rabbit;

    RabbitSetup() {
      this(new RabbitCluster(RabbitClusterSpec.single()));
    }

    private RabbitSetup(RabbitCluster rabbit) {
      super(BenchSystem.RABBITMQ, rabbit);
      this.rabbit = rabbit;
    }

    @Override
    long send(long messages, int messageBytes) throws Exception {
      return FootprintLoad.rabbitmq(
          rabbit.node(1).uri(), "brokerbench-footprint", messages, messageBytes);
    }

    @Override
    List<Path> dataDirs() {
      return rabbit.nodes().stream().map(node -> node.dir().resolve("data")).toList();
    }

    @Override
    ConfigLines config() {
      ConfigLines config = new ConfigLines();
      add(config, rabbit.epmd());
      for (RabbitNode node : rabbit.nodes()) {
        add(config, node);
      }
      return config;
    }
  }

  /**
   * ZeroMQ has no broker: the process that receives is a peer JVM, here one that echoes every
   * message back so that the sender can count what arrived. Its disk is whatever it wrote into its
   * own directory (its working directory) besides the log of its output: measured, not assumed.
   */
  private static final class ZeroMqSetup extends FootprintSetup {
    private final int toPeer;
    private final int fromPeer;
    private final ZmqPeerProcess peer;

    ZeroMqSetup() {
      this(Ports.free(), Ports.free());
    }

    private ZeroMqSetup(int toPeer, int fromPeer) {
      this(
          toPeer,
          fromPeer,
          new ZmqPeerProcess(
              "zeromq-peer",
              Map.of("PULL", toPeer),
              List.of("echo", endpoint(toPeer), endpoint(fromPeer))));
    }

    private ZeroMqSetup(int toPeer, int fromPeer, ZmqPeerProcess peer) {
      super(BenchSystem.ZEROMQ, peer);
      this.toPeer = toPeer;
      this.fromPeer = fromPeer;
      this.peer = peer;
    }

    private static String endpoint(int port) {
      return "tcp://" + Ports.LOOPBACK + ":" + port;
    }

    @Override
    long send(long messages, int messageBytes) {
      return FootprintLoad.zeromq(endpoint(toPeer), endpoint(fromPeer), messages, messageBytes);
    }

    @Override
    List<Path> dataDirs() {
      try (Stream<Path> entries = Files.list(peer.dir())) {
        return entries.filter(path -> !path.getFileName().toString().equals("logs")).toList();
      } catch (IOException e) {
        throw new UncheckedIOException("could not list " + peer.dir(), e);
      }
    }

    @Override
    ConfigLines config() {
      ConfigLines config = new ConfigLines();
      add(config, peer);
      return config;
    }
  }
}
