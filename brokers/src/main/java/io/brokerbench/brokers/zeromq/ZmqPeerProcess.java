package io.brokerbench.brokers.zeromq;

import io.brokerbench.brokers.JavaCommand;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.Work;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ZeroMQ peer ({@link ZmqPeer}) in a child JVM, so that a test can crash one side of a brokerless
 * exchange. Ready when the peer prints {@link ZmqPeer#READY}: its sockets are bound or connected.
 * The peer runs with the harness's own classpath (jeromq is pure Java).
 */
public final class ZmqPeerProcess extends ProcessNode {
  private final List<String> args;
  private final Map<String, Integer> ports;

  /**
   * @param name the peer's name in messages
   * @param ports the ports the peer binds, role to port, for the description and the busy check
   * @param args the arguments of {@link ZmqPeer#main}: role and endpoints
   */
  public ZmqPeerProcess(String name, Map<String, Integer> ports, List<String> args) {
    super(name, Work.newDirectory(name), Duration.ofSeconds(30), Duration.ofSeconds(5));
    this.args = List.copyOf(args);
    this.ports = Map.copyOf(ports);
  }

  @Override
  protected void prepare() {}

  @Override
  protected List<String> command() {
    return JavaCommand.of(
        List.of("-Xmx128m", "-XX:+UseSerialGC"),
        System.getProperty("java.class.path"),
        ZmqPeer.class.getName(),
        args);
  }

  @Override
  protected boolean probeReady() throws IOException {
    return Files.exists(logFile()) && Files.readString(logFile()).contains(ZmqPeer.READY);
  }

  @Override
  public Map<String, Integer> ports() {
    return ports;
  }

  @Override
  protected Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("args", String.join(" ", args));
    return config;
  }

  @Override
  protected String software() {
    return "ZeroMQ (jeromq)";
  }

  @Override
  protected String version() {
    Package jeromq = org.zeromq.ZMQ.class.getPackage();
    String version = jeromq == null ? null : jeromq.getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  protected String mode() {
    return args.get(0) + " peer";
  }
}
