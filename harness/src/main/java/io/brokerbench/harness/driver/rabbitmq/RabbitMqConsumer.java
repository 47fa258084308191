package io.brokerbench.harness.driver.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.IOException;
import java.util.List;

/**
 * One consumer: a connection and a channel of its own, with one {@code basic.consume} per queue of
 * its partitions. The client calls {@link #handleDelivery} on its consumer thread, one delivery of
 * the channel at a time and in order; each body goes to the {@link Receiver} first, and at tiers
 * {@code ack} and {@code durable} is acknowledged after that (every {@link
 * RabbitMqConfig#ackEvery}-th delivery with {@code multiple=true}, the rest when the consumer
 * closes).
 */
final class RabbitMqConsumer extends DefaultConsumer implements DriverConsumer {
  private final Connection connection;
  private final Receiver receiver;
  private final boolean autoAck;
  private final int ackEvery;
  private final RabbitMqConfig config;
  private final String name;

  /** Guards {@link #closed} and the acknowledgement state against {@link #close}. */
  private final Object lock = new Object();

  private boolean closed;
  private long lastDeliveryTag;
  private int unacknowledged;
  private volatile boolean closing;

  private RabbitMqConsumer(
      Connection connection,
      Channel channel,
      Receiver receiver,
      boolean autoAck,
      RabbitMqConfig config,
      String name) {
    super(channel);
    this.connection = connection;
    this.receiver = receiver;
    this.autoAck = autoAck;
    this.ackEvery = config.ackEvery();
    this.config = config;
    this.name = name;
  }

  /**
   * Starts consuming {@code queues} on {@code connection}, which the consumer owns from now on.
   * Returns once the broker has answered every {@code basic.consume} ({@code consume-ok}), so every
   * message routed to the queues from now on reaches this consumer.
   */
  static RabbitMqConsumer start(
      Connection connection,
      List<String> queues,
      GuaranteeTier tier,
      RabbitMqConfig config,
      Receiver receiver,
      String name)
      throws IOException {
    Channel channel = connection.createChannel();
    boolean autoAck = tier == GuaranteeTier.NONE;
    RabbitMqConsumer consumer =
        new RabbitMqConsumer(connection, channel, receiver, autoAck, config, name);
    connection.addShutdownListener(consumer::onShutdown);
    if (!autoAck && config.prefetch() > 0) {
      // Per consumer (global=false): each basic.consume below gets its own window.
      channel.basicQos(config.prefetch());
    }
    for (String queue : queues) {
      // A synchronous round trip: it returns after consume-ok.
      channel.basicConsume(queue, autoAck, consumer);
    }
    return consumer;
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      receiver.onPayload(body);
      if (autoAck) {
        return;
      }
      long deliveryTag = envelope.getDeliveryTag();
      try {
        if (ackEvery == 1) {
          getChannel().basicAck(deliveryTag, false);
        } else {
          lastDeliveryTag = deliveryTag;
          if (++unacknowledged >= ackEvery) {
            // Deliveries of a channel arrive here in tag order: this covers all before it.
            getChannel().basicAck(deliveryTag, true);
            unacknowledged = 0;
          }
        }
      } catch (IOException | RuntimeException e) {
        fail("acknowledging a delivery failed: " + DriverException.innermost(e), e);
      }
    }
  }

  /** The broker cancelled a consume: its queue was deleted, or its node went away. */
  @Override
  public void handleCancel(String consumerTag) {
    fail(
        "the broker cancelled the consumer "
            + consumerTag
            + " (its queue was deleted or the queue's node is gone)",
        null);
  }

  /** The channel closed; if not by our close, the broker closed it (a channel error). */
  @Override
  public void handleShutdownSignal(String consumerTag, ShutdownSignalException cause) {
    onShutdown(cause);
  }

  private void onShutdown(ShutdownSignalException cause) {
    fail(
        "the "
            + (cause.isHardError() ? "connection" : "channel")
            + " was closed by "
            + (cause.isInitiatedByApplication() ? "the client" : "the broker")
            + ": "
            + DriverException.innermost(cause),
        cause);
  }

  private void fail(String what, Throwable cause) {
    if (!closing) {
      receiver.onFailure(new DriverException(name + ": " + what, cause));
    }
  }

  /**
   * Stops delivering to the {@link Receiver}, acknowledges what it has delivered and not yet
   * acknowledged, then closes the connection (the broker requeues whatever it had pushed beyond
   * that).
   */
  @Override
  public void close() throws DriverException {
    closing = true;
    String problem = null;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (unacknowledged > 0 && getChannel().isOpen()) {
        try {
          getChannel().basicAck(lastDeliveryTag, true);
        } catch (IOException | RuntimeException e) {
          problem = "acknowledging the last deliveries failed: " + DriverException.innermost(e);
        }
        unacknowledged = 0;
      }
    }
    try {
      if (connection.isOpen()) {
        connection.close((int) config.timeout().toMillis());
      }
    } catch (IOException | RuntimeException e) {
      problem =
          (problem == null ? "" : problem + "; ")
              + "closing the connection failed: "
              + DriverException.innermost(e);
    }
    if (problem != null) {
      throw new DriverException(name + ": " + problem);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
