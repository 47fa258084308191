package io.brokerbench.brokers.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether processes still run, read from {@code /proc}. A group outlives its leader when the leader
 * is a script or launcher whose runtime is its child (RabbitMQ's {@code erlexec} and {@code
 * beam.smp}), and a runtime's helpers may live in sessions of their own ({@code erl_child_setup}):
 * each keeps sockets open until it has ended, so a stop is complete only when all are gone.
 */
final class ProcessGroup {
  private ProcessGroup() {}

  /** True while a process other than a zombie has process group id {@code pgid}. */
  static boolean running(long pgid) {
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        if (inGroupAndRunning(proc, pgid)) {
          return true;
        }
      }
    } catch (IOException e) {
      // No /proc (not Linux): the leader's exit is all we can know.
    }
    return false;
  }

  /** True while process {@code pid} exists and is not a zombie. */
  static boolean runningPid(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String stat = Files.readString(proc.resolve("stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean inGroupAndRunning(Path proc, long pgid) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so parse after ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // A zombie has closed its files and sockets; it only waits for its parent to collect it.
      return !fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid;
    } catch (IOException | RuntimeException e) {
      return false; // the process ended while we looked
    }
  }
}
