package io.brokerbench.brokers.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.Producer;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.testing.RequiresRabbitMq;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stream plugin of the RabbitMQ that brokerbench starts (3.10) serves the stream client the
 * harness uses: a node with streams listens for the stream protocol on loopback, takes confirmed
 * messages into a stream and replays them from its first offset.
 */
@RequiresRabbitMq
class RabbitStreamIT {
  private static final int MESSAGES = 1_000;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aNodeWithStreamsTakesConfirmedMessagesAndReplaysThemFromTheFirstOffset() throws Exception {
    try (RabbitCluster cluster = new RabbitCluster(RabbitClusterSpec.single().withStreams())) {
      cluster.start();
      RabbitNode node = cluster.nodes().get(0);
      assertTrue(node.streamPort() > 0);
      assertEquals(node.streamPort(), node.ports().get("stream"));
      try (Environment environment =
          Environment.builder().host(Ports.LOOPBACK).port(node.streamPort()).build()) {
        environment.streamCreator().stream("brokerbench-replay").create();
        CountDownLatch confirmed = new CountDownLatch(MESSAGES);
        Producer producer = environment.producerBuilder().stream("brokerbench-replay").build();
        for (int i = 0; i < MESSAGES; i++) {
          producer.send(
              producer
                  .messageBuilder()
                  .addData(Integer.toString(i).getBytes(StandardCharsets.US_ASCII))
                  .build(),
              status -> {
                if (status.isConfirmed()) {
                  confirmed.countDown();
                }
              });
        }
        assertTrue(confirmed.await(60, TimeUnit.SECONDS), "every message confirmed");
        producer.close();
        Set<String> replayed = ConcurrentHashMap.newKeySet();
        CountDownLatch read = new CountDownLatch(MESSAGES);
        try (var consumer =
            environment.consumerBuilder().stream("brokerbench-replay")
                .offset(OffsetSpecification.first())
                .messageHandler(
                    (context, message) -> {
                      replayed.add(
                          new String(message.getBodyAsBinary(), StandardCharsets.US_ASCII));
                      read.countDown();
                    })
                .build()) {
          assertTrue(
              read.await(60, TimeUnit.SECONDS),
              "replayed " + replayed.size() + " through " + consumer);
        }
        assertEquals(MESSAGES, replayed.size());
      }
    }
  }
}
