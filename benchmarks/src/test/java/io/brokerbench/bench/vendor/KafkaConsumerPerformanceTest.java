package io.brokerbench.bench.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The figure is parsed from ConsumerPerformance's own lines, never typed in. */
class KafkaConsumerPerformanceTest {
  private static final String HEADER =
      "time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
          + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

  @Test
  void figureIsTheRateAfterTheFirstWindow() throws Exception {
    String output =
        String.join(
            "\n",
            "log4j:WARN No appenders could be found",
            HEADER,
            "2026-11-28 03:01:01:000, 0, 97.6563, 97.6563, 100000, 100000.0000, 412, 588,"
                + " 166.0821, 170068.0272",
            "2026-11-28 03:01:02:000, 0, 292.9688, 195.3125, 300000, 200000.0000, 0, 1000,"
                + " 195.3125, 200000.0000",
            "2026-11-28 03:01:03:500, 0, 585.9375, 195.3125, 600000, 200000.0000, 0, 1500,"
                + " 195.3125, 200000.0000");
    VendorResult result = KafkaConsumerPerformance.parse(output, 650_000, "cmd");
    // 500,000 messages between the end of the first window and the end of the last, in 2.5 s.
    assertEquals(200_000, result.msgPerSec(), 1e-6);
    assertEquals("kafka ConsumerPerformance", result.tool());
    assertTrue(result.rawSummary().contains("2 windows after the first"), result.rawSummary());
  }

  @Test
  void aRunOfOneWindowGivesThatWindow() throws Exception {
    String output =
        HEADER + "\n2026-11-28 03:01:01:000, 0, 97.6563, 97.6563, 100000, 123456.5000, 412, 588";
    assertEquals(
        123_456.5, KafkaConsumerPerformance.parse(output, 100_000, "cmd").msgPerSec(), 1e-6);
  }

  @Test
  void aRunThatTimedOutIsAFailureNotAFigure() {
    String output =
        HEADER
            + "\n2026-11-28 03:01:01:000, 0, 97.6563, 97.6563, 100000, 100000.0000, 412, 588"
            + "\nWARNING: Exiting before consuming the expected number of messages: timeout"
            + " (30000 ms) exceeded. You can use the --timeout option to increase the timeout.";
    VendorToolException e =
        assertThrows(
            VendorToolException.class,
            () -> KafkaConsumerPerformance.parse(output, 400_000, "cmd"));
    assertTrue(e.getMessage().contains("400000"), e.getMessage());
  }

  @Test
  void outputWithoutProgressLinesIsAFailure() {
    assertThrows(
        VendorToolException.class,
        () -> KafkaConsumerPerformance.parse("Exception in thread main", 1, "cmd"));
  }
}
