package io.brokerbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of one run, {@code results/<run>/}, which appears only when the run is complete: files
 * are written into {@code results/.incomplete-<run>/} and the folder is renamed at the end. A run
 * that fails or is interrupted (Ctrl-C) leaves no half-written result: its folder is deleted.
 */
public final class RunDirectory {
  private final Path results;
  private final String run;
  private final Path staging;
  private volatile boolean committed;
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
    RunDirectory directory = new RunDirectory(results, run);
    try {
      Files.createDirectories(directory.staging);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the results folder " + directory.staging + ": " + e.getMessage(), e);
    }
    return directory;
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

  /** Deletes the unfinished folder; a no-op once committed. */
  public void abandon() {
    if (committed || !Files.exists(staging)) {
      return;
    }
    try (Stream<Path> files = Files.walk(staging)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("brokerbench: could not delete the incomplete run " + staging + ": " + e);
    }
  }
}
