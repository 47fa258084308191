package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.JsonFields;
import io.brokerbench.bench.row.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the claims read from {@code latency.json} are fields of its rows and searches. */
class LatencyRowTest {
  @Test
  void everyFieldNameTheClaimsReadIsAFieldOfALatencyRow() {
    LatencyRow row =
        LatencyRow.notMeasured(
            "kafka-kraft", "kraft, 1 broker", "ack", 1024, 20_000, "fixed", Status.SATURATED, "x");
    List<String> checked = JsonFields.assertNameFieldsOf(row);
    assertTrue(checked.contains(LatencyRow.P99_US), checked.toString());
  }

  @Test
  void everyFieldNameTheClaimsReadIsAFieldOfASearchRow() {
    SearchRow search =
        SearchRow.of(
            "rabbitmq",
            "1 node, classic queues",
            "ack",
            50_000,
            List.of(new SearchRow.Probe(44_000, 43_900, false, "")),
            40_000,
            44_000,
            "");
    List<String> checked = JsonFields.assertNameFieldsOf(search);
    assertTrue(checked.contains(SearchRow.PROVEN_LOWER_PER_SEC), checked.toString());
  }
}
