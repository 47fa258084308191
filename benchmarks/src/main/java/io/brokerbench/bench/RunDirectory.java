package io.brokerbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of one run, {@code results/<run>/}, which appears only when the run is complete: files
 * are written into {@code results/.incomplete-<run>/} and the folder is renamed at the end. A run
 * that fails or is interrupted (Ctrl-C) leaves no half-written result: its JMH forks are stopped
 * first (they write into it) and its folder is deleted. A run killed outright (SIGKILL, a crash of
 * the machine) cannot clean up after itself; the next run removes its folder and says so: each
 * running run marks its folder with its process id ({@code .incomplete-<run>.pid} beside it).
 */
public final class RunDirectory {
  private final Path results;
  private final String run;
  private final Path staging;
  private volatile boolean committed;
  private volatile boolean abandoned;
  private final Thread cleanup;

  private RunDirectory(Path results, String run) {
    this.results = results;
    this.run = run;
    this.staging = results.resolve(".incomplete-" + run);
    this.cleanup = new Thread(this::abandon, "brokerbench-incomplete-run-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** A new run named after the time and the profile, e.g. {@code 20261127-210400-quick}. */
  public static RunDirectory create(Path results, String profile) {
    String run =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + profile;
    removeAbandoned(results, System.err);
    RunDirectory directory = new RunDirectory(results, run);
    try {
      Files.createDirectories(directory.staging);
      Files.writeString(
          directory.pidFile(),
          Long.toString(ProcessHandle.current().pid()),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the results folder " + directory.staging + ": " + e.getMessage(), e);
    }
    return directory;
  }

  private Path pidFile() {
    return results.resolve(".incomplete-" + run + ".pid");
  }

  /**
   * Deletes the incomplete folders under {@code results} whose run is no longer alive (its process
   * id file names a process that is gone, or there is none), saying so on {@code err}.
   */
  static void removeAbandoned(Path results, PrintStream err) {
    if (!Files.isDirectory(results)) {
      return;
    }
    try (Stream<Path> entries = Files.list(results)) {
      for (Path folder : entries.filter(Files::isDirectory).toList()) {
        String name = folder.getFileName().toString();
        if (!name.startsWith(".incomplete-")) {
          continue;
        }
        Path pid = results.resolve(name + ".pid");
        if (alive(pid)) {
          continue; // another run, still running beside this one
        }
        deleteTree(folder);
        Files.deleteIfExists(pid);
        err.println(
            "brokerbench: removed "
                + folder
                + ", the unfinished folder of a run that was killed before it could clean up");
      }
    } catch (IOException e) {
      err.println("brokerbench: could not look for unfinished runs in " + results + ": " + e);
    }
  }

  private static boolean alive(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  public String run() {
    return run;
  }

  /** Where the run's files go while it runs. */
  public Path staging() {
    return staging;
  }

  /** Where the run's files will be once it is complete. */
  public Path finalPath() {
    return results.resolve(run);
  }

  /** Writes one file of the run. */
  public Path write(String name, String content) {
    Path file = staging.resolve(name);
    if (abandoned) {
      throw new IllegalStateException("the run was interrupted; " + file + " is not written");
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Publishes the run: renames the folder and points {@code results/latest} at it. */
  public Path commit() {
    try {
      Files.move(staging, finalPath(), StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      Files.deleteIfExists(pidFile());
      Path latest = results.resolve("latest");
      Path link = results.resolve(".latest-" + run);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(run));
      Files.move(link, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Runtime.getRuntime().removeShutdownHook(cleanup);
      return finalPath();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot publish the run " + finalPath() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stops the run's JMH forks (they write into the folder) and deletes the unfinished folder; a
   * no-op once committed.
   */
  public void abandon() {
    if (committed || !Files.exists(staging)) {
      return;
    }
    abandoned = true;
    interrupted = true;
    // The suite's thread runs on while the shutdown hooks do: it may have started one more fork,
    // or created the folder again, just before it saw the flag. Clear up until nothing comes back.
    for (int pass = 0; pass < 5; pass++) {
      JmhForks.killAll(Duration.ofSeconds(5));
      try {
        if (Files.exists(staging)) {
          deleteTree(staging);
        }
        Files.deleteIfExists(pidFile());
        Thread.sleep(200);
      } catch (IOException e) {
        System.err.println(
            "brokerbench: could not delete the incomplete run " + staging + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!Files.exists(staging) && JmhForks.running().isEmpty()) {
        return;
      }
    }
  }

  private static volatile boolean interrupted;

  /**
   * Whether a run in this JVM was abandoned (Ctrl-C, a failure): the suites start no more trials,
   * since their forks and files would outlive the clean-up.
   */
  public static boolean interrupted() {
    return interrupted;
  }
}
