package io.brokerbench.harness.driver.kafka;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * One {@code KafkaProducer}: each send goes to the partition the harness names, the payload as the
 * record's value, no key. The send callback, on the client's I/O thread, reports the outcome: an
 * acknowledgement at tiers {@code ack} and {@code durable}, a failure at every tier (at {@code
 * acks=0} the callback only says the request was written to the socket, which acknowledges
 * nothing).
 */
final class KafkaDriverProducer implements DriverProducer {
  private final String where;
  private final String topic;
  private final KafkaProducer<byte[], byte[]> client;
  private final Acknowledgements acknowledgements;
  private final boolean acknowledged;
  private final Duration closeTimeout;

  /** Sends whose callback has run, acknowledged or failed; written by the I/O thread. */
  private final AtomicLong completed = new AtomicLong();

  /** Sends handed to the client; written by the producer's one sending thread only. */
  private volatile long sent;

  private boolean closed;

  KafkaDriverProducer(
      String where,
      String topic,
      KafkaProducer<byte[], byte[]> client,
      Acknowledgements acknowledgements,
      boolean acknowledged,
      Duration closeTimeout) {
    this.where = where;
    this.topic = topic;
    this.client = client;
    this.acknowledgements = acknowledgements;
    this.acknowledged = acknowledged;
    this.closeTimeout = closeTimeout;
  }

  /**
   * Blocks only while the client's {@code buffer.memory} is full (at most {@code max.block.ms}, 60
   * s by default, after which the send is reported failed).
   */
  @Override
  public void send(int partition, byte[] payload) throws DriverException, InterruptedException {
    try {
      client.send(
          new ProducerRecord<>(topic, partition, null, payload),
          (metadata, exception) -> complete(payload, exception));
    } catch (InterruptException e) {
      // Kafka's unchecked twin of InterruptedException; it set the interrupt flag again.
      Thread.interrupted();
      InterruptedException interrupted = new InterruptedException(where + ": send interrupted");
      interrupted.initCause(e);
      throw interrupted;
    } catch (KafkaException e) {
      throw new DriverException(where + ": sending to " + topic + "-" + partition + ": " + e, e);
    }
    sent = sent + 1;
  }

  private void complete(byte[] payload, Exception exception) {
    if (exception != null) {
      acknowledgements.onFailed(payload, exception);
    } else if (acknowledged) {
      acknowledgements.onAcknowledged(payload);
    }
    completed.incrementAndGet();
  }

  /**
   * Waits up to the close timeout until every send has been acknowledged or has failed (at {@code
   * acks=0}: has been written to the socket), then closes the client. Sends still outstanding at
   * the timeout are aborted, which reports each as failed, and the close throws.
   */
  @Override
  public synchronized void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    long deadlineNs = System.nanoTime() + closeTimeout.toNanos();
    long outstanding;
    while ((outstanding = sent - completed.get()) > 0 && System.nanoTime() - deadlineNs < 0) {
      // Nothing to wait on but the callbacks; a millisecond is short against a broker round trip.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    try {
      // The client sends whatever is left and joins its I/O thread; with nothing outstanding this
      // is quick, otherwise Duration.ZERO aborts the rest (each callback then reports a failure).
      client.close(outstanding > 0 ? Duration.ZERO : closeTimeout);
    } catch (InterruptException e) {
      throw new DriverException(where + ": interrupted while closing", e);
    } catch (KafkaException e) {
      throw new DriverException(where + ": closing failed: " + e, e);
    }
    if (outstanding > 0) {
      throw new DriverException(
          where
              + ": "
              + outstanding
              + " sends were neither acknowledged nor failed within "
              + closeTimeout.toSeconds()
              + " s of closing; they were aborted and reported failed");
    }
  }
}
