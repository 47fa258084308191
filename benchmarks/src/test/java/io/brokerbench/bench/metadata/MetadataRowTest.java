package io.brokerbench.bench.metadata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.JsonFields;
import io.brokerbench.bench.row.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the claims read from {@code metadata-scaling.json} are fields of its rows. */
class MetadataRowTest {
  @Test
  void everyFieldNameTheClaimsReadIsAFieldOfAMetadataRow() {
    MetadataRow row =
        MetadataRow.unmeasured(
            "zookeeper", "many-topics", 10_000, 1, 240_000, Status.NOT_RUN, "an earlier point");
    List<String> checked = JsonFields.assertNameFieldsOf(row);
    assertTrue(checked.contains(MetadataRow.CONTROLLER_FAILOVER_MS), checked.toString());
  }
}
