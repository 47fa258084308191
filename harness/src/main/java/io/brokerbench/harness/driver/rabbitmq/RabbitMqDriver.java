package io.brokerbench.harness.driver.rabbitmq;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Closing;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The RabbitMQ adapter, on the RabbitMQ Java client (amqp-client).
 *
 * <h2>Topology</h2>
 *
 * <ul>
 *   <li>A topic is a {@code direct} exchange named {@link Topology#topicName}.
 *   <li>A subscription is one queue per partition, {@code <subscriptionName>-p<partition>}, bound
 *       to the topic's exchange with the partition number as routing key. A producer publishes to
 *       the exchange with routing key = partition, so every subscription receives every message,
 *       and each partition's messages stay in order in one queue.
 *   <li>Consumer {@code c} of a subscription consumes the queues of its partitions ({@link
 *       Topology#partitionsOf}: partition {@code p} goes to consumer {@code p %
 *       consumersPerSubscription}), all on one channel.
 *   <li>A topic without subscriptions gets one unconsumed queue per partition, {@code
 *       <topicName>-p<partition>}, so that what the broker confirms is stored, as in a Kafka topic
 *       nobody reads; without a queue RabbitMQ would drop (and confirm) every message.
 * </ul>
 *
 * All names start with the trial id, so every trial has fresh, empty queues; {@link #close} deletes
 * the queues and exchanges it declared.
 *
 * <h2>Tiers</h2>
 *
 * <table>
 *   <caption>RabbitMQ per tier</caption>
 *   <tr><th>tier</th><th>producer</th><th>messages</th><th>queues, exchanges</th>
 *       <th>consumer</th></tr>
 *   <tr><td>{@code none}</td><td>no confirms</td><td>transient</td>
 *       <td>non-durable classic</td><td>auto-ack</td></tr>
 *   <tr><td>{@code ack}</td><td>publisher confirms</td><td>transient</td>
 *       <td>non-durable classic</td><td>manual acks after the harness has the message</td></tr>
 *   <tr><td>{@code durable}</td><td>publisher confirms</td><td>persistent (delivery mode 2)</td>
 *       <td>durable; classic or quorum ({@link RabbitMqConfig#durableQueueType})</td>
 *       <td>manual acks after the harness has the message</td></tr>
 *   <tr><td>{@code replicated}</td><td>publisher confirms</td><td>persistent (delivery mode 2)
 *       </td><td>durable; quorum queues on the cluster's nodes (3 or more)</td>
 *       <td>manual acks after the harness has the message</td></tr>
 * </table>
 *
 * Classic queues are declared with {@code x-queue-version} 2 ({@link
 * RabbitMqConfig#classicQueueVersion}, where the reason is). Transient (non-durable) queues, as
 * tiers {@code none} and {@code ack} use them, are deprecated from RabbitMQ 4.0 and refused by
 * default from 4.3; on such a broker allow them ({@code
 * deprecated_features.permit.transient_nonexcl_queues = true}) or those tiers fail in {@link
 * #prepare} with the broker's reason.
 *
 * <h2>Connections and threads</h2>
 *
 * Each producer and each consumer has a connection and a channel of its own (a channel is not
 * thread-safe, and a connection has one I/O thread: as in PerfTest, which opens a connection per
 * producer and consumer). Publisher confirms are handled asynchronously by a confirm listener on
 * the connection's I/O thread, with a bounded number outstanding ({@link
 * RabbitMqConfig#maxUnconfirmed}); deliveries are handed to the {@link Receiver} on the client's
 * consumer thread. One more connection, opened by {@link #prepare}, declares and later deletes the
 * trial's exchanges and queues.
 *
 * <p>Client settings that differ from amqp-client's defaults: automatic connection and topology
 * recovery are off, so a lost connection fails the trial visibly instead of being papered over (a
 * recovered consumer would also get redeliveries the harness could not tell from duplicates), and
 * the timeouts are {@link RabbitMqConfig#timeout} instead of 60 s to connect and 10 minutes per
 * round trip.
 */
public final class RabbitMqDriver implements BrokerDriver {

  /** The name of this system in results. */
  public static final String SYSTEM = "rabbitmq";

  private final RabbitMqConfig config;
  private final ConnectionFactory factory;
  private final List<Address> addresses;
  private final String where;
  private final List<RabbitMqProducer> producers = new CopyOnWriteArrayList<>();
  private final List<RabbitMqConsumer> consumers = new CopyOnWriteArrayList<>();
  private final List<String> declaredQueues = new ArrayList<>();
  private final List<String> declaredExchanges = new ArrayList<>();
  private int connectionsOpened;
  private Topology topology;
  private GuaranteeTier tier;
  private Connection admin;
  private boolean closed;

  public RabbitMqDriver(RabbitMqConfig config) {
    this.config = config;
    this.where = SYSTEM + " at " + config.where();
    this.factory = new ConnectionFactory();
    try {
      // Credentials and virtual host; the nodes come from every URI below.
      factory.setUri(config.uris().get(0));
    } catch (Exception e) {
      // Not the client's message: it may repeat the URI, password and all.
      throw new IllegalArgumentException(
          "uris: the AMQP client refused '"
              + RabbitMqConfig.redact(config.uris().get(0))
              + "' ("
              + e.getClass().getSimpleName()
              + ")");
    }
    int timeoutMs = (int) config.timeout().toMillis();
    factory.setConnectionTimeout(timeoutMs);
    factory.setHandshakeTimeout(timeoutMs);
    factory.setChannelRpcTimeout(timeoutMs);
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    List<Address> nodes = new ArrayList<>();
    for (String uri : config.uris()) {
      URI parsed = URI.create(uri);
      nodes.add(
          new Address(
              parsed.getHost(),
              parsed.getPort() < 0 ? ConnectionFactory.DEFAULT_AMQP_PORT : parsed.getPort()));
    }
    this.addresses = List.copyOf(nodes);
  }

  public RabbitMqConfig config() {
    return config;
  }

  /**
   * Every tier but {@code replicated} on any node (publisher confirms, persistence, consumer acks);
   * {@code replicated} (quorum queues) where the config names 3 or more nodes ({@link
   * RabbitMqConfig#offersReplicated}).
   */
  @Override
  public boolean offers(GuaranteeTier tier) {
    return tier != null && (tier != GuaranteeTier.REPLICATED || config.offersReplicated());
  }

  @Override
  public synchronized void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
    if (this.topology != null) {
      throw new IllegalStateException("prepare was called twice; a driver serves one trial");
    }
    if (closed) {
      throw new IllegalStateException("the driver is closed");
    }
    if (!offers(tier)) {
      throw new TierNotOfferedException(SYSTEM, tier);
    }
    this.topology = topology;
    this.tier = tier;
    admin = connect("admin");
    String doing = "opening a channel";
    try {
      Channel channel = admin.createChannel();
      boolean durable = tier.persistent();
      Map<String, Object> arguments = queueArguments(tier);
      for (int t = 0; t < topology.topics(); t++) {
        String exchange = topology.topicName(t);
        doing = "declaring exchange " + exchange;
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, durable);
        declaredExchanges.add(exchange);
        for (int p = 0; p < topology.partitionsPerTopic(); p++) {
          for (String queue : queuesOf(t, p)) {
            doing = "declaring queue " + queue;
            channel.queueDeclare(queue, durable, false, false, arguments);
            declaredQueues.add(queue);
            doing = "binding queue " + queue + " to exchange " + exchange;
            channel.queueBind(queue, exchange, routingKey(p));
          }
        }
      }
      doing = "closing the set-up channel";
      channel.close();
    } catch (IOException | TimeoutException | RuntimeException e) {
      throw new DriverException(
          where + ": " + doing + " failed: " + DriverException.innermost(e), e);
    }
  }

  private Map<String, Object> queueArguments(GuaranteeTier tier) {
    if (tier == GuaranteeTier.REPLICATED
        || (tier == GuaranteeTier.DURABLE
            && config.durableQueueType() == RabbitMqConfig.QueueType.QUORUM)) {
      return Map.of("x-queue-type", "quorum");
    }
    if (config.classicQueueVersion() > 0) {
      return Map.of("x-queue-version", config.classicQueueVersion());
    }
    return Map.of();
  }

  /**
   * The queues of partition {@code p} of topic {@code t}: one per subscription, or without
   * subscriptions one that nobody consumes.
   */
  private List<String> queuesOf(int t, int p) {
    if (topology.subscriptionsPerTopic() == 0) {
      return List.of(topology.topicName(t) + "-p" + p);
    }
    List<String> queues = new ArrayList<>();
    for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
      queues.add(queueName(topology, t, s, p));
    }
    return queues;
  }

  /** The queue of partition {@code p} of a subscription: {@code <subscriptionName>-p<p>}. */
  public static String queueName(Topology topology, int topic, int subscription, int partition) {
    return topology.subscriptionName(topic, subscription) + "-p" + partition;
  }

  /** The routing key of partition {@code p}: its number. */
  static String routingKey(int partition) {
    return Integer.toString(partition);
  }

  @Override
  public synchronized DriverConsumer startConsumer(
      int topic, int subscription, int consumer, Receiver receiver) throws DriverException {
    requirePrepared();
    List<String> queues = new ArrayList<>();
    for (int p : topology.partitionsOf(consumer)) {
      queues.add(queueName(topology, topic, subscription, p));
    }
    String name = topology.subscriptionName(topic, subscription) + "-c" + consumer;
    Connection connection = connect("consumer " + name);
    try {
      RabbitMqConsumer started =
          RabbitMqConsumer.start(connection, queues, tier, config, receiver, where + ": " + name);
      consumers.add(started);
      return started;
    } catch (IOException | RuntimeException e) {
      closeQuietly(connection);
      throw new DriverException(
          where
              + ": starting consumer "
              + name
              + " on "
              + queues
              + " failed: "
              + DriverException.innermost(e),
          e);
    }
  }

  @Override
  public synchronized DriverProducer createProducer(
      int topic, int producer, Acknowledgements acknowledgements) throws DriverException {
    requirePrepared();
    String name = topology.topicName(topic) + "-producer-" + producer;
    Connection connection = connect("producer " + name);
    try {
      RabbitMqProducer created =
          RabbitMqProducer.create(
              connection,
              topology.topicName(topic),
              topology.partitionsPerTopic(),
              tier,
              config,
              acknowledgements,
              where + ": " + name);
      producers.add(created);
      return created;
    } catch (IOException | RuntimeException e) {
      closeQuietly(connection);
      throw new DriverException(
          where + ": creating producer " + name + " failed: " + DriverException.innermost(e), e);
    }
  }

  private void requirePrepared() {
    if (topology == null || closed) {
      throw new IllegalStateException(
          closed ? "the driver is closed" : "prepare must be called before anything else");
    }
  }

  /** A new connection, starting at the next node in turn. */
  private Connection connect(String role) throws DriverException {
    int first = connectionsOpened++ % addresses.size();
    List<Address> order = new ArrayList<>(addresses.subList(first, addresses.size()));
    order.addAll(addresses.subList(0, first));
    String name = "brokerbench " + (topology == null ? "" : topology.trialId() + " ") + role;
    try {
      return factory.newConnection(order, name);
    } catch (IOException | TimeoutException | RuntimeException e) {
      throw new DriverException(
          where + ": could not open a connection for " + role + ": " + DriverException.innermost(e),
          e);
    }
  }

  /**
   * Closes the producers and consumers still open, deletes the trial's queues and exchanges, and
   * closes the set-up connection. Deletion is best effort: a queue already gone is not a problem, a
   * broker that is not there is (it is named in the exception, after everything else was closed).
   */
  @Override
  public synchronized void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    List<String> problems = new ArrayList<>();
    Closing.closeAll(producers, problems);
    Closing.closeAll(consumers, problems);
    if (admin != null) {
      if (admin.isOpen()) {
        deleteDeclared(problems);
      } else {
        problems.add(
            where
                + ": could not delete the trial's queues and exchanges, the set-up connection is"
                + " closed: "
                + admin.getCloseReason());
      }
      closeQuietly(admin);
    }
    if (!problems.isEmpty()) {
      throw new DriverException(String.join("; ", problems));
    }
  }

  private void deleteDeclared(List<String> problems) {
    Channel channel = null;
    String doing = "opening a channel";
    try {
      channel = admin.createChannel();
      for (String queue : declaredQueues) {
        doing = "deleting queue " + queue;
        channel.queueDelete(queue);
      }
      for (String exchange : declaredExchanges) {
        doing = "deleting exchange " + exchange;
        channel.exchangeDelete(exchange);
      }
      doing = "closing the clean-up channel";
      channel.close();
    } catch (IOException | TimeoutException | RuntimeException e) {
      problems.add(where + ": " + doing + " failed: " + DriverException.innermost(e));
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      if (connection.isOpen()) {
        connection.close();
      }
    } catch (IOException | RuntimeException e) {
      // Closing after a failure: the failure is what the harness reports.
    }
  }
}
