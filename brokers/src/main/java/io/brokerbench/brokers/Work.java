package io.brokerbench.brokers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where brokers keep their data and logs: a fresh directory per broker under the work root, so no
 * two runs (or two tests) ever share data. The root is {@code -Dbrokerbench.work}, by default
 * {@code target/brokerbench} below the current directory.
 */
public final class Work {
  private static final AtomicInteger counter = new AtomicInteger();
  private static final List<Path> created =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private static final String stamp =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

  private Work() {}

  public static Path root() {
    return Path.of(System.getProperty("brokerbench.work", "target/brokerbench")).toAbsolutePath();
  }

  /** A directory that does not exist yet, named after what will live in it. */
  public static Path newDirectory(String name) {
    Path dir = root().resolve(stamp + "-" + counter.incrementAndGet() + "-" + name);
    created.add(dir);
    return dir;
  }

  /**
   * Deletes every directory that {@link #newDirectory} has handed out in this JVM so far: a
   * benchmark's brokers write gigabytes (a Kafka trial at 150 MB/s for 20 s keeps 3 GB), so a suite
   * deletes them once the brokers that used them have stopped. Call it only then.
   */
  public static void deleteCreated() {
    List<Path> dirs;
    synchronized (created) {
      dirs = new ArrayList<>(created);
      created.clear();
    }
    for (Path dir : dirs) {
      if (!Files.exists(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        System.err.println("brokerbench: could not delete " + dir + ": " + e.getMessage());
      }
    }
  }
}
