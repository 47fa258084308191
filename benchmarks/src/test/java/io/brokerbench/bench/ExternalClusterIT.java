package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaClusterSpec;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench run pointed at a Kafka it did not start ({@code -Dkafka.bootstrap}): the round trip runs
 * against it, and the suites that need to kill or restart its processes say so instead of starting
 * a broker of their own.
 */
class ExternalClusterIT {
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aRunAgainstAnExternalKafkaMeasuresWhatItCanAndSkipsWhatNeedsItsProcesses(
      @TempDir Path results) throws Exception {
    KafkaCluster kafka = new KafkaCluster(KafkaClusterSpec.single(KafkaMode.KRAFT));
    try (kafka) {
      kafka.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit =
          new BenchMain(
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8))
              .run(
                  BenchConfig.parse(
                      "--profile=smoke",
                      "--systems=kafka-kraft",
                      "--suites=startup,durability,footprint",
                      "--results=" + results,
                      "--kafka-bootstrap=" + kafka.bootstrapServers()));
      String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, console);

      ObjectMapper json = new ObjectMapper();
      Path run = results.resolve("latest");
      JsonNode startup = json.readTree(Files.readString(run.resolve("startup.json")));
      JsonNode row = startup.get("rows").get(0);
      assertTrue(row.get("mode").asText().startsWith("external"), row.toString());
      assertEquals("ok", row.get("status").asText(), row.toString());

      JsonNode durability = json.readTree(Files.readString(run.resolve("durability.json")));
      JsonNode skipped = durability.get("rows").get(0);
      assertEquals("skipped", skipped.get("status").asText(), skipped.toString());
      assertTrue(skipped.get("note").asText().contains("-Dkafka.bootstrap"), skipped.toString());
      assertEquals(1, durability.get("rows").size(), "no broker of its own was killed instead");

      JsonNode footprint = json.readTree(Files.readString(run.resolve("footprint.json")));
      assertEquals("skipped", footprint.get("rows").get(0).get("status").asText());

      JsonNode environment = json.readTree(Files.readString(run.resolve("environment.json")));
      assertTrue(
          environment.get("external").toString().contains(kafka.bootstrapServers()),
          environment.get("external").toString());
    } finally {
      // The bench deleted the directories this JVM had made so far, the stand-in external
      // cluster's with them, while it ran; what the broker wrote afterwards goes now.
      for (var node : kafka.nodes()) {
        deleteTree(node.dir());
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
