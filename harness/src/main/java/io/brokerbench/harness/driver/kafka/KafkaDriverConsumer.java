package io.brokerbench.harness.driver.kafka;

import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Receiver;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One {@code KafkaConsumer} with its partitions already assigned and positioned, and the thread
 * that polls it and hands every record's value to the {@link Receiver}. The client is not
 * thread-safe: after {@link #start} only the poll thread touches it, and {@link #close} only calls
 * its one thread-safe method, {@code wakeup()}, then joins the thread, which closes the client.
 */
final class KafkaDriverConsumer implements DriverConsumer {
  /**
   * A poll returns as soon as records arrive; the timeout only ends an idle one, and closing wakes
   * the poll up, so its length costs nothing but an empty loop per second on an idle partition.
   */
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  /** Stands in for a record without a value: no harness payload, so the Receiver counts it. */
  private static final byte[] NO_VALUE = new byte[0];

  private final String where;
  private final KafkaConsumer<byte[], byte[]> client;
  private final Receiver receiver;
  private final Duration closeTimeout;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException closeFailure;
  private boolean closed;

  /**
   * @param name the consumer's name, {@code <subscription>-c<consumer>}; names the poll thread
   * @param where system, address and name, for messages
   */
  KafkaDriverConsumer(
      String name,
      String where,
      KafkaConsumer<byte[], byte[]> client,
      Receiver receiver,
      Duration closeTimeout) {
    this.where = where;
    this.client = client;
    this.receiver = receiver;
    this.closeTimeout = closeTimeout;
    this.thread = new Thread(this::run, "bb-kafka-" + name);
    // Never keeps a JVM alive: a harness that forgot to close still exits.
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = client.poll(POLL_TIMEOUT);
        // The whole batch is handed on before `running` is looked at again, so a poll's records
        // are never half delivered.
        for (ConsumerRecord<byte[], byte[]> record : records) {
          byte[] value = record.value();
          receiver.onPayload(value == null ? NO_VALUE : value);
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll up: the normal end.
    } catch (RuntimeException | Error e) {
      if (running) {
        receiver.onFailure(new DriverException(where + ": polling failed: " + e, e));
      }
    } finally {
      try {
        client.close(closeTimeout);
      } catch (RuntimeException e) {
        closeFailure = e;
      }
    }
  }

  /** Stops the poll thread and waits for it; the Receiver is not called after this returns. */
  @Override
  public synchronized void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    client.wakeup();
    try {
      thread.join(closeTimeout.toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException(where + ": interrupted while stopping the poll thread", e);
    }
    if (thread.isAlive()) {
      throw new DriverException(
          where
              + ": the poll thread "
              + thread.getName()
              + " did not stop within "
              + (closeTimeout.toSeconds() + 5)
              + " s");
    }
    if (closeFailure != null) {
      throw new DriverException(
          where + ": closing the client failed: " + closeFailure, closeFailure);
    }
  }
}
