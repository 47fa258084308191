package io.brokerbench.bench.durability;

import io.brokerbench.brokers.DeliveryLog;
import io.brokerbench.brokers.JavaPeerProcess;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SequenceTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer of a crash trial as a succession of child processes, each recording what it received
 * to a {@link io.brokerbench.brokers.DeliveryLog} of its own: the fault SIGKILLs the live one and
 * starts the next after an outage, and at the end the files say what every process had received, a
 * crash notwithstanding.
 */
final class ConsumerProcesses implements CrashTrial.OutsideConsumers, AutoCloseable {

  /** Makes the consumer process that records to {@code file}; {@code index} counts from 0. */
  @FunctionalInterface
  interface Launcher {
    JavaPeerProcess make(int index, Path file);
  }

  private final Path dir;
  private final Launcher launcher;
  private final Duration drainIdle;
  private final Duration drainMax;
  private final List<Path> files = new ArrayList<>();
  private JavaPeerProcess live;

  /**
   * @param drainIdle at the end, the files are complete once none grew for this long
   * @param drainMax and at the latest after this
   */
  ConsumerProcesses(Path dir, Launcher launcher, Duration drainIdle, Duration drainMax) {
    this.dir = dir;
    this.launcher = launcher;
    this.drainIdle = drainIdle;
    this.drainMax = drainMax;
  }

  /** Starts the next consumer process and waits until it consumes. */
  @Override
  public void start() throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("received-" + files.size() + ".bin");
    files.add(file);
    live = launcher.make(files.size() - 1, file);
    live.start();
  }

  /**
   * The fault: SIGKILL of the live consumer after {@code delay}, {@code outage} without one, then
   * the next.
   */
  String crashAndRestart(Runnable down, Duration delay, Duration outage) throws Exception {
    Thread.sleep(delay.toMillis());
    live.kill();
    down.run();
    Thread.sleep(outage.toMillis());
    long began = System.nanoTime();
    start();
    return "consumer JVM SIGKILLed "
        + delay.toMillis()
        + " ms after the fault time, a new one consumed "
        + outage.toMillis()
        + " ms later (its start took "
        + (System.nanoTime() - began) / 1_000_000
        + " ms); "
        + files.size()
        + " consumer processes in all";
  }

  @Override
  public List<SequenceTracker> receivedNow() throws IOException {
    return RecordedDeliveries.read(files, 0, -1).received();
  }

  /**
   * Waits until the files stop growing: for {@code drainIdle} once they hold a record per
   * acknowledged message, for three times that while they hold fewer, and at most {@code drainMax}.
   */
  @Override
  public RecordedDeliveries collect(long faultNs, long acknowledged) throws Exception {
    long complete = acknowledged * DeliveryLog.recordBytes(PayloadHeader.BYTES);
    long deadline = System.nanoTime() + drainMax.toNanos();
    long last = -1;
    long lastChangeNs = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long bytes = 0;
      for (Path file : files) {
        bytes += Files.exists(file) ? Files.size(file) : 0;
      }
      long idleNs = (bytes >= complete ? 1 : 3) * drainIdle.toNanos();
      if (bytes != last) {
        last = bytes;
        lastChangeNs = System.nanoTime();
      } else if (System.nanoTime() - lastChangeNs >= idleNs) {
        break;
      }
      Thread.sleep(50);
    }
    close();
    // A crash trial has one producer, the topology's first: id 0.
    return RecordedDeliveries.read(files, 0, faultNs);
  }

  @Override
  public void close() {
    if (live != null) {
      live.stop();
    }
  }
}
