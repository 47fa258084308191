package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokerbench.bench.row.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuredTest {

  @Test
  void aProgressLineSaysSkippedForASystemNotAvailableAndFailedForAFailure() {
    assertEquals(
        "skipped: RabbitMQ is not installed",
        Measured.describe(Measured.failed(Status.SKIPPED, "RabbitMQ is not installed")));
    assertEquals(
        "FAILED: the broker died",
        Measured.describe(Measured.failed(Status.FAILED, "the broker died")));
  }

  @Test
  void aMeasuredRoundShowsItsRateAndIterations() {
    Measured round =
        new Measured(1_500, 1_500, List.of(1_000.0, 2_000.0), 3, 10, 0, true, null, Status.OK);
    assertEquals("1,500 msg/s delivered (iterations 1,000, 2,000)", Measured.describe(round));
    assertEquals(2.0 / 3, round.drift(), 1e-9);
  }
}
