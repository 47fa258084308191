package io.brokerbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The JMH forks this JVM started: found among its children by their main class, and stopped when
 * their trial must end at once (its broker died) or the run is interrupted.
 *
 * <p>A fork is not a child the harness registered (JMH starts it), and on Ctrl-C it receives the
 * same SIGINT as the harness but may linger in its own shutdown for a minute, still writing into
 * the run's folder. SIGKILL is safe: a fork holds nothing but its trial's figures, which an
 * interrupted run throws away.
 */
public final class JmhForks {
  /** The command-line class of a JMH fork (JMH 1.37), how a fork is found among the children. */
  public static final String FORK_MAIN = "org.openjdk.jmh.runner.ForkedMain";

  private JmhForks() {}

  /** This JVM's JMH forks that are alive now. */
  public static List<ProcessHandle> running() {
    return ProcessHandle.current()
        .children()
        .filter(child -> commandLine(child).contains(FORK_MAIN))
        .toList();
  }

  /** SIGKILL to every fork, then waits up to {@code wait} for them to be gone. */
  public static void killAll(Duration wait) {
    List<ProcessHandle> forks = running();
    forks.forEach(ProcessHandle::destroyForcibly);
    long deadlineNs = System.nanoTime() + wait.toNanos();
    for (ProcessHandle fork : forks) {
      while (fork.isAlive() && System.nanoTime() < deadlineNs) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * A process's command line from {@code /proc/<pid>/cmdline}, arguments joined by spaces; empty
   * when it cannot be read. Not {@code ProcessHandle.Info.commandLine()}: the JDK gives nothing for
   * a command line as long as a JVM's with a Maven classpath, which is every fork's.
   */
  public static String commandLine(ProcessHandle process) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", process.pid() + "", "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
