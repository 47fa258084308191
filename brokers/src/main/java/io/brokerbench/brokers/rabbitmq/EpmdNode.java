package io.brokerbench.brokers.rabbitmq;

import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.TcpProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A private Erlang port mapper daemon ({@code epmd}) on 127.0.0.1, in the foreground, for one
 * RabbitMQ node or cluster: the nodes and {@code rabbitmqctl} find each other through it.
 *
 * <p>It must run before any node starts: a node that finds no epmd on its {@code ERL_EPMD_PORT}
 * spawns {@code epmd -daemon}, which leaves the node's process group and outlives the harness. A
 * private port keeps brokerbench's nodes apart from the machine's own RabbitMQ and from other runs.
 * Readiness: the port accepts connections.
 */
public final class EpmdNode extends ProcessNode {
  private final RabbitInstallation installation;
  private final int port;

  /**
   * @param dir an empty or absent directory; epmd writes nothing but its log there
   */
  public EpmdNode(String name, Path dir, RabbitInstallation installation, int port) {
    super(name, dir, Duration.ofSeconds(15), Duration.ofSeconds(5));
    this.installation = installation;
    this.port = port;
  }

  /** The port for {@code ERL_EPMD_PORT} of the nodes and of {@code rabbitmqctl}. */
  public int port() {
    return port;
  }

  @Override
  protected void prepare() {}

  @Override
  protected List<String> command() {
    // No -daemon: it would detach from the harness's process group and never be stopped.
    return List.of(
        installation.epmd().toString(),
        "-port",
        Integer.toString(port),
        "-address",
        Ports.LOOPBACK);
  }

  @Override
  protected boolean probeReady() {
    return TcpProbe.accepts(port);
  }

  @Override
  public Map<String, Integer> ports() {
    return Map.of("epmd", port);
  }

  @Override
  protected Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("command", String.join(" ", command()));
    return config;
  }

  @Override
  protected String software() {
    return "Erlang epmd";
  }

  @Override
  protected String version() {
    return installation.erlangVersion();
  }

  @Override
  protected String mode() {
    return "foreground, loopback";
  }
}
