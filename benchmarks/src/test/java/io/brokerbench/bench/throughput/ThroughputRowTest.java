package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.JsonFields;
import io.brokerbench.bench.row.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the claims and {@code bin/compare} read from {@code throughput.json} are fields. */
class ThroughputRowTest {
  @Test
  void everyFieldNameTheClaimsReadIsAFieldOfAThroughputRow() {
    ThroughputRow row =
        ThroughputRow.notOk(
            "kafka-kraft",
            "kraft, 1 broker",
            "ack",
            "1-topic-1-partition-1kb",
            1024,
            Status.FAILED,
            "failed: the broker died");
    List<String> checked = JsonFields.assertNameFieldsOf(row);
    assertTrue(checked.contains(ThroughputRow.MSG_PER_SEC), checked.toString());
    assertTrue(checked.contains(ThroughputRow.HARNESS_BOUND), checked.toString());
  }
}
