package io.brokerbench.brokers;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where brokers keep their data and logs: a fresh directory per broker under the work root, so no
 * two runs (or two tests) ever share data. The root is {@code -Dbrokerbench.work}, by default
 * {@code target/brokerbench} below the current directory.
 */
public final class Work {
  private static final AtomicInteger counter = new AtomicInteger();
  private static final String stamp =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

  private Work() {}

  public static Path root() {
    return Path.of(System.getProperty("brokerbench.work", "target/brokerbench")).toAbsolutePath();
  }

  /** A directory that does not exist yet, named after what will live in it. */
  public static Path newDirectory(String name) {
    return root().resolve(stamp + "-" + counter.incrementAndGet() + "-" + name);
  }
}
