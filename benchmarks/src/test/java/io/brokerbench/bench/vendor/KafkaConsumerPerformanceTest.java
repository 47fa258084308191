package io.brokerbench.bench.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The figure is parsed from ConsumerPerformance's own summary, never typed in. */
class KafkaConsumerPerformanceTest {
  private static final String HEADER =
      "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
          + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

  @Test
  void figureIsTheToolsFetchRateWithoutTheGroupJoin() throws Exception {
    String output =
        String.join(
            "\n",
            "log4j:WARN No appenders could be found",
            HEADER,
            "2026-11-28 03:01:01:000, 2026-11-28 03:01:04:912, 390.6250, 99.8530, 400000,"
                + " 102249.4888, 3405, 507, 770.4635, 788954.6351");

    VendorResult result = KafkaConsumerPerformance.parse(output, 400_000, "cmd");

    assertEquals(788_954.6351, result.msgPerSec(), 1e-6);
    assertEquals("kafka ConsumerPerformance", result.tool());
    assertTrue(result.rawSummary().contains("3405 ms joining the group"), result.rawSummary());
  }

  @Test
  void aRunThatReadLessThanAskedIsAFailureNotAFigure() {
    String output =
        HEADER
            + "\n2026-11-28 03:01:01:000, 2026-11-28 03:01:04:912, 97.6563, 24.9530, 100000,"
            + " 25553.4, 3405, 507, 192.6, 197238.6";
    VendorToolException e =
        assertThrows(
            VendorToolException.class,
            () -> KafkaConsumerPerformance.parse(output, 400_000, "cmd"));
    assertTrue(e.getMessage().contains("100000 of 400000"), e.getMessage());
  }

  @Test
  void aRunThatTimedOutIsAFailureNotAFigure() {
    String output =
        "WARNING: Exiting before consuming the expected number of messages: timeout"
            + " (30000 ms) exceeded. You can use the --timeout option to increase the timeout.\n"
            + HEADER
            + "\n2026-11-28 03:01:01:000, 2026-11-28 03:01:34:912, 97.6563, 2.9530, 100000,"
            + " 2955.4, 3405, 30507, 3.2, 3277.9";
    VendorToolException e =
        assertThrows(
            VendorToolException.class,
            () -> KafkaConsumerPerformance.parse(output, 400_000, "cmd"));
    assertTrue(e.getMessage().contains("400000"), e.getMessage());
  }

  @Test
  void outputWithoutASummaryIsAFailure() {
    assertThrows(
        VendorToolException.class,
        () -> KafkaConsumerPerformance.parse("Exception in thread main", 1, "cmd"));
  }
}
