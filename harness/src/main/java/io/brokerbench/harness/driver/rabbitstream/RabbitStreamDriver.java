package io.brokerbench.harness.driver.rabbitstream;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.Producer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The RabbitMQ Streams adapter, on the stream Java client ({@code com.rabbitmq:stream-client}) and
 * the {@code rabbitmq_stream} plugin's own protocol (not AMQP).
 *
 * <h2>Topology</h2>
 *
 * A stream is a log, like a Kafka partition: partition {@code p} of a topic is the stream {@code
 * <topicName>-p<p>}, and every subscription reads every stream of its topic from its first offset
 * (streams are fresh per trial), as a Kafka consumer group reads a topic. Consumer {@code c} of a
 * subscription reads the streams of its partitions ({@link Topology#partitionsOf}). A producer has
 * one stream producer per partition of its topic. {@link #close} deletes the streams.
 *
 * <h2>Tiers</h2>
 *
 * <ul>
 *   <li>{@code none}: the producer does not wait for or report the broker's confirms (a stream
 *       always confirms; nothing is promised to the harness), the consumer reads without tracking.
 *   <li>{@code ack}: each message is reported acknowledged on the broker's publish confirm: the
 *       node has appended it to the stream's log.
 *   <li>{@code durable}: <b>not offered</b>. A stream does not write to disk before it confirms:
 *       RabbitMQ streams leave flushing to the operating system and rely on replication for safety,
 *       so a single node's confirm does not survive that node's crash, and calling it durable would
 *       measure a weaker tier under the name.
 *   <li>{@code replicated}: not offered yet (a stream on 3 nodes confirms once a quorum has it).
 * </ul>
 *
 * <h2>Client settings</h2>
 *
 * Every setting is the client's default: dynamic batching (a batch leaves as soon as the producer's
 * queue is drained, with no fixed publishing delay, like Kafka's {@code linger.ms=0}), at most
 * 10,000 unconfirmed messages per stream producer ({@code send} blocks beyond them: the system's
 * own flow control), credit-based flow control on the consumer.
 *
 * <p>The client recovers a lost connection by itself; a consumer that reconnects reads again from
 * its first offset, which the harness counts as duplicates, never as losses.
 */
public final class RabbitStreamDriver implements BrokerDriver {

  /** The name of this system in results. */
  public static final String SYSTEM = "rabbitmq-stream";

  private final RabbitStreamConfig config;
  private final String where;
  private final List<StreamProducer> producers = new CopyOnWriteArrayList<>();
  private final List<StreamConsumer> consumers = new CopyOnWriteArrayList<>();
  private final List<String> streams = new ArrayList<>();
  private Environment environment;
  private Topology topology;
  private GuaranteeTier tier;
  private boolean closed;

  public RabbitStreamDriver(RabbitStreamConfig config) {
    this.config = config;
    this.where = SYSTEM + " at " + config.where();
  }

  @Override
  public boolean offers(GuaranteeTier tier) {
    return tier == GuaranteeTier.NONE || tier == GuaranteeTier.ACK;
  }

  /** The stream that holds partition {@code partition} of topic {@code topic}. */
  public static String streamName(Topology topology, int topic, int partition) {
    return topology.topicName(topic) + "-p" + partition;
  }

  @Override
  public synchronized void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
    if (!offers(tier)) {
      throw new TierNotOfferedException(SYSTEM, tier);
    }
    this.topology = topology;
    this.tier = tier;
    try {
      environment =
          Environment.builder()
              .host(config.host())
              .port(config.port())
              .rpcTimeout(config.timeout())
              .build();
    } catch (RuntimeException e) {
      throw new DriverException(where + ": cannot connect: " + DriverException.innermost(e), e);
    }
    for (int t = 0; t < topology.topics(); t++) {
      for (int p = 0; p < topology.partitionsPerTopic(); p++) {
        String stream = streamName(topology, t, p);
        try {
          environment.streamCreator().stream(stream).create();
        } catch (RuntimeException e) {
          throw new DriverException(
              where + ": creating stream " + stream + " failed: " + DriverException.innermost(e),
              e);
        }
        streams.add(stream);
      }
    }
  }

  @Override
  public DriverConsumer startConsumer(int topic, int subscription, int consumer, Receiver receiver)
      throws DriverException {
    StreamConsumer started = new StreamConsumer();
    consumers.add(started);
    for (int partition : topology.partitionsOf(consumer)) {
      String stream = streamName(topology, topic, partition);
      try {
        started.parts.add(
            environment.consumerBuilder().stream(stream)
                .offset(OffsetSpecification.first())
                .messageHandler((context, message) -> receiver.onPayload(message.getBodyAsBinary()))
                .build());
      } catch (RuntimeException e) {
        throw new DriverException(
            where
                + ": subscribing consumer "
                + consumer
                + " of "
                + topology.subscriptionName(topic, subscription)
                + " to stream "
                + stream
                + " failed: "
                + DriverException.innermost(e),
            e);
      }
    }
    return started;
  }

  @Override
  public DriverProducer createProducer(int topic, int producer, Acknowledgements acknowledgements)
      throws DriverException {
    StreamProducer created = new StreamProducer(acknowledgements, tier == GuaranteeTier.ACK);
    producers.add(created);
    for (int p = 0; p < topology.partitionsPerTopic(); p++) {
      String stream = streamName(topology, topic, p);
      try {
        created.parts.add(environment.producerBuilder().stream(stream).build());
      } catch (RuntimeException e) {
        throw new DriverException(
            where
                + ": creating producer "
                + producer
                + " on stream "
                + stream
                + " failed: "
                + DriverException.innermost(e),
            e);
      }
    }
    return created;
  }

  @Override
  public synchronized void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    List<String> problems = new ArrayList<>();
    Closing.closeAll(producers, problems);
    Closing.closeAll(consumers, problems);
    if (environment != null) {
      for (String stream : streams) {
        try {
          environment.deleteStream(stream);
        } catch (RuntimeException e) {
          problems.add(
              where + ": could not delete stream " + stream + ": " + DriverException.innermost(e));
        }
      }
      try {
        environment.close();
      } catch (RuntimeException e) {
        problems.add(where + ": closing the connections failed: " + DriverException.innermost(e));
      }
    }
    if (!problems.isEmpty()) {
      throw new DriverException(String.join("; ", problems));
    }
  }

  /** One harness producer: a stream producer per partition of its topic. */
  private final class StreamProducer implements DriverProducer {
    private final List<Producer> parts = new ArrayList<>();
    private final Acknowledgements acknowledgements;
    private final boolean reportsConfirms;
    private final AtomicLong unconfirmed = new AtomicLong();
    private boolean producerClosed;

    StreamProducer(Acknowledgements acknowledgements, boolean reportsConfirms) {
      this.acknowledgements = acknowledgements;
      this.reportsConfirms = reportsConfirms;
    }

    @Override
    public void send(int partition, byte[] payload) throws DriverException {
      Producer producer = parts.get(partition);
      unconfirmed.incrementAndGet();
      try {
        producer.send(
            producer.messageBuilder().addData(payload).build(),
            status -> {
              unconfirmed.decrementAndGet();
              if (!status.isConfirmed()) {
                acknowledgements.onFailed(
                    payload,
                    new DriverException(
                        where + ": the broker did not confirm (code " + status.getCode() + ")"));
              } else if (reportsConfirms) {
                acknowledgements.onAcknowledged(payload);
              }
            });
      } catch (RuntimeException e) {
        unconfirmed.decrementAndGet();
        throw new DriverException(where + ": send failed: " + DriverException.innermost(e), e);
      }
    }

    @Override
    public synchronized void close() throws DriverException {
      if (producerClosed) {
        return;
      }
      producerClosed = true;
      List<String> problems = new ArrayList<>();
      // A stream producer's close does not wait for the confirms still outstanding; this waits
      // for them first, as the contract asks, for a bounded time.
      awaitConfirms();
      Closing.closeAll(parts, problems);
      if (!problems.isEmpty()) {
        throw new DriverException(String.join("; ", problems));
      }
    }

    private void awaitConfirms() {
      long deadline = System.nanoTime() + config.timeout().toNanos();
      while (unconfirmed.get() > 0 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** One harness consumer: a stream consumer per partition it reads. */
  private static final class StreamConsumer implements DriverConsumer {
    private final List<Consumer> parts = new CopyOnWriteArrayList<>();

    @Override
    public void close() throws DriverException {
      List<String> problems = new ArrayList<>();
      Closing.closeAll(parts, problems);
      parts.clear();
      if (!problems.isEmpty()) {
        throw new DriverException(String.join("; ", problems));
      }
    }
  }
}
