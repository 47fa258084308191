package io.brokerbench.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
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
  private static final List<Path> created = Collections.synchronizedList(new ArrayList<>());
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
   * Where the innermost open {@link Scope} began in {@link #created}: {@link #deleteCreated} leaves
   * the directories handed out before it alone.
   */
  private static final Deque<Integer> scopes = new ArrayDeque<>();

  /**
   * The directories handed out from now until it is closed are the scope's: within it, {@link
   * #deleteCreated} deletes only those, and leaves alone what was running before it opened (a
   * cluster a test started for the bench to measure as an external one, say).
   */
  public static final class Scope implements AutoCloseable {
    private Scope() {}

    @Override
    public void close() {
      synchronized (created) {
        scopes.pop();
      }
    }
  }

  /** Opens a {@link Scope}; close it with try-with-resources. */
  public static Scope scope() {
    synchronized (created) {
      scopes.push(created.size());
    }
    return new Scope();
  }

  /**
   * Deletes every directory that {@link #newDirectory} has handed out in this JVM so far (within a
   * {@link Scope}, since it opened): a benchmark's brokers write gigabytes (a Kafka trial at 150
   * MB/s for 20 s keeps 3 GB), so a suite deletes them once the brokers that used them have
   * stopped. Call it only then.
   */
  public static void deleteCreated() {
    List<Path> dirs;
    synchronized (created) {
      int from = scopes.isEmpty() ? 0 : Math.min(scopes.peek(), created.size());
      List<Path> mine = created.subList(from, created.size());
      dirs = new ArrayList<>(mine);
      mine.clear();
    }
    for (Path dir : dirs) {
      if (!Files.exists(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // A file that went away while walking (a process still writing) leaves the rest: say so.
        System.err.println("brokerbench: could not delete all of " + dir + ": " + e.getMessage());
      }
    }
  }
}
