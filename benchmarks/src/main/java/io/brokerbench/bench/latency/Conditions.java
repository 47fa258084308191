package io.brokerbench.bench.latency;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What else happened while a point was measured, so that a tail can be put down to what coincided
 * with it: the bench JVM's garbage-collection pauses (the producer, the consumer and the harness
 * all live in it; from the JVM's own GC notifications), the run queue (runnable threads
 * machine-wide, {@code procs_running} in {@code /proc/stat}, sampled every {@value #SAMPLE_MS} ms),
 * the CPU time stolen by the hypervisor over the window, and how late the sampler itself woke. The
 * last is the one that explains the tails of a small shared machine: on the 2-core virtual machines
 * brokerbench was developed on, a thread that wakes while both cores are busy can wait about 100 ms
 * for one (a Python process sleeping 1 ms beside two busy loops saw 100.4-100.9 ms gaps; beside two
 * loops that yield, none), with no steal recorded, and a producer that must send at its time waits
 * the same way. The brokers' own JVMs and the Erlang node are not watched here: a tail with nothing
 * recorded beside it may still be theirs.
 *
 * <p>Watching costs one thread that wakes every {@value #WAKE_MS} ms, and reads one small file
 * every {@value #SAMPLE_MS} ms: a few microseconds of a core per wake.
 */
final class Conditions {
  static final long SAMPLE_MS = 10;

  /**
   * The sampler wakes this often to time its own wakes. Every 10 ms caught few of the machine's
   * holds: a hold keeps one core's waiting threads off it, and a sampler that was not due to wake,
   * or woke on the other core, saw nothing (a RabbitMQ point with a 92.6 ms p99, the shape of a 100
   * ms hold, had 5.4 ms recorded beside it).
   */
  static final long WAKE_MS = 1;

  /** A wake later than this counts as the machine holding the sampler, not a park's overshoot. */
  static final long LATE_MS = 1;

  /** GC notifications come on their own thread, milliseconds after the pause. */
  private static final long NOTIFICATION_WAIT_MS = 20;

  private static final Path PROC_STAT = Path.of("/proc/stat");

  /**
   * Every stop-the-world pause of this JVM since the first watch: when its notification came
   * ({@link System#nanoTime}), its length in ms. The notification's own start time counts from a
   * different origin than the runtime's uptime (they differed by ~70 ms here), so the arrival on
   * this JVM's one clock is what is compared with a window; it comes moments after the pause.
   */
  private static final ConcurrentLinkedQueue<long[]> PAUSES = new ConcurrentLinkedQueue<>();

  private static boolean listening;

  /**
   * What coincided with a point's measured repeats.
   *
   * @param gcPauses stop-the-world collections of the bench JVM notified during the window
   * @param gcPauseMaxMs the longest of them, milliseconds; 0 with none
   * @param runQueueMax the most runnable threads seen machine-wide; null where /proc is not
   *     readable
   * @param stealPct CPU time stolen by the hypervisor over the window, percent of all CPU time;
   *     null where /proc is not readable
   * @param wakeLateMaxMs how late the sampler, asking to wake after {@value #WAKE_MS} ms, woke at
   *     worst: the time the machine kept a thread that was ready to run off every core (the
   *     producer waits the same way). Milliseconds; 0 with no window
   * @param wakeLateMs the sampler's lateness summed over the window, counting only wakes more than
   *     {@value #LATE_MS} ms late: how long the machine held it in all
   * @param windowMs how long the watch lasted, milliseconds
   */
  record Seen(
      int gcPauses,
      double gcPauseMaxMs,
      Integer runQueueMax,
      Double stealPct,
      double wakeLateMaxMs,
      double wakeLateMs,
      double windowMs) {
    static final Seen NOTHING = new Seen(0, 0, null, null, 0, 0, 0);

    /**
     * The share of the window in which the machine held a thread that was ready to run: on a
     * machine with more ready threads than cores, the share of sends it could have made late.
     */
    double heldShare() {
      return windowMs <= 0 ? 0 : Math.min(1, wakeLateMs / windowMs);
    }
  }

  private final long fromNs;
  private final long[] cpuBefore;
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile int runQueueMax = -1;
  private volatile long wakeLateMaxNs;
  private volatile long wakeLateNs;

  private Conditions() {
    listen();
    fromNs = System.nanoTime();
    cpuBefore = cpuTimes();
    sampler = new Thread(this::sample, "bb-conditions");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching. */
  static Conditions watch() {
    return new Conditions();
  }

  /** Stops watching and says what was seen since {@link #watch}. */
  Seen stop() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A pause that ended just before the stop is notified a moment later.
    try {
      Thread.sleep(NOTIFICATION_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long toNs = System.nanoTime();
    int count = 0;
    long longest = 0;
    for (long[] pause : PAUSES) {
      if (pause[0] - fromNs >= 0 && toNs - pause[0] >= 0) {
        count++;
        longest = Math.max(longest, pause[1]);
      }
    }
    long[] cpuAfter = cpuTimes();
    Double steal = null;
    if (cpuBefore != null && cpuAfter != null) {
      long total = 0;
      for (int i = 0; i < cpuAfter.length; i++) {
        total += cpuAfter[i] - cpuBefore[i];
      }
      steal = total <= 0 ? 0.0 : Math.round(1000.0 * (cpuAfter[7] - cpuBefore[7]) / total) / 10.0;
    }
    return new Seen(
        count,
        longest,
        runQueueMax < 0 ? null : runQueueMax,
        steal,
        wakeLateMaxNs / 1e6,
        wakeLateNs / 1e6,
        (toNs - fromNs) / 1e6);
  }

  private void sample() {
    for (long wake = 0; running; wake++) {
      if (wake % (SAMPLE_MS / WAKE_MS) == 0) {
        int runnable = procsRunning();
        if (runnable > runQueueMax) {
          runQueueMax = runnable;
        }
      }
      long parkedNs = System.nanoTime();
      LockSupport.parkNanos(WAKE_MS * 1_000_000);
      long lateNs = System.nanoTime() - parkedNs - WAKE_MS * 1_000_000;
      if (running && lateNs > LATE_MS * 1_000_000) {
        wakeLateNs += lateNs;
        wakeLateMaxNs = Math.max(wakeLateMaxNs, lateNs);
      }
    }
  }

  /** Runnable threads now, this sampler included; -1 where /proc/stat cannot be read. */
  static int procsRunning() {
    try {
      for (String line : Files.readAllLines(PROC_STAT)) {
        if (line.startsWith("procs_running ")) {
          return Integer.parseInt(line.substring("procs_running ".length()).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc not mounted: no run queue.
    }
    return -1;
  }

  /**
   * The machine's CPU times in jiffies (user, nice, system, idle, iowait, irq, softirq, steal), or
   * null where /proc/stat cannot be read.
   */
  static long[] cpuTimes() {
    try {
      for (String line : Files.readAllLines(PROC_STAT)) {
        if (line.startsWith("cpu ")) {
          String[] fields = line.substring(4).strip().split("\\s+");
          if (fields.length < 8) {
            return null;
          }
          long[] times = new long[8];
          for (int i = 0; i < 8; i++) {
            times[i] = Long.parseLong(fields[i]);
          }
          return times;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc not mounted.
    }
    return null;
  }

  /** Subscribes to this JVM's GC notifications once; concurrent cycles are not pauses. */
  private static synchronized void listen() {
    if (listening) {
      return;
    }
    listening = true;
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    for (GarbageCollectorMXBean collector : collectors) {
      if (!(collector instanceof NotificationEmitter emitter)) {
        continue;
      }
      emitter.addNotificationListener(
          (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
              return;
            }
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
              return; // G1's and ZGC's concurrent work runs beside the application
            }
            PAUSES.add(new long[] {System.nanoTime(), info.getGcInfo().getDuration()});
          },
          null,
          null);
    }
  }
}
