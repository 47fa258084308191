package io.brokerbench.bench.durability;

import io.brokerbench.brokers.JavaPeerProcess;
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
  public RecordedDeliveries collect(long faultNs) throws Exception {
    CrashTrial.awaitIdle(
        () -> {
          long bytes = 0;
          for (Path file : files) {
            bytes += Files.exists(file) ? Files.size(file) : 0;
          }
          return bytes;
        },
        drainIdle,
        drainMax);
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
