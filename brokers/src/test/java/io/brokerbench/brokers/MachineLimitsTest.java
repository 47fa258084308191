package io.brokerbench.brokers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineLimitsTest {
  // The development machines: 20,000 open files, vm.max_map_count 65,530.
  private final MachineLimits devMachine = new MachineLimits(20_000, 65_530);

  @Test
  void partitionsPerBrokerAreBoundByTheTighterLimit() {
    assertEquals(19_000, devMachine.maxPartitionsPerBroker());
    assertEquals(31_765, new MachineLimits(1_000_000, 65_530).maxPartitionsPerBroker());
  }

  @Test
  void aLayoutThatFitsIsAccepted() {
    assertDoesNotThrow(() -> devMachine.requireKafkaPartitionsFit("kafka-1", 10_000));
  }

  @Test
  void tooManyPartitionsForTheOpenFilesLimitIsRefusedWithWhatToChange() {
    BrokerUnavailableException e =
        assertThrows(
            BrokerUnavailableException.class,
            () -> devMachine.requireKafkaPartitionsFit("kafka-1", 25_000));
    assertTrue(e.getMessage().contains("kafka-1"), e.getMessage());
    assertTrue(e.getMessage().contains("ulimit -n"), e.getMessage());
    assertTrue(e.getMessage().contains("19,000"), e.getMessage());
  }

  @Test
  void tooManyPartitionsForTheMapCountIsRefusedWithWhatToChange() {
    MachineLimits manyFiles = new MachineLimits(1_000_000, 65_530);
    BrokerUnavailableException e =
        assertThrows(
            BrokerUnavailableException.class,
            () -> manyFiles.requireKafkaPartitionsFit("kafka-2", 40_000));
    assertTrue(e.getMessage().contains("vm.max_map_count"), e.getMessage());
    assertTrue(e.getMessage().contains("sysctl -w"), e.getMessage());
  }

  @Test
  void theLimitsOfThisMachineCanBeRead() {
    MachineLimits here = MachineLimits.read();
    assertTrue(here.openFiles() > 0);
    assertTrue(here.maxMapCount() > 0);
  }
}
