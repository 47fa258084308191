package io.brokerbench.bench.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How much disk a set of directories takes: allocated bytes as {@code du} counts them (what the
 * file system really gives the files) and apparent bytes (the sum of the file sizes).
 *
 * @param allocatedBytes {@code du -s -B1} over the directories that exist
 * @param apparentBytes the sum of the sizes of their regular files
 */
record DiskUsage(long allocatedBytes, long apparentBytes) {
  static final DiskUsage NOTHING = new DiskUsage(0, 0);

  /** The usage of {@code dirs}; a directory that does not exist holds nothing. */
  static DiskUsage of(List<Path> dirs) {
    List<Path> existing = dirs.stream().filter(Files::exists).toList();
    if (existing.isEmpty()) {
      return NOTHING;
    }
    return new DiskUsage(allocated(existing), apparent(existing));
  }

  private static long apparent(List<Path> dirs) {
    long bytes = 0;
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          try {
            bytes += Files.size(file);
          } catch (IOException e) {
            // deleted while we looked (a segment rolled away): it no longer takes space
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not measure " + dir, e);
      }
    }
    return bytes;
  }

  private static long allocated(List<Path> dirs) {
    List<String> command = new ArrayList<>(List.of("du", "-s", "-c", "-B1"));
    dirs.forEach(dir -> command.add(dir.toString()));
    try {
      Process du = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!du.waitFor(60, TimeUnit.SECONDS) || du.exitValue() != 0) {
        du.destroyForcibly();
        throw new IllegalStateException(
            "du could not measure " + dirs + ": " + output.strip() + " (is coreutils installed?)");
      }
      return parseTotal(output);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run du for " + dirs, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring " + dirs, e);
    }
  }

  /** The bytes of the {@code total} line that {@code du -c} prints last. */
  static long parseTotal(String duOutput) {
    String[] lines = duOutput.strip().split("\n");
    String last = lines[lines.length - 1];
    String[] fields = last.split("\\s+");
    if (fields.length < 2 || !fields[1].equals("total")) {
      throw new IllegalStateException("du printed no total line: " + duOutput.strip());
    }
    return Long.parseLong(fields[0]);
  }
}
