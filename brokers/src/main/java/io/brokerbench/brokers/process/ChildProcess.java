package io.brokerbench.brokers.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ChildProcess child = new ChildProcess(name, builder.start(), logFile);
      ChildReaper.instance().register(child);
      // A child that ends by itself (a tool, a crashed broker) leaves the watchdog's list, so a
      // later process that reuses its pid as group id is never mistaken for it.
      child.process.onExit().thenRun(child::unregisterIfGroupGone);
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
    List<ProcessHandle> tree = descendants();
    signal(Signal.CONT);
    signal(Signal.TERM);
    long deadline = System.nanoTime() + grace.toNanos();
    boolean clean = awaitExit(grace) && awaitAllGone(tree, deadline);
    if (!clean) {
      kill();
    }
    ChildReaper.instance().unregister(this);
    return clean;
  }

  /**
   * Sends SIGKILL to the process group and waits until every process of the group has ended, so
   * that a restart finds the ports free.
   */
  public void kill() {
    List<ProcessHandle> tree = descendants();
    signalGroup(pid(), Signal.KILL);
    if (!awaitExit(Duration.ofSeconds(30))) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
    awaitAllGone(tree, System.nanoTime() + Duration.ofSeconds(30).toNanos());
    ChildReaper.instance().unregister(this);
  }

  /** The child's descendants now, including helpers that left its process group. */
  private List<ProcessHandle> descendants() {
    return process.isAlive() ? process.descendants().collect(Collectors.toList()) : List.of();
  }

  /**
   * Waits until no process of the child's group, and none of {@code tree}, runs any more; true when
   * none does.
   */
  private boolean awaitAllGone(List<ProcessHandle> tree, long deadlineNs) {
    while (ProcessGroup.running(pid())
        || tree.stream().anyMatch(handle -> ProcessGroup.runningPid(handle.pid()))) {
      if (System.nanoTime() > deadlineNs) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void unregisterIfGroupGone() {
    if (!ProcessGroup.running(pid())) {
      ChildReaper.instance().unregister(this);
    }
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
