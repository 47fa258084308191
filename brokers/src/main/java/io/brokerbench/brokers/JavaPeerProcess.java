package io.brokerbench.brokers;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client peer in a child JVM: the {@code main} of {@code mainClass} with the harness's own
 * classpath, so that a test can crash one client (a ZeroMQ peer, a RabbitMQ consumer) the way it
 * crashes a broker. Ready when the peer prints {@link #READY}: its sockets or its consumer are set
 * up.
 */
public class JavaPeerProcess extends ProcessNode {
  /** The line a peer prints once it can exchange messages. */
  public static final String READY = "BROKERBENCH-PEER-READY";

  private final String mainClass;
  private final List<String> args;
  private final Map<String, Integer> ports;
  private final String software;
  private final String version;

  /**
   * @param name the peer's name in messages
   * @param mainClass the class whose {@code main} runs, on the harness's classpath
   * @param ports the ports the peer binds, role to port, for the description and the busy check
   * @param args the arguments of {@code main}; the first is the peer's role
   * @param software and {@code version}: what the peer runs, for the description
   */
  public JavaPeerProcess(
      String name,
      String mainClass,
      Map<String, Integer> ports,
      List<String> args,
      String software,
      String version) {
    super(name, Work.newDirectory(name), Duration.ofSeconds(30), Duration.ofSeconds(5));
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
    this.ports = Map.copyOf(ports);
    this.software = software;
    this.version = version;
  }

  @Override
  protected void prepare() {}

  @Override
  protected List<String> command() {
    // A client is small: a 128 MiB heap and the serial collector keep it from taking the cores
    // and memory the brokers under test need.
    return JavaCommand.of(
        List.of("-Xmx128m", "-XX:+UseSerialGC"),
        System.getProperty("java.class.path"),
        mainClass,
        args);
  }

  @Override
  protected boolean probeReady() throws IOException {
    return Files.exists(logFile()) && Files.readString(logFile()).contains(READY);
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
    return software;
  }

  @Override
  protected String version() {
    return version;
  }

  @Override
  protected String mode() {
    return args.get(0) + " peer";
  }
}
