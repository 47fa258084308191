package io.brokerbench.brokers.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes sure that no child process outlives the harness.
 *
 * <p>Two mechanisms, because a JVM cannot act after SIGKILL:
 *
 * <ul>
 *   <li>A shutdown hook stops every live child (SIGTERM, a short grace, then SIGKILL) when the JVM
 *       exits normally, on an uncaught exception, or on SIGINT/SIGTERM (Ctrl-C).
 *   <li>A watchdog, a small shell loop in its own session, polls the harness's pid once a second
 *       and, when the harness is gone without having cleaned up (SIGKILL, a crash of the JVM),
 *       sends SIGKILL to every process group listed in a file that the harness keeps up to date.
 * </ul>
 */
public final class ChildReaper {
  /** How long the shutdown hook lets all brokers shut down cleanly before it kills them. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private static final ChildReaper INSTANCE = new ChildReaper();

  private final Set<ChildProcess> live = new LinkedHashSet<>();
  private final Path groupsFile;
  private boolean watchdogStarted;
  private volatile boolean shuttingDown;

  private ChildReaper() {
    long self = ProcessHandle.current().pid();
    this.groupsFile =
        Path.of(System.getProperty("java.io.tmpdir"), "brokerbench-children-" + self + ".pgids");
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "brokerbench-child-reaper"));
  }

  public static ChildReaper instance() {
    return INSTANCE;
  }

  synchronized void register(ChildProcess child) {
    live.add(child);
    writeGroups();
    startWatchdog();
  }

  synchronized void unregister(ChildProcess child) {
    if (live.remove(child)) {
      writeGroups();
    }
  }

  /** The children that are registered and still alive, oldest first. */
  public synchronized List<ChildProcess> liveChildren() {
    return live.stream().filter(ChildProcess::isAlive).collect(Collectors.toList());
  }

  /** True once the JVM has begun to shut down: launchers stop waiting for readiness then. */
  public boolean shuttingDown() {
    return shuttingDown;
  }

  /**
   * Stops every live child, newest first (clients of a broker before the broker, brokers before
   * ZooKeeper): SIGTERM to all, then SIGKILL to those still alive after the grace period.
   */
  public void stopAll() {
    shuttingDown = true;
    List<ChildProcess> children;
    synchronized (this) {
      children = new ArrayList<>(live);
    }
    if (children.isEmpty()) {
      return;
    }
    Collections.reverse(children);
    for (ChildProcess child : children) {
      child.signal(Signal.CONT);
      child.signal(Signal.TERM);
    }
    long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
    for (ChildProcess child : children) {
      long left = Math.max(0, deadline - System.nanoTime());
      child.awaitExit(Duration.ofNanos(left));
      if (child.isAlive()) {
        System.err.println("brokerbench: " + child.name() + " did not stop in time, killing it");
        child.kill();
      }
      unregister(child);
    }
  }

  private void writeGroups() {
    String text =
        live.stream().map(c -> Long.toString(c.pid())).collect(Collectors.joining("\n", "", "\n"));
    try {
      Path tmp = groupsFile.resolveSibling(groupsFile.getFileName() + ".tmp");
      Files.writeString(tmp, live.isEmpty() ? "" : text, StandardCharsets.UTF_8);
      Files.move(
          tmp, groupsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the list of child processes " + groupsFile, e);
    }
  }

  private void startWatchdog() {
    if (watchdogStarted) {
      return;
    }
    long self = ProcessHandle.current().pid();
    String file = groupsFile.toString();
    // POSIX sh (dash on Debian): its kill builtin takes "-PGID" but not "--".
    String script =
        "while kill -0 "
            + self
            + " 2>/dev/null; do sleep 1; done; "
            + "if [ -f '"
            + file
            + "' ]; then while read -r g; do [ -n \"$g\" ] && kill -KILL \"-$g\" 2>/dev/null; "
            + "done < '"
            + file
            + "'; rm -f '"
            + file
            + "'; fi";
    try {
      new ProcessBuilder("setsid", "sh", "-c", script)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      watchdogStarted = true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the child-process watchdog", e);
    }
  }
}
