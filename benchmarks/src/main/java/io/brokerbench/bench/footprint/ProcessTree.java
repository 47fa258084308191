package io.brokerbench.bench.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes a setup consists of, read from {@code /proc}: the processes the launchers started
 * (each is the leader of a process group of its own), every process of those groups, and every
 * descendant of any of them, including helpers that left the group for a session of their own
 * ({@code erl_child_setup}). Zombies are left out: they hold no memory.
 */
final class ProcessTree {
  /** One live process. */
  record Proc(long pid, long ppid, long pgid, String command, long rssBytes) {}

  private ProcessTree() {}

  /** The processes of the setup whose launched processes are {@code roots}, by pid. */
  static List<Proc> of(Collection<Long> roots) {
    return of(roots, scan());
  }

  /** The tree of {@code roots} within {@code all} (a snapshot of the machine's processes). */
  static List<Proc> of(Collection<Long> roots, List<Proc> all) {
    Map<Long, List<Proc>> children = new HashMap<>();
    for (Proc proc : all) {
      children.computeIfAbsent(proc.ppid(), ppid -> new ArrayList<>()).add(proc);
    }
    Set<Long> members = new LinkedHashSet<>();
    Deque<Long> todo = new ArrayDeque<>();
    for (Proc proc : all) {
      if (roots.contains(proc.pid()) || roots.contains(proc.pgid())) {
        todo.add(proc.pid());
      }
    }
    while (!todo.isEmpty()) {
      long pid = todo.poll();
      if (members.add(pid)) {
        for (Proc child : children.getOrDefault(pid, List.of())) {
          todo.add(child.pid());
        }
      }
    }
    List<Proc> tree = new ArrayList<>();
    for (Proc proc : all) {
      if (members.contains(proc.pid())) {
        tree.add(proc);
      }
    }
    return tree;
  }

  /** Every live (non-zombie) process of the machine. */
  static List<Proc> scan() {
    List<Proc> all = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        Proc read = read(proc);
        if (read != null) {
          all.add(read);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read /proc: the footprint counts processes and memory from it (Linux only)", e);
    }
    return all;
  }

  /** The process in {@code /proc/<pid>}, or null when it is a zombie or has just ended. */
  private static Proc read(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      return parse(stat, Files.readAllLines(proc.resolve("status")));
    } catch (IOException | RuntimeException e) {
      return null; // it ended while we looked
    }
  }

  /**
   * Parses {@code /proc/<pid>/stat} (for pid, state, parent and group) and {@code status} (for
   * {@code VmRSS}, resident memory in kB). Returns null for a zombie.
   */
  static Proc parse(String stat, List<String> status) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    long pid = Long.parseLong(stat.substring(0, open).trim());
    // comm may hold spaces and parentheses: the fields after it start after the last ')'.
    String command = stat.substring(open + 1, close);
    String[] fields = stat.substring(close + 2).split(" ");
    if (fields[0].equals("Z") || fields[0].equals("X")) {
      return null;
    }
    long rssBytes = 0;
    for (String line : status) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        rssBytes = Long.parseLong(parts[0]) * 1024;
      }
    }
    return new Proc(pid, Long.parseLong(fields[1]), Long.parseLong(fields[2]), command, rssBytes);
  }

  /**
   * The command line of process {@code pid} ({@code /proc/<pid>/cmdline}, arguments joined by
   * spaces), or "" when it has ended or shows none (a kernel thread, a zombie).
   */
  static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The sum of the resident memory of {@code procs}. */
  static long rssBytes(List<Proc> procs) {
    return procs.stream().mapToLong(Proc::rssBytes).sum();
  }
}
