package io.brokerbench.brokers.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A single Kafka broker in each mode: 1,000 acknowledged messages survive a SIGKILL of the broker
 * and a restart on the same data.
 *
 * <p>With {@code acks=all} on one broker, an acknowledgement means the batch is in the broker's log
 * (in the OS page cache: SIGKILL of a process loses nothing the kernel holds; a power loss is not
 * simulated).
 */
class KafkaCrashRestartIT {
  private static final int MESSAGES = 1_000;

  @ParameterizedTest
  @EnumSource(KafkaMode.class)
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void acknowledgedMessagesSurviveKillAndRestart(KafkaMode mode) throws Exception {
    try (KafkaCluster kafka = new KafkaCluster(KafkaClusterSpec.single(mode))) {
      kafka.start();
      System.out.printf(
          "kafka %s: start-to-ready %d ms (broker %d ms)%n",
          mode.label(),
          kafka.lastStartToReady().toMillis(),
          kafka.node(1).lastStartToReady().toMillis());
      String topic = "crash-" + mode.label();
      KafkaRoundTrip.createTopic(kafka.bootstrapServers(), topic, 1, (short) 1);
      Set<Long> acked =
          KafkaRoundTrip.produceDurable(kafka.bootstrapServers(), topic, MESSAGES, 100);
      assertEquals(MESSAGES, acked.size(), "a healthy broker acknowledges every message");

      long pid = kafka.node(1).pid();
      kafka.node(1).kill();
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

      kafka.node(1).restart();
      System.out.printf(
          "kafka %s: restart after SIGKILL, start-to-ready %d ms%n",
          mode.label(), kafka.node(1).lastStartToReady().toMillis());
      Set<Long> read =
          KafkaRoundTrip.consume(
              kafka.bootstrapServers(), topic, acked.size(), Duration.ofSeconds(60));
      assertTrue(
          read.containsAll(acked), "every acknowledged message is read back after the crash");
    }
  }
}
