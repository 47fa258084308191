package io.brokerbench.bench.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.row.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunRowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(SystemUnderTest.class)
  void everySystemsRowsBelongToItsFamily(SystemUnderTest system) {
    assertEquals(system.family(), RunRows.family(system.label()));
    assertEquals(system.family(), RunRows.family(" " + system.label().toUpperCase() + " "));
  }

  @Test
  void aFootprintRowNamesTheFamilyAndItsModeTheKafka() {
    assertEquals(Family.KAFKA, RunRows.family("kafka"));
    assertEquals(Family.RABBITMQ, RunRows.family("rabbitmq"));
    assertEquals(Family.ZEROMQ, RunRows.family("zeromq"));
    ObjectNode kraft = JSON.createObjectNode().put("system", "kafka").put("mode", "kraft");
    assertEquals("kafka-kraft", RunRows.system(kraft));
    ObjectNode zk = JSON.createObjectNode().put("system", "kafka").put("mode", "zookeeper");
    assertEquals("kafka-zookeeper", RunRows.system(zk));
  }

  @Test
  void aNameNoSuiteWritesHasNoFamily() {
    assertNull(RunRows.family("activemq"));
    assertNull(RunRows.family(""));
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void aRowIsOkOnlyWhenItsStatusIs(Status status) {
    ObjectNode row = JSON.createObjectNode().put("status", status.label());
    assertEquals(Optional.of(status), RunRows.status(row));
    assertEquals(status == Status.OK, RunRows.ok(row), status.label());
  }

  @Test
  void aRowWithoutAStatusMeasuredAndOneWithAnUnknownStatusDidNot() {
    assertTrue(RunRows.ok(JSON.createObjectNode()));
    assertTrue(RunRows.ok(JSON.createObjectNode().put("status", " OK")));
    assertFalse(RunRows.ok(JSON.createObjectNode().put("status", "measured, sort of")));
    assertFalse(
        RunRows.ok(JSON.createObjectNode().put("status", "did not finish in 4 min: waiting")));
  }
}
