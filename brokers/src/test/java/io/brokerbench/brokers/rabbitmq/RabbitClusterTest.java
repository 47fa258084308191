package io.brokerbench.brokers.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parts of the cluster launcher that need no broker. */
class RabbitClusterTest {

  @Test
  void runningNodesAreReadFromClusterStatusJson() {
    String output =
        "a warning the CLI printed first\n"
            + "{\"disk_nodes\":[\"r1@localhost\",\"r2@localhost\"],"
            + "\"running_nodes\":[\"r2@localhost\",\"r1@localhost\"]}\n";
    assertEquals(Set.of("r1@localhost", "r2@localhost"), RabbitCluster.runningNodes(output));
  }

  @Test
  void aSpecRefusesAnEmptyCluster() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RabbitClusterSpec.of(0));
    assertTrue(e.getMessage().startsWith("nodes: must be 1 to 9, was 0"), e.getMessage());
  }

  @Test
  void aBodyCarriesItsSequenceNumber() {
    byte[] body = RabbitRoundTrip.body(123_456_789_012L, 1024);
    assertEquals(1024, body.length);
    assertEquals(123_456_789_012L, RabbitRoundTrip.sequenceOf(body));
  }
}
