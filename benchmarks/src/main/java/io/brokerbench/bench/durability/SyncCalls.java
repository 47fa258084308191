package io.brokerbench.bench.durability;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Counts the calls a running broker makes to put data on the disk (the fsync family) while some
 * work runs: {@code strace -f -c} attached to every process of the broker and each of their
 * threads, for that work only. What it costs the broker is the price of durability; what a SIGKILL
 * cannot show (the page cache survives it), this does.
 *
 * <p>strace stops the traced threads at each system call, so the broker runs slower while it is
 * counted; the counts are exact, the broker's speed meanwhile is not a figure to quote.
 */
final class SyncCalls {
  /** The system calls counted: each forces written data (or a mapping) to the device. */
  static final List<String> SYSCALLS = List.of("fsync", "fdatasync", "sync_file_range", "msync");

  /** Work to count the calls of; returns the messages it sent. */
  @FunctionalInterface
  interface Work {
    long run() throws Exception;
  }

  /**
   * What was counted.
   *
   * @param messages messages the work sent
   * @param calls calls per system call of {@link #SYSCALLS}, 0 for one not made
   */
  record Count(long messages, Map<String, Long> calls) {
    long total() {
      return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls per 1,000 messages. */
    double perThousand() {
      return messages == 0 ? 0 : total() * 1000.0 / messages;
    }
  }

  private SyncCalls() {}

  /** Why the count cannot be taken here, or null when strace is on the PATH. */
  static String unavailable() {
    String path = System.getenv().getOrDefault("PATH", "");
    boolean found =
        Stream.of(path.split(File.pathSeparator))
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "strace")));
    return found
        ? null
        : "strace is not installed: install it (Debian: apt-get install strace) to count the"
            + " brokers' fsync calls";
  }

  /**
   * Counts the sync calls of the process {@code pid} and all its descendants while {@code work}
   * runs.
   *
   * @param output where strace writes its summary
   */
  static Count during(long pid, Path output, Work work) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "strace",
                "-f",
                "-c",
                "-e",
                "trace=" + String.join(",", SYSCALLS),
                "-o",
                output.toString()));
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("no process " + pid + " to count"))
        .descendants()
        .forEach(child -> pids.add(child.pid()));
    for (long p : pids) {
      command.add("-p");
      command.add(Long.toString(p));
    }
    Process strace = new ProcessBuilder(command).start();
    List<String> said = new ArrayList<>();
    try {
      awaitAttached(strace, pids.size(), said);
      long messages = work.run();
      // SIGINT: strace detaches from every thread and writes its summary.
      new ProcessBuilder("kill", "-INT", Long.toString(strace.pid())).start().waitFor();
      if (!strace.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("strace did not end within 30 s of SIGINT");
      }
      return new Count(messages, parse(Files.readAllLines(output)));
    } finally {
      strace.destroyForcibly();
    }
  }

  /** Waits until strace says it attached to each process (it prints one line per process). */
  private static void awaitAttached(Process strace, int processes, List<String> said)
      throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(strace.getErrorStream(), StandardCharsets.UTF_8));
    int attached = 0;
    int answered = 0;
    String line;
    // One line per process: "Process N attached [with K threads]", or a failed attach (a helper
    // process that ended in between, say).
    while (answered < processes && (line = err.readLine()) != null) {
      said.add(line);
      if (line.contains(" attached")) {
        attached++;
        answered++;
      } else if (line.contains("attach")) {
        answered++;
      }
    }
    if (attached == 0 || answered < processes) {
      throw new IllegalStateException(
          "strace attached to "
              + attached
              + " of "
              + processes
              + " processes: "
              + String.join(" / ", said)
              + (String.join(" ", said).contains("Operation not permitted")
                  ? " (tracing another process needs CAP_SYS_PTRACE, which a container may lack)"
                  : ""));
    }
    // The rest of its chatter must not fill the pipe and stall it.
    Thread drain =
        new Thread(
            () -> {
              try {
                while (err.readLine() != null) {
                  // discarded: the summary goes to the output file
                }
              } catch (IOException e) {
                // strace ended
              }
            },
            "brokerbench-strace-stderr");
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * The calls column of {@code strace -c}'s table, per system call: {@code % time, seconds,
   * usecs/call, calls, [errors,] syscall}.
   */
  static Map<String, Long> parse(List<String> summary) {
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String syscall : SYSCALLS) {
      calls.put(syscall, 0L);
    }
    for (String line : summary) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 5 && calls.containsKey(fields[fields.length - 1])) {
        calls.put(fields[fields.length - 1], Long.parseLong(fields[3]));
      }
    }
    return calls;
  }
}
