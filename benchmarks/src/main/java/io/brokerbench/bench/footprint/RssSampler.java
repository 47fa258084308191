package io.brokerbench.bench.footprint;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Samples the summed resident memory of a setup's processes on a thread of its own until closed,
 * and keeps the highest sum and every pid it saw.
 */
final class RssSampler implements AutoCloseable {
  private final List<Long> roots;
  private final Duration interval;
  private final Set<Long> seen = new HashSet<>();
  private final Thread thread;
  private long maxRssBytes;
  private volatile boolean running = true;

  private RssSampler(Collection<Long> roots, Duration interval) {
    this.roots = List.copyOf(roots);
    this.interval = interval;
    this.thread = new Thread(this::loop, "footprint-rss-sampler");
    this.thread.setDaemon(true);
  }

  static RssSampler start(Collection<Long> roots, Duration interval) {
    RssSampler sampler = new RssSampler(roots, interval);
    sampler.sample();
    sampler.thread.start();
    return sampler;
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }

  private synchronized long sample() {
    List<ProcessTree.Proc> tree = ProcessTree.of(roots);
    tree.forEach(proc -> seen.add(proc.pid()));
    long rss = ProcessTree.rssBytes(tree);
    maxRssBytes = Math.max(maxRssBytes, rss);
    return rss;
  }

  /** Takes one more sample now and returns the highest sum seen so far. */
  synchronized long sampleNowAndMax() {
    sample();
    return maxRssBytes;
  }

  synchronized Set<Long> seenPids() {
    return Set.copyOf(seen);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
