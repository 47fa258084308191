package io.brokerbench.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.brokerbench.brokers.DeliveryLog;
import io.brokerbench.brokers.JavaPeerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code main} of a RabbitMQ consumer in a child JVM, so that a crash ledger can SIGKILL the
 * consumer and not the broker: what becomes of the deliveries it had taken depends on how it
 * acknowledged them. Every delivery goes to a {@link DeliveryLog} before it is acknowledged.
 *
 * <p>Arguments: {@code consume <uri> <queue> <file> <headerBytes> <acks> <prefetch> <ackEvery>},
 * where {@code acks} is
 *
 * <ul>
 *   <li>{@code auto}: the broker forgets a message the moment it sends it ({@code autoAck=true}),
 *       and pushes without limit; whatever a killed consumer had received but not yet handled is
 *       gone;
 *   <li>{@code manual}: at most {@code prefetch} unacknowledged deliveries ({@code basic.qos});
 *       every {@code ackEvery}-th delivery acknowledges those before it ({@code multiple=true}), as
 *       the harness's own consumer does. The broker delivers again what a killed consumer had not
 *       acknowledged: handled messages among them come twice (at-least-once).
 * </ul>
 *
 * Prints {@value JavaPeerProcess#READY} once the broker confirmed the consume, and exits with 1 if
 * the broker closes the connection.
 */
public final class RabbitConsumerPeer {
  private RabbitConsumerPeer() {}

  /** How the consumer acknowledges. */
  public enum Acks {
    AUTO,
    MANUAL;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The child process of a consumer of {@code queue} at {@code uri}, recording to {@code file}.
   *
   * @param name the process's name in messages (and its directory's)
   */
  public static JavaPeerProcess process(
      String name,
      String uri,
      String queue,
      Path file,
      int headerBytes,
      Acks acks,
      int prefetch,
      int ackEvery) {
    return new JavaPeerProcess(
        name,
        RabbitConsumerPeer.class.getName(),
        Map.of(),
        List.of(
            "consume",
            uri,
            queue,
            file.toString(),
            Integer.toString(headerBytes),
            acks.key(),
            Integer.toString(prefetch),
            Integer.toString(ackEvery)),
        "RabbitMQ consumer (amqp-client)",
        clientVersion());
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    if (args.length != 8 || !args[0].equals("consume")) {
      out.println(
          "usage: RabbitConsumerPeer consume <uri> <queue> <file> <headerBytes> auto|manual"
              + " <prefetch> <ackEvery>");
      return 2;
    }
    String queue = args[2];
    Path file = Path.of(args[3]);
    int headerBytes = Integer.parseInt(args[4]);
    boolean autoAck = Acks.valueOf(args[5].toUpperCase(Locale.ROOT)) == Acks.AUTO;
    int prefetch = Integer.parseInt(args[6]);
    int ackEvery = Integer.parseInt(args[7]);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(args[1]);
    // No automatic recovery: a consumer that lost its broker says so and ends, as the harness's do.
    factory.setAutomaticRecoveryEnabled(false);
    CountDownLatch closed = new CountDownLatch(1);
    try (DeliveryLog log = new DeliveryLog(file, headerBytes);
        Connection connection = factory.newConnection("brokerbench-consumer-peer")) {
      connection.addShutdownListener(
          cause -> {
            out.println("connection closed: " + cause.getMessage());
            out.flush();
            closed.countDown();
          });
      Channel channel = connection.createChannel();
      if (!autoAck) {
        channel.basicQos(prefetch);
      }
      channel.basicConsume(
          queue,
          autoAck,
          new DefaultConsumer(channel) {
            private int unacknowledged;

            @Override
            public void handleDelivery(
                String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
              log.append(body, System.nanoTime());
              if (!autoAck && ++unacknowledged >= ackEvery) {
                getChannel().basicAck(envelope.getDeliveryTag(), true);
                unacknowledged = 0;
              }
            }
          });
      out.println(JavaPeerProcess.READY);
      out.flush();
      closed.await();
      out.println("DONE " + log.count());
      return 1;
    }
  }

  private static String clientVersion() {
    Package client = ConnectionFactory.class.getPackage();
    String version = client == null ? null : client.getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
