package io.brokerbench.bench.startup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.JsonFields;
import io.brokerbench.bench.row.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the claims read from {@code startup.json} are fields of its rows. */
class StartupRowTest {
  @Test
  void everyFieldNameTheClaimsReadIsAFieldOfAStartupRow() {
    StartupRow row =
        new StartupRow("rabbitmq", "1 node", 1, Status.OK, "", 7, 8_400, 100, 100, 100, 120, 2_300);
    List<String> checked = JsonFields.assertNameFieldsOf(row);
    assertTrue(checked.contains(StartupRow.READ_BACK), checked.toString());
  }
}
