package io.brokerbench.brokers.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the harness, in a session and process group of its own.
 *
 * <p>The child is started through {@code setsid}, so its pid is also its process group id and every
 * signal goes to the whole group: a shell script that starts a runtime (RabbitMQ's {@code
 * rabbitmq-server} execs {@code erl}, which starts {@code beam.smp}) is signalled as one unit. The
 * group also keeps a Ctrl-C in the terminal away from the brokers, so the harness stops them in its
 * own order.
 *
 * <p>Standard output and error go to one log file. Every child is registered with {@link
 * ChildReaper} from the moment it starts, so it never outlives the harness: not on a normal exit,
 * not on an exception, not on Ctrl-C, not even when the harness itself is killed with SIGKILL.
 *
 * <p>Thread-safe: signals may come from any thread.
 */
public final class ChildProcess {
  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} in its own session with output appended to {@code logFile}.
   *
   * @param name what the user calls this process in messages ("kafka-1", "zookeeper")
   * @param environment added to (and overriding) the harness's environment; a {@code null} value
   *     removes the variable
   */
  public static ChildProcess start(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      Path logFile) {
    List<String> full = new ArrayList<>(command.size() + 1);
    full.add("setsid");
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile());
    environment.forEach(
        (key, value) -> {
          if (value == null) {
            builder.environment().remove(key);
          } else {
            builder.environment().put(key, value);
          }
        });
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "### brokerbench: " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ChildProcess child = new ChildProcess(name, builder.start(), logFile);
      ChildReaper.instance().register(child);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  /** The pid of the child, which is also its process group id. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** The exit code, or -1 while the process runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Sends {@code signal} to the child's whole process group. No-op once the child has exited. */
  public void signal(Signal signal) {
    if (!process.isAlive()) {
      return;
    }
    signalGroup(pid(), signal);
  }

  static void signalGroup(long pgid, Signal signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal.name(), "--", "-" + pgid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not send SIG" + signal + " to process group " + pgid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits up to {@code timeout} for the child to exit; true when it has. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /**
   * Stops the child cleanly: SIGTERM, then SIGKILL if it has not exited after {@code grace}. A
   * frozen child is thawed first, or it could never act on the SIGTERM.
   *
   * @return true when the child exited within the grace period, false when it had to be killed
   */
  public boolean stop(Duration grace) {
    if (!process.isAlive()) {
      ChildReaper.instance().unregister(this);
      return true;
    }
    signal(Signal.CONT);
    signal(Signal.TERM);
    boolean clean = awaitExit(grace);
    if (!clean) {
      kill();
    }
    ChildReaper.instance().unregister(this);
    return clean;
  }

  /** Sends SIGKILL to the process group and waits until the child has exited. */
  public void kill() {
    signal(Signal.KILL);
    if (!awaitExit(Duration.ofSeconds(30))) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
    ChildReaper.instance().unregister(this);
  }

  /** The last {@code lines} lines of the log, for error messages. */
  public String logTail(int lines) {
    return LogTail.of(logFile, lines);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ", log " + logFile + ")";
  }
}
