package io.brokerbench.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Brokers a run uses instead of starting its own: a user's clusters, or the ones {@code
 * docker-compose.yml} starts (their endpoints are {@link ExternalDefaults}). Suites that measure
 * throughput and latency run against them; suites that need to control the processes (faults,
 * restarts, footprint, the metadata sweep's failovers) skip such a system with that reason.
 *
 * @param kafkaKraft {@code bootstrap.servers} of the Kafka used as {@code kafka-kraft}, or empty
 * @param kafkaZookeeper the same for {@code kafka-zookeeper}, or empty
 * @param zookeeper {@code host:port} of that cluster's ZooKeeper, or empty
 * @param rabbitmq the AMQP URI of the RabbitMQ used as {@code rabbitmq}, or empty
 */
public record External(
    String kafkaKraft, String kafkaZookeeper, String zookeeper, String rabbitmq) {

  /** None: brokerbench starts every broker itself. */
  public static final External NONE = new External("", "", "", "");

  /** The external address of {@code system}, or empty when brokerbench starts it. */
  public String of(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT -> kafkaKraft;
      case KAFKA_ZOOKEEPER -> kafkaZookeeper;
      case RABBITMQ -> rabbitmq;
        // Kafka 4 and streams run on brokers brokerbench starts; ZeroMQ has no broker.
      case KAFKA_4, RABBITMQ_STREAM, ZEROMQ -> "";
    };
  }

  /** True when {@code system} is external. */
  public boolean isExternal(BenchSystem system) {
    return !of(system).isEmpty();
  }

  /** The reason a suite that needs process control gives for skipping {@code system}. */
  public static String needsProcessControl(BenchSystem system, String what) {
    return system.label()
        + " is an external cluster (-D"
        + property(system)
        + "): "
        + what
        + " needs brokerbench to start, kill and restart its processes";
  }

  /** The -D property that points {@code system} at an external cluster. */
  public static String property(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT -> "kafka.bootstrap";
      case KAFKA_ZOOKEEPER -> "kafka.zookeeper.bootstrap";
      case RABBITMQ -> "rabbitmq.uri";
      case KAFKA_4, RABBITMQ_STREAM, ZEROMQ -> "";
    };
  }

  /**
   * How long one address may take to accept a TCP connection: a broker on the same network answers
   * in milliseconds; a firewall that drops packets never answers, and this bounds the wait.
   */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /**
   * The external clusters among {@code systems} that accept no TCP connection at any of their
   * addresses, each as one sentence: the property, the addresses, what went wrong and what to
   * check. Empty when every one answers somewhere (a Kafka client needs one bootstrap server).
   *
   * <p>Asked before a run, so that a wrong address ends it at once instead of failing every row of
   * the system after the clients' own timeouts, with their words ("Timed out waiting for a node
   * assignment"). A cluster that accepts the connection but advertises addresses this machine
   * cannot reach is not caught here.
   */
  public List<String> unreachable(Set<BenchSystem> systems, Duration timeout) {
    List<String> problems = new ArrayList<>();
    for (BenchSystem system : systems) {
      if (!isExternal(system)) {
        continue;
      }
      List<String> addresses = addresses(system);
      List<String> failures = new ArrayList<>();
      for (String address : addresses) {
        String failure = connect(address, timeout);
        if (failure == null) {
          failures.clear();
          break;
        }
        failures.add(address + " (" + failure + ")");
      }
      if (!failures.isEmpty()) {
        problems.add(unreachableMessage(system, failures));
      }
    }
    return problems;
  }

  /** The {@code host:port} addresses of {@code system}'s cluster, without user or password. */
  List<String> addresses(BenchSystem system) {
    if (system == BenchSystem.RABBITMQ) {
      // The AMQP client's defaults: localhost, 5672, and 5671 for amqps.
      URI uri = URI.create(rabbitmq);
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      int port = uri.getPort() >= 0 ? uri.getPort() : "amqps".equals(uri.getScheme()) ? 5671 : 5672;
      return List.of(host + ":" + port);
    }
    return Arrays.stream(of(system).split(",")).map(String::trim).toList();
  }

  /** Null when {@code address} accepts a TCP connection within {@code timeout}, else why not. */
  static String connect(String address, Duration timeout) {
    String host = ExternalDefaults.host(address);
    int port = ExternalDefaults.port(address);
    // A bracketed IPv6 literal, [::1]:9092, is host "[::1]" here.
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return null;
    } catch (UnknownHostException e) {
      return "unknown host " + host;
    } catch (SocketTimeoutException e) {
      return "no answer within " + timeout.toSeconds() + " s";
    } catch (ConnectException e) {
      return "connection refused";
    } catch (IOException e) {
      return Errors.firstLine(e);
    } catch (IllegalArgumentException e) {
      return "port " + port + " is out of range";
    }
  }

  private static String unreachableMessage(BenchSystem system, List<String> failures) {
    boolean rabbit = system == BenchSystem.RABBITMQ;
    String what = rabbit ? "RabbitMQ" : "Kafka broker";
    String composed =
        switch (system) {
          case KAFKA_KRAFT -> ExternalDefaults.KAFKA_KRAFT_BOOTSTRAP;
          case KAFKA_ZOOKEEPER -> ExternalDefaults.KAFKA_ZOOKEEPER_BOOTSTRAP;
          case RABBITMQ ->
              ExternalDefaults.host(ExternalDefaults.RABBITMQ_URI)
                  + ":"
                  + ExternalDefaults.port(ExternalDefaults.RABBITMQ_URI);
          case KAFKA_4, RABBITMQ_STREAM, ZEROMQ -> "";
        };
    return property(system)
        + ": no "
        + what
        + " answered at "
        + String.join(", ", failures)
        + ". Check that the "
        + (rabbit ? "node" : "broker")
        + " is running, that the port is its "
        + (rabbit ? "AMQP" : "client listener's")
        + " (docker-compose.yml publishes "
        + system.label()
        + " on "
        + composed
        + "), and that no firewall blocks it; or leave out -D"
        + property(system)
        + " and brokerbench starts "
        + system.label()
        + " itself. Nothing was run.";
  }

  /** For environment.json: what was external, passwords removed. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (!kafkaKraft.isEmpty()) {
      lines.add("kafka-kraft: " + kafkaKraft);
    }
    if (!kafkaZookeeper.isEmpty()) {
      lines.add("kafka-zookeeper: " + kafkaZookeeper);
    }
    if (!zookeeper.isEmpty()) {
      lines.add("zookeeper: " + zookeeper);
    }
    if (!rabbitmq.isEmpty()) {
      lines.add("rabbitmq: " + rabbitmq.replaceAll("//[^@/]*@", "//"));
    }
    return lines;
  }
}
