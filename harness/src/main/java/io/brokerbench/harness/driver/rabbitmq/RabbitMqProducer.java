package io.brokerbench.harness.driver.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One producer: a connection and a channel of its own, publishing to the topic's exchange with the
 * partition as routing key.
 *
 * <p>At tiers {@code ack} and {@code durable} the channel is in confirm mode. Each publish is
 * recorded under its delivery tag in a sorted map before it goes out; the confirm listener, on the
 * connection's I/O thread, takes every entry up to the confirmed tag ({@code multiple=true}) or the
 * one tag out of the map and reports it to the {@link Acknowledgements}: acknowledged for a {@code
 * basic.ack}, failed for a {@code basic.nack}. A semaphore of {@link RabbitMqConfig#maxUnconfirmed}
 * permits bounds what is outstanding, as PerfTest's {@code --confirm} does; nothing ever waits for
 * a confirm per message.
 */
final class RabbitMqProducer implements DriverProducer, ConfirmListener {
  private static final AMQP.BasicProperties TRANSIENT =
      new AMQP.BasicProperties.Builder().deliveryMode(1).build();
  private static final AMQP.BasicProperties PERSISTENT = MessageProperties.MINIMAL_PERSISTENT_BASIC;

  private final Connection connection;
  private final Channel channel;
  private final String exchange;
  private final String[] routingKeys;
  private final AMQP.BasicProperties properties;
  private final boolean confirms;
  private final RabbitMqConfig config;
  private final Acknowledgements acknowledgements;
  private final String name;

  /** Publishes awaiting their confirm, by delivery tag; written by send, emptied by confirms. */
  private final ConcurrentSkipListMap<Long, byte[]> unconfirmed = new ConcurrentSkipListMap<>();

  private final Semaphore window;

  /** Set once the outcome of every publish has been reported: no more reports after that. */
  private boolean settled;

  private volatile boolean closing;
  private boolean closed;

  private RabbitMqProducer(
      Connection connection,
      Channel channel,
      String exchange,
      int partitions,
      GuaranteeTier tier,
      RabbitMqConfig config,
      Acknowledgements acknowledgements,
      String name) {
    this.connection = connection;
    this.channel = channel;
    this.exchange = exchange;
    this.routingKeys = new String[partitions];
    for (int p = 0; p < partitions; p++) {
      routingKeys[p] = RabbitMqDriver.routingKey(p);
    }
    this.properties = tier.persistent() ? PERSISTENT : TRANSIENT;
    this.confirms = tier != GuaranteeTier.NONE;
    this.config = config;
    this.acknowledgements = acknowledgements;
    this.name = name;
    this.window = new Semaphore(config.maxUnconfirmed());
  }

  /** A producer on {@code connection}, which it owns from now on. */
  static RabbitMqProducer create(
      Connection connection,
      String exchange,
      int partitions,
      GuaranteeTier tier,
      RabbitMqConfig config,
      Acknowledgements acknowledgements,
      String name)
      throws IOException {
    Channel channel = connection.createChannel();
    RabbitMqProducer producer =
        new RabbitMqProducer(
            connection, channel, exchange, partitions, tier, config, acknowledgements, name);
    if (producer.confirms) {
      channel.addConfirmListener(producer);
      channel.confirmSelect();
    }
    connection.addShutdownListener(producer::onShutdown);
    return producer;
  }

  @Override
  public void send(int partition, byte[] payload) throws DriverException, InterruptedException {
    if (confirms) {
      awaitWindow();
      // Recorded before the publish: the confirm can come back before basicPublish returns.
      unconfirmed.put(channel.getNextPublishSeqNo(), payload);
    }
    try {
      channel.basicPublish(exchange, routingKeys[partition], false, properties, payload);
    } catch (IOException | RuntimeException e) {
      throw new DriverException(
          name + ": publishing failed, the connection is gone: " + DriverException.innermost(e), e);
    }
  }

  private void awaitWindow() throws DriverException, InterruptedException {
    if (window.tryAcquire()) {
      return;
    }
    if (!window.tryAcquire(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
      throw new DriverException(
          name
              + ": no publisher confirm arrived for "
              + config.timeout().toSeconds()
              + " s with "
              + config.maxUnconfirmed()
              + " publishes outstanding; the broker is stuck or blocked (memory or disk alarm)");
    }
    if (!channel.isOpen()) {
      // Woken by onShutdown, which released the permits: nothing more can be sent.
      throw new DriverException(
          name
              + ": the connection is gone: "
              + DriverException.innermost(channel.getCloseReason()));
    }
  }

  @Override
  public void handleAck(long deliveryTag, boolean multiple) {
    settle(deliveryTag, multiple, null);
  }

  @Override
  public void handleNack(long deliveryTag, boolean multiple) {
    settle(
        deliveryTag,
        multiple,
        new DriverException(
            name + ": the broker refused the message (basic.nack): it could not store it"));
  }

  /** Reports one confirm (or nack) of the broker, covering one tag or every tag up to it. */
  private synchronized void settle(long deliveryTag, boolean multiple, Throwable nack) {
    if (settled) {
      return;
    }
    int count = 0;
    if (multiple) {
      Map.Entry<Long, byte[]> first;
      while ((first = unconfirmed.firstEntry()) != null && first.getKey() <= deliveryTag) {
        unconfirmed.remove(first.getKey());
        report(first.getValue(), nack);
        count++;
      }
    } else {
      byte[] payload = unconfirmed.remove(deliveryTag);
      if (payload != null) {
        report(payload, nack);
        count++;
      }
    }
    window.release(count);
  }

  private void report(byte[] payload, Throwable nack) {
    if (nack == null) {
      acknowledgements.onAcknowledged(payload);
    } else {
      acknowledgements.onFailed(payload, nack);
    }
  }

  /** The connection closed: if not by us, the producer failed, and so did what is unconfirmed. */
  private void onShutdown(ShutdownSignalException cause) {
    if (closing) {
      return;
    }
    DriverException failure =
        new DriverException(
            name
                + ": the connection was closed by "
                + (cause.isInitiatedByApplication() ? "the client" : "the broker")
                + ": "
                + DriverException.innermost(cause),
            cause);
    acknowledgements.onFailed(failure);
    failUnconfirmed(failure);
    // Wakes a send waiting for the window; it finds the channel closed.
    window.release(config.maxUnconfirmed());
  }

  /** Reports everything still unconfirmed as failed, and nothing after that; returns how many. */
  private synchronized int failUnconfirmed(Throwable cause) {
    if (settled) {
      return 0;
    }
    settled = true;
    int count = 0;
    Map.Entry<Long, byte[]> entry;
    while ((entry = unconfirmed.pollFirstEntry()) != null) {
      acknowledgements.onFailed(entry.getValue(), cause);
      count++;
    }
    return count;
  }

  /**
   * Waits up to {@link RabbitMqConfig#timeout} for the outstanding confirms, reports any still
   * missing as failed, then closes the connection (whose close handshake also means the broker has
   * read every publish made before it).
   */
  @Override
  public void close() throws DriverException {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    int unsettled = 0;
    if (confirms) {
      long deadline = System.nanoTime() + config.timeout().toNanos();
      while (!unconfirmed.isEmpty() && channel.isOpen() && System.nanoTime() - deadline < 0) {
        sleepBriefly();
      }
      unsettled =
          failUnconfirmed(
              new DriverException(
                  name
                      + ": no publisher confirm within "
                      + config.timeout().toSeconds()
                      + " s of closing the producer"));
    }
    closing = true;
    String closeProblem = null;
    try {
      if (connection.isOpen()) {
        connection.close((int) config.timeout().toMillis());
      }
    } catch (IOException | RuntimeException e) {
      closeProblem = DriverException.innermost(e);
    }
    if (unsettled > 0 || closeProblem != null) {
      throw new DriverException(
          name
              + ": "
              + (unsettled > 0
                  ? unsettled
                      + " publishes were still unconfirmed when the producer closed, reported"
                      + " as failed"
                  : "")
              + (unsettled > 0 && closeProblem != null ? "; " : "")
              + (closeProblem != null ? "closing the connection failed: " + closeProblem : ""));
    }
  }

  private static void sleepBriefly() throws DriverException {
    try {
      TimeUnit.MILLISECONDS.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted while waiting for publisher confirms", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
