package io.brokerbench.brokers.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.ProcessNode;
import io.brokerbench.brokers.TcpProbe;
import io.brokerbench.brokers.process.ChildProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One private RabbitMQ node on 127.0.0.1: {@code rabbitmq-server} run directly as the current user
 * with its own node name, ports, cookie, data, logs and configuration, all below its directory, and
 * an empty plugin list. It needs its cluster's {@link EpmdNode} running (see the package
 * documentation for why).
 *
 * <p>Readiness: an AMQP connection as {@code guest} succeeds (RabbitMQ opens its AMQP listener last
 * in its boot). {@link #stop()} sends SIGTERM, on which RabbitMQ shuts down cleanly; {@link
 * #kill()} is SIGKILL; {@link #restart()} boots again on the same data and ports.
 *
 * <p>Directory layout: {@code home/.erlang.cookie}, {@code conf/} (rabbitmq.conf, advanced.config,
 * enabled_plugins, an empty rabbitmq-env.conf), {@code data/node} (Mnesia, message stores, quorum
 * logs), {@code logs/} (the node's console log and every {@code rabbitmqctl} call's output).
 */
public final class RabbitNode extends ProcessNode {
  /** How long a {@link #rabbitmqctl(String...)} call may take by default. */
  public static final Duration CTL_TIMEOUT = Duration.ofSeconds(60);

  /** SIGTERM to exit: RabbitMQ closes its queues and message stores; a large backlog takes long. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  /** Probe timeouts: short, because the probe is asked again every 100 ms while the node boots. */
  private static final int PROBE_CONNECT_TIMEOUT_MS = 2_000;

  private static final int PROBE_HANDSHAKE_TIMEOUT_MS = 3_000;

  private final RabbitInstallation installation;
  private final String nodeName;
  private final int amqpPort;
  private final int distPort;
  private final int epmdPort;
  private final int streamPort;
  private final String cookie;
  private final Map<String, String> conf;
  private final int clusterSize;
  private final Map<String, String> nodeEnv = new LinkedHashMap<>();

  /**
   * @param name the node's name in messages and results ("rabbitmq-1")
   * @param dir the node's own directory, empty or absent before the first start
   * @param nodeName the Erlang node name, {@code <short name>@localhost}
   * @param epmdPort the port of the cluster's running {@link EpmdNode}
   * @param streamPort the stream protocol's listener, with the {@code rabbitmq_stream} plugin
   *     enabled; 0 for none (no plugin)
   * @param cookie the Erlang cookie, the same for every node of one cluster
   * @param conf the entries of rabbitmq.conf, in order
   * @param clusterSize how many nodes the cluster of this node has, for {@link #describe()}
   */
  RabbitNode(
      String name,
      Path dir,
      RabbitInstallation installation,
      String nodeName,
      int amqpPort,
      int distPort,
      int epmdPort,
      int streamPort,
      String cookie,
      Map<String, String> conf,
      int clusterSize,
      Duration startTimeout) {
    super(name, dir, startTimeout, STOP_TIMEOUT);
    this.installation = installation;
    this.nodeName = nodeName;
    this.amqpPort = amqpPort;
    this.distPort = distPort;
    this.epmdPort = epmdPort;
    this.streamPort = streamPort;
    this.cookie = cookie;
    this.conf = new LinkedHashMap<>(conf);
    if (streamPort > 0) {
      // Loopback only, and advertised as such: the stream client connects to the address a node
      // advertises for a stream's leader or replica, which is the host name by default.
      this.conf.put("stream.listeners.tcp.1", Ports.LOOPBACK + ":" + streamPort);
      this.conf.put("stream.advertised_host", Ports.LOOPBACK);
      this.conf.put("stream.advertised_port", Integer.toString(streamPort));
    }
    this.clusterSize = clusterSize;
    Path d = this.dir;
    // The Erlang cookie is read from $HOME; a HOME per node keeps the user's own cookie out.
    nodeEnv.put("HOME", d.resolve("home").toString());
    nodeEnv.put("RABBITMQ_NODENAME", nodeName);
    nodeEnv.put("RABBITMQ_NODE_IP_ADDRESS", Ports.LOOPBACK);
    nodeEnv.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
    // Explicit, because the default (AMQP port + 20000) may be taken or above 65535.
    nodeEnv.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    nodeEnv.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
    nodeEnv.put("ERL_EPMD_ADDRESS", Ports.LOOPBACK);
    nodeEnv.put("RABBITMQ_MNESIA_BASE", d.resolve("data").toString());
    nodeEnv.put("RABBITMQ_MNESIA_DIR", d.resolve("data/node").toString());
    nodeEnv.put("RABBITMQ_LOG_BASE", d.resolve("logs").toString());
    nodeEnv.put("RABBITMQ_ENABLED_PLUGINS_FILE", d.resolve("conf/enabled_plugins").toString());
    nodeEnv.put("RABBITMQ_CONFIG_FILE", d.resolve("conf/rabbitmq.conf").toString());
    // An empty file of our own, so that /etc/rabbitmq/rabbitmq-env.conf is never sourced.
    nodeEnv.put("RABBITMQ_CONF_ENV_FILE", d.resolve("conf/rabbitmq-env.conf").toString());
    nodeEnv.put("RABBITMQ_ADVANCED_CONFIG_FILE", d.resolve("conf/advanced.config").toString());
    nodeEnv.put("RABBITMQ_PID_FILE", d.resolve("rabbit.pid").toString());
    // Inter-node traffic on loopback only, like the AMQP listener.
    nodeEnv.put(
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
  }

  /** The Erlang node name, e.g. {@code r1@localhost}. */
  public String nodeName() {
    return nodeName;
  }

  public int amqpPort() {
    return amqpPort;
  }

  /** The stream protocol's port, or 0 when the node does not enable the stream plugin. */
  public int streamPort() {
    return streamPort;
  }

  /** {@code amqp://guest:guest@127.0.0.1:<port>/%2F}: the default virtual host as guest. */
  public String uri() {
    return "amqp://guest:guest@" + Ports.LOOPBACK + ":" + amqpPort + "/%2F";
  }

  /** The node's data: its database, its cluster membership and its queues' messages. */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** Where every {@link #rabbitmqctl} call's command line and output are appended. */
  public Path ctlLogFile() {
    return dir.resolve("logs").resolve("rabbitmqctl.log");
  }

  @Override
  protected void beforeLaunch() {
    // Without our epmd the node would spawn a daemon epmd that outlives the harness.
    requireEpmd("start " + name);
  }

  @Override
  protected void prepare() throws IOException {
    Path home = dir.resolve("home");
    Files.createDirectories(home);
    Path cookieFile = home.resolve(".erlang.cookie");
    Files.writeString(cookieFile, cookie, StandardCharsets.US_ASCII);
    // Erlang refuses a cookie file that others can read.
    Files.setPosixFilePermissions(cookieFile, PosixFilePermissions.fromString("r--------"));
    Path confDir = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        confDir.resolve("enabled_plugins"),
        streamPort > 0 ? "[rabbitmq_stream].\n" : "[].\n",
        StandardCharsets.UTF_8);
    Files.writeString(confDir.resolve("advanced.config"), "[].\n", StandardCharsets.UTF_8);
    Files.writeString(confDir.resolve("rabbitmq-env.conf"), "", StandardCharsets.UTF_8);
    StringBuilder text = new StringBuilder("# written by brokerbench\n");
    conf.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
    Files.writeString(confDir.resolve("rabbitmq.conf"), text, StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("data"));
  }

  @Override
  protected List<String> command() {
    return List.of(installation.server().toString());
  }

  @Override
  protected Map<String, String> environment() {
    Map<String, String> env = inheritedRabbitVariablesRemoved();
    env.putAll(nodeEnv);
    return env;
  }

  @Override
  protected boolean probeReady() throws Exception {
    if (!TcpProbe.accepts(amqpPort) || (streamPort > 0 && !TcpProbe.accepts(streamPort))) {
      return false;
    }
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(Ports.LOOPBACK);
    factory.setPort(amqpPort);
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setConnectionTimeout(PROBE_CONNECT_TIMEOUT_MS);
    factory.setHandshakeTimeout(PROBE_HANDSHAKE_TIMEOUT_MS);
    factory.setShutdownTimeout(0);
    factory.setAutomaticRecoveryEnabled(false);
    try (Connection connection = factory.newConnection("brokerbench-probe")) {
      return connection.isOpen();
    }
  }

  /**
   * Runs {@code rabbitmqctl -n <this node> args...} with this node's cookie and epmd and waits up
   * to {@link #CTL_TIMEOUT} for it.
   *
   * @return standard output and error, interleaved
   * @throws RabbitCtlException when the command exits with a code other than 0 or takes too long
   * @throws IllegalStateException when the cluster's epmd does not run (the CLI would spawn one
   *     that outlives the harness)
   */
  public String rabbitmqctl(String... args) {
    return rabbitmqctl(CTL_TIMEOUT, args);
  }

  /** {@link #rabbitmqctl(String...)} with its own timeout. One call at a time per node. */
  public synchronized String rabbitmqctl(Duration timeout, String... args) {
    requireEpmd("run rabbitmqctl for " + name);
    List<String> command = new ArrayList<>();
    command.add(installation.rabbitmqctl().toString());
    command.add("-n");
    command.add(nodeName);
    command.addAll(List.of(args));
    Path log = ctlLogFile();
    long offset;
    try {
      offset = Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + log, e);
    }
    ChildProcess ctl =
        ChildProcess.start(name + "-rabbitmqctl", command, ctlEnvironment(), dir, log);
    boolean finished = ctl.awaitExit(timeout);
    if (!finished) {
      ctl.kill();
    } else {
      // Unregisters the exited process, so that the reaper never signals its reused pid.
      ctl.stop(Duration.ZERO);
    }
    String output = outputSince(log, offset);
    if (!finished) {
      throw new RabbitCtlException(
          name, command, "did not finish within " + timeout.toSeconds() + " s", -1, output, log);
    }
    if (ctl.exitCode() != 0) {
      throw new RabbitCtlException(
          name, command, "exited with code " + ctl.exitCode(), ctl.exitCode(), output, log);
    }
    return output;
  }

  /**
   * The CLI's environment: the node's HOME (its cookie) and epmd port, and nothing else of the
   * node's. In particular not RABBITMQ_DIST_PORT: the CLI would try to listen on the node's
   * distribution port and fail.
   */
  private Map<String, String> ctlEnvironment() {
    Map<String, String> env = inheritedRabbitVariablesRemoved();
    env.put("RABBITMQ_DIST_PORT", null);
    env.put("HOME", nodeEnv.get("HOME"));
    env.put("ERL_EPMD_PORT", nodeEnv.get("ERL_EPMD_PORT"));
    env.put("RABBITMQ_CONF_ENV_FILE", nodeEnv.get("RABBITMQ_CONF_ENV_FILE"));
    // The CLI listens for distribution too, by default on 35672-35682, a range our nodes' free
    // ports may fall into; 0 lets the kernel pick a port nobody holds.
    env.put("RABBITMQ_CTL_DIST_PORT_MIN", "0");
    env.put("RABBITMQ_CTL_DIST_PORT_MAX", "0");
    return env;
  }

  /**
   * Removes RabbitMQ and Erlang settings that the harness's own environment may carry (a node name,
   * a config file, extra VM flags): a private node is defined only by what this class sets.
   */
  private static Map<String, String> inheritedRabbitVariablesRemoved() {
    Map<String, String> env = new HashMap<>();
    for (String key : System.getenv().keySet()) {
      if (key.startsWith("RABBITMQ_")
          || key.equals("ERL_FLAGS")
          || key.equals("ERL_AFLAGS")
          || key.equals("ERL_ZFLAGS")
          || key.equals("ERL_LIBS")) {
        env.put(key, null);
      }
    }
    return env;
  }

  /** The output the last call appended, without the command line ChildProcess writes first. */
  private static String outputSince(Path log, long offset) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
      file.seek(offset);
      file.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int header = text.indexOf('\n');
      return header < 0 ? "" : text.substring(header + 1);
    } catch (IOException e) {
      return "(could not read " + log + ": " + e.getMessage() + ")";
    }
  }

  private void requireEpmd(String action) {
    if (!TcpProbe.accepts(epmdPort)) {
      throw new IllegalStateException(
          "cannot "
              + action
              + ": the cluster's epmd does not answer on "
              + Ports.LOOPBACK
              + ":"
              + epmdPort
              + ". Start the cluster (RabbitCluster.start()) rather than a node alone after the"
              + " cluster was stopped or killed.");
    }
  }

  @Override
  public Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("AMQP", amqpPort);
    ports.put("Erlang distribution", distPort);
    if (streamPort > 0) {
      ports.put("stream", streamPort);
    }
    return ports;
  }

  /** The environment the node runs with, then the entries of its rabbitmq.conf. */
  @Override
  protected Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>(nodeEnv);
    config.putAll(conf);
    config.put("erlang.otp", installation.erlangVersion());
    return config;
  }

  @Override
  protected String software() {
    return "RabbitMQ";
  }

  @Override
  protected String version() {
    return installation.version();
  }

  @Override
  protected String mode() {
    return clusterSize == 1 ? "single node" : "cluster node (" + clusterSize + " nodes)";
  }
}
