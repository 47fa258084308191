package io.brokerbench.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The smallest durable round trip through RabbitMQ, for launcher tests and the bench's smoke run
 * (not for measuring: the harness's driver does that): publish numbered, persistent messages to a
 * durable queue with publisher confirms, and drain a queue with manual acknowledgements.
 *
 * <p>Message {@code n} carries {@code n} as its first 8 bytes (big-endian), so a reader can tell
 * exactly which confirmed messages came back.
 */
public final class RabbitRoundTrip {
  /**
   * Messages published between two waits for confirms: large enough that the wait is not one round
   * trip per message, small enough that a crash leaves at most this many messages in doubt.
   */
  public static final int CONFIRM_BATCH = 100;

  /** How long one batch may wait for its confirms before the broker counts as failed. */
  public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

  /** The queue types a durable test queue can have. */
  public enum QueueType {
    /** A classic queue on the node the client is connected to. */
    CLASSIC,
    /** A Raft-replicated queue across the cluster's nodes. */
    QUORUM
  }

  private RabbitRoundTrip() {}

  /**
   * A connection to {@code uri} with short timeouts and without automatic recovery (a test that
   * kills the broker wants to see the failure, not hide it). The caller closes it.
   */
  public static Connection connect(String uri) throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(uri);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "not an AMQP URI: " + uri + " (" + e.getMessage() + ")", e);
    }
    factory.setConnectionTimeout(5_000);
    factory.setHandshakeTimeout(5_000);
    factory.setAutomaticRecoveryEnabled(false);
    return factory.newConnection("brokerbench-round-trip");
  }

  /** Declares a durable, non-exclusive, non-auto-delete queue of {@code type}. */
  public static void declareDurableQueue(Connection connection, String queue, QueueType type)
      throws IOException {
    Map<String, Object> arguments =
        type == QueueType.QUORUM ? Map.of("x-queue-type", "quorum") : Map.of();
    Channel channel = connection.createChannel();
    try {
      channel.queueDeclare(queue, true, false, false, arguments);
    } finally {
      closeQuietly(channel);
    }
  }

  /**
   * Publishes messages {@code 0..count-1} to the existing queue {@code queue} through the default
   * exchange, persistent, with publisher confirms in batches of {@link #CONFIRM_BATCH}.
   *
   * <p>A broker that fails while publishing (connection lost, a negative confirm, no confirm within
   * {@link #CONFIRM_TIMEOUT}) ends it: the messages confirmed until then are counted, those of the
   * failed batch are in doubt. A failure before the first message (no such queue) is thrown.
   *
   * @param messageBytes the body size, at least 8 (the sequence number)
   * @return how many messages the broker confirmed, always the first ones: {@code 0..confirmed-1}
   */
  public static int publishConfirmed(
      Connection connection, String queue, int count, int messageBytes)
      throws IOException, InterruptedException {
    if (messageBytes < Long.BYTES) {
      throw new IllegalArgumentException(
          "messageBytes: must be at least 8 (the sequence number), was " + messageBytes);
    }
    Channel channel = connection.createChannel();
    try {
      // A missing queue would drop every message through the default exchange, and confirm it.
      channel.queueDeclarePassive(queue);
      channel.confirmSelect();
      AMQP.BasicProperties persistent = MessageProperties.PERSISTENT_BASIC;
      int confirmed = 0;
      try {
        while (confirmed < count) {
          int batch = Math.min(CONFIRM_BATCH, count - confirmed);
          for (int i = 0; i < batch; i++) {
            channel.basicPublish("", queue, persistent, body(confirmed + i, messageBytes));
          }
          channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
          confirmed += batch;
        }
      } catch (IOException | TimeoutException | ShutdownSignalException e) {
        // the broker failed: what it confirmed so far is the answer
      }
      return confirmed;
    } finally {
      closeQuietly(channel);
    }
  }

  /**
   * Reads and acknowledges, one by one, every message that {@code queue} holds now, until it is
   * empty. Meant for checks after publishing has ended, not for measuring.
   *
   * @return the sequence numbers of the messages in the order they were read
   */
  public static List<Long> drain(Connection connection, String queue) throws IOException {
    Channel channel = connection.createChannel();
    try {
      List<Long> sequences = new ArrayList<>();
      GetResponse response;
      while ((response = channel.basicGet(queue, false)) != null) {
        sequences.add(sequenceOf(response.getBody()));
        channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
      }
      return sequences;
    } catch (IOException e) {
      throw new IOException("reading queue " + queue + " failed: " + reason(e), e);
    } finally {
      closeQuietly(channel);
    }
  }

  /**
   * What the broker said when it closed a channel or the connection (its reply code and text), or
   * the failure's own message: the client wraps the broker's reason in an IOException without a
   * message of its own.
   */
  static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException shutdown) {
        return shutdown.getMessage();
      }
    }
    return String.valueOf(failure);
  }

  /** The body of message {@code sequence}: the number, then zeros up to {@code messageBytes}. */
  public static byte[] body(long sequence, int messageBytes) {
    return ByteBuffer.allocate(messageBytes).putLong(sequence).array();
  }

  /** The sequence number a {@link #body} carries. */
  public static long sequenceOf(byte[] body) {
    return ByteBuffer.wrap(body).getLong();
  }

  /** Closing a channel of a dead connection throws; the caller's own outcome matters more. */
  private static void closeQuietly(Channel channel) {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      // already closed by the broker or the failure
    }
  }
}
