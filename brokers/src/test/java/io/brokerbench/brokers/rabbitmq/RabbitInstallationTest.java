package io.brokerbench.brokers.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.BrokerUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a user reads when RabbitMQ is missing, and how the version is found. */
class RabbitInstallationTest {

  @Test
  @Timeout(30)
  void aMissingInstallationSaysWhatToInstallAndHowToUseARunningBroker(@TempDir Path empty) {
    String before = System.getProperty(RabbitInstallation.BIN_PROPERTY);
    System.setProperty(RabbitInstallation.BIN_PROPERTY, empty.toString());
    try {
      BrokerUnavailableException missing =
          assertThrows(BrokerUnavailableException.class, RabbitInstallation::locate);
      String message = missing.getMessage();
      assertEquals(RabbitInstallation.notInstalledMessage(empty), message);
      assertTrue(message.contains("package `rabbitmq-server` is missing"), message);
      assertTrue(message.contains(empty.toString()), "names where it looked: " + message);
      assertTrue(message.contains("`sudo apt-get install -y rabbitmq-server`"), message);
      assertTrue(message.contains("-Drabbitmq.uri=amqp://user:pass@host:5672/"), message);

      // The launcher fails the same way, before it starts anything.
      BrokerUnavailableException fromCluster =
          assertThrows(
              BrokerUnavailableException.class,
              () -> new RabbitCluster(RabbitClusterSpec.single()));
      assertEquals(message, fromCluster.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(RabbitInstallation.BIN_PROPERTY);
      } else {
        System.setProperty(RabbitInstallation.BIN_PROPERTY, before);
      }
    }
  }

  @Test
  void theVersionComesFromTheScriptsRealPath(@TempDir Path root) throws Exception {
    Path sbin = Files.createDirectories(root.resolve("rabbitmq_server-3.13.7/sbin"));
    Path script = Files.writeString(sbin.resolve("rabbitmq-server"), "#!/bin/sh\n");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path link =
        Files.createSymbolicLink(
            bin.resolve("rabbitmq-server"),
            Path.of("../rabbitmq_server-3.13.7/sbin/rabbitmq-server"));
    assertEquals("3.13.7", RabbitInstallation.readVersion(script));
    assertEquals("3.13.7", RabbitInstallation.readVersion(link));
  }
}
