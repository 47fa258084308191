package io.brokerbench.brokers;

import io.brokerbench.brokers.process.ChildProcess;
import io.brokerbench.brokers.process.ChildReaper;
import io.brokerbench.brokers.process.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A broker that is one child process: the lifecycle of {@link Broker} once, so each launcher only
 * says how to prepare its directory, which command to run, which ports it needs, and how to ask it
 * whether it is ready.
 *
 * <p>Starting is split into {@link #launch()} and {@link #awaitReady()} so that a cluster can
 * launch all its nodes before it waits for any (a KRaft controller quorum only answers once a
 * majority runs).
 */
public abstract class ProcessNode implements Broker {
  /** How often readiness is asked while a broker starts. */
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

  protected final String name;
  protected final Path dir;
  private final Duration startTimeout;
  private final Duration stopTimeout;
  private ChildProcess process;
  private boolean prepared;
  private long launchedAtNs;
  private Duration lastStartToReady;
  private boolean lastStopClean = true;

  /**
   * @param name the broker's name in messages and results
   * @param dir the node's own directory (data, logs, configuration); must be empty or absent at the
   *     first start, so that no stale data from an earlier run is mistaken for this run's
   * @param startTimeout how long a start may take before it is reported as failed
   * @param stopTimeout how long a clean stop may take before the process is killed
   */
  protected ProcessNode(String name, Path dir, Duration startTimeout, Duration stopTimeout) {
    this.name = name;
    this.dir = dir.toAbsolutePath();
    this.startTimeout = startTimeout;
    this.stopTimeout = stopTimeout;
  }

  /** Writes configuration and formats storage; called once, before the first launch. */
  protected abstract void prepare() throws IOException;

  /**
   * Called before every launch, after {@link #prepare()}: waits for whatever must be true before
   * the process can start again (a crashed predecessor's registration to expire, say).
   */
  protected void beforeLaunch() {}

  /** The command line of the process. */
  protected abstract List<String> command();

  /** Environment variables added for the process (a null value removes one). */
  protected Map<String, String> environment() {
    return Map.of();
  }

  /**
   * Asks the broker whether it serves requests. Must return within a few seconds; false (or an
   * exception) means "not yet".
   */
  protected abstract boolean probeReady() throws Exception;

  /** Role to port, every port this node listens on (all on 127.0.0.1). */
  public abstract Map<String, Integer> ports();

  /** The effective configuration, for {@link #describe()}. */
  protected abstract Map<String, String> config();

  protected abstract String software();

  protected abstract String version();

  protected abstract String mode();

  /**
   * The variables this node's process is launched with on top of the harness's own environment
   * (those that {@link #environment()} removes are left out): what an operator would have to set,
   * for the footprint's count of configuration.
   */
  public final Map<String, String> launchEnvironment() {
    Map<String, String> set = new LinkedHashMap<>();
    environment()
        .forEach(
            (key, value) -> {
              if (value != null) {
                set.put(key, value);
              }
            });
    return Collections.unmodifiableMap(set);
  }

  /** Where the process writes its output. */
  public Path logFile() {
    return dir.resolve("logs").resolve(name + ".log");
  }

  public Path dir() {
    return dir;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() {
    launch();
    awaitReady();
  }

  /** Checks the directory and the ports, prepares on the first call, and starts the process. */
  public void launch() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    try {
      if (!prepared) {
        requireNoStaleData();
        Files.createDirectories(dir.resolve("logs"));
        prepare();
        prepared = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + name + " in " + dir, e);
    }
    beforeLaunch();
    ports().forEach((role, port) -> Ports.requireFree(name, role, port));
    launchedAtNs = System.nanoTime();
    process = ChildProcess.start(name, command(), environment(), dir, logFile());
  }

  /** Waits until {@link #probeReady()} says yes, failing fast when the process exits. */
  public void awaitReady() {
    long deadline = launchedAtNs + startTimeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw failure("exited during start with code " + process.exitCode());
      }
      if (ChildReaper.instance().shuttingDown()) {
        throw failure("was still starting when the harness was shut down");
      }
      if (probeQuietly()) {
        lastStartToReady = Duration.ofNanos(System.nanoTime() - launchedAtNs);
        return;
      }
      if (System.nanoTime() > deadline) {
        BrokerStartException failure =
            failure("did not answer within " + startTimeout.toSeconds() + " s of its start");
        process.kill();
        throw failure;
      }
      sleep(PROBE_INTERVAL);
    }
  }

  private BrokerStartException failure(String what) {
    return new BrokerStartException(name, what, ports(), logFile(), process.logTail(25));
  }

  private void requireNoStaleData() throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalStateException(
              name
                  + " cannot start: its directory "
                  + dir
                  + " already holds files from an earlier run. Delete it, or give this broker"
                  + " another directory; brokerbench never starts a broker on data it did not"
                  + " write in this run.");
        }
      }
    }
  }

  @Override
  public void stop() {
    if (process != null) {
      lastStopClean = process.stop(stopTimeout);
    }
  }

  /**
   * False when the last {@link #stop()} had to kill the process because it had not exited within
   * its stop timeout: a clean shutdown that did not finish.
   */
  public boolean lastStopWasClean() {
    return lastStopClean;
  }

  /** How long a clean stop may take before the process is killed. */
  public Duration stopTimeout() {
    return stopTimeout;
  }

  @Override
  public void kill() {
    if (process != null) {
      process.kill();
    }
  }

  @Override
  public void pause() {
    requireRunning("pause").signal(Signal.STOP);
  }

  /** Thaws the process and returns once the broker answers again. */
  @Override
  public void resume() {
    requireRunning("resume").signal(Signal.CONT);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (!probeQuietly()) {
      if (!process.isAlive()) {
        throw failure("exited after SIGCONT with code " + process.exitCode());
      }
      if (System.nanoTime() > deadline) {
        throw failure("did not answer within " + startTimeout.toSeconds() + " s of SIGCONT");
      }
      sleep(PROBE_INTERVAL);
    }
  }

  private boolean probeQuietly() {
    try {
      return probeReady();
    } catch (Exception e) {
      return false;
    }
  }

  private ChildProcess requireRunning(String action) {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("cannot " + action + " " + name + ": it is not running");
    }
    return process;
  }

  @Override
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The pid of the running process, or -1. */
  public long pid() {
    return isRunning() ? process.pid() : -1;
  }

  @Override
  public Duration lastStartToReady() {
    return lastStartToReady;
  }

  @Override
  public Description describe() {
    return new Description(
        name,
        software(),
        version(),
        mode(),
        ports(),
        isRunning() ? List.of(process.pid()) : List.of(),
        lastStartToReady == null ? -1 : lastStartToReady.toMillis(),
        config());
  }

  protected static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
