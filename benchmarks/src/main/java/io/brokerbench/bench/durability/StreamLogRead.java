package io.brokerbench.bench.durability;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.driver.rabbitstream.RabbitStreamDriver;
import io.brokerbench.harness.measure.SequenceTracker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a RabbitMQ stream again from its first offset after the fault and the recovery, through a
 * connection of its own: what the stream holds is what survived, as {@link KafkaLogRead} does for a
 * Kafka partition. A stream has no end offset to read up to that the client can ask cheaply, so the
 * read ends when nothing has arrived for {@link #IDLE} (a node on loopback delivers a chunk in
 * milliseconds), or fails at its deadline.
 */
final class StreamLogRead implements CrashTrial.FinalRead {
  /** Silence after which the stream counts as read to its end. */
  static final Duration IDLE = Duration.ofSeconds(3);

  private final String host;
  private final int port;
  private final Duration timeout;

  StreamLogRead(String host, int port, Duration timeout) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  @Override
  public SequenceTracker readAll(Topology topology) throws InterruptedException {
    SequenceTracker tracker =
        new SequenceTracker(topology.producerId(0, 0), topology.producersPerTopic(), 1);
    AtomicLong lastArrivalNs = new AtomicLong(System.nanoTime());
    String stream = RabbitStreamDriver.streamName(topology, 0, 0);
    try (Environment environment = Environment.builder().host(host).port(port).build()) {
      Consumer consumer =
          environment.consumerBuilder().stream(stream)
              .offset(OffsetSpecification.first())
              .messageHandler(
                  (context, message) -> {
                    synchronized (tracker) {
                      CrashTrial.FinalRead.record(tracker, message.getBodyAsBinary());
                    }
                    lastArrivalNs.set(System.nanoTime());
                  })
              .build();
      try {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - lastArrivalNs.get() < IDLE.toNanos()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the final read of stream "
                    + stream
                    + " was still receiving after "
                    + timeout.toSeconds()
                    + " s");
          }
          Thread.sleep(100);
        }
      } finally {
        consumer.close();
      }
    }
    synchronized (tracker) {
      return tracker;
    }
  }
}
