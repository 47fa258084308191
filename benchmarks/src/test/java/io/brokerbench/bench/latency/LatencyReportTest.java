package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.harness.rig.Arrivals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyReportTest {
  private static final LatencySettings QUICK =
      LatencySettings.forProfile(Profile.QUICK, Arrivals.FIXED_RATE);

  private static LatencyRow ok(String system, String tier, int rate, double p99Us) {
    boolean acks = !tier.equals("none");
    return new LatencyRow(
        system,
        "mode",
        tier,
        1024,
        rate,
        false,
        "fixed",
        Status.OK,
        "",
        rate * 0.999,
        false,
        2,
        rate * 6L,
        p99Us / 10,
        p99Us / 3,
        p99Us,
        p99Us * 2,
        p99Us * 5,
        p99Us * 0.9,
        p99Us * 1.1,
        p99Us / 11,
        p99Us / 9,
        true,
        system.equals("zeromq") && rate <= 5_000,
        acks ? p99Us / 20 : null,
        acks ? p99Us / 4 : null,
        acks ? p99Us / 2 : null,
        acks ? p99Us : null,
        acks ? p99Us * 3 : null,
        4.2,
        80.0,
        0,
        0.0,
        2,
        0.0,
        0.4,
        "latency/" + TierSweep.pointName(system, tier, rate) + ".hlog");
  }

  private static List<LatencyRow> rows() {
    return List.of(
        ok("zeromq", "none", 1_000, 85),
        ok("zeromq", "none", 5_000, 120),
        ok("zeromq", "none", 180_000, 2_400).asSearched(),
        ok("rabbitmq", "durable", 1_000, 4_500),
        ok("rabbitmq", "durable", 5_000, 12_000),
        new LatencyRow(
            "rabbitmq",
            "mode",
            "durable",
            1024,
            20_000,
            false,
            "fixed",
            Status.SATURATED,
            "repeat 1: delivered 9,870 msg/s, below 95% of the target 20,000 msg/s",
            9_870,
            true,
            1,
            20_000,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            350_000.0,
            900_000.0,
            1,
            12.0,
            3,
            0.0,
            100.2,
            "latency/rabbitmq-durable-20000.hlog"),
        LatencyRow.notMeasured(
            "zeromq",
            "brokerless",
            "ack",
            1024,
            0,
            "fixed",
            Status.NOT_OFFERED,
            "zeromq has no ack"));
  }

  @Test
  void theTableShowsSustainedFiguresSaturatedRowsWithoutLatencyAndWhy() {
    String md =
        LatencyTable.markdown(
            QUICK, rows(), List.of(), List.of("latency-spectrum.png", "latency-spectrum.svg"), "");
    assertTrue(md.contains("## Latency under load"), md);
    assertTrue(md.contains("### Tier `none`"), md);
    assertTrue(
        md.contains(
            "| zeromq | mode | 180,000 *highest* | 179,820 | 240 µs (218 µs–267 µs) | 800 µs |"
                + " 2.40 ms (2.16 ms–2.64 ms) | 4.80 ms | 12.0 ms | 4.2 µs | |"),
        md);
    assertTrue(
        md.contains(
            "| zeromq | mode | 5,000 | 4,995 | 12.0 µs (10.9 µs–13.3 µs) | 40.0 µs |"
                + " 120 µs (108 µs–132 µs) | 240 µs | 600 µs | 4.2 µs | at the harness floor |"),
        md);
    assertTrue(
        md.contains(
            "| rabbitmq | mode | 5,000 | 4,995 | 1.20 ms (1.09 ms–1.33 ms) | 4.00 ms |"
                + " 12.0 ms (10.8 ms–13.2 ms) | 24.0 ms | 60.0 ms | 600 µs | 6.00 ms | 4.2 µs | |"),
        md);
    assertTrue(md.contains("throughput suite's `.hlog` files are closed-loop"), md);
    assertTrue(
        md.contains("| rabbitmq | mode | 20,000 | 9,870 | saturated | | | | | | | 350 ms | |"), md);
    assertTrue(
        md.contains(
            "- rabbitmq, durable, 20,000 msg/s: repeat 1: delivered 9,870 msg/s, below 95% of"
                + " the target 20,000 msg/s"),
        md);
    assertTrue(md.contains("| zeromq | mode |  | | not offered |") || md.contains("not offered"));
    assertTrue(md.contains("![End-to-end latency by percentile at 5,000 msg/s]"), md);
    assertFalse(md.contains("latency-vs-throughput.png"), "only the plots that were drawn");
    assertFalse(md.contains("### Tier `ack`\n\n| zeromq | mode | | | not offered"), md);
  }

  @Test
  void remarksNameTheHarnessFloorAndRepeatsThatDisagree() {
    assertEquals("at the harness floor", LatencyTable.remarks(ok("zeromq", "none", 1_000, 85)));
    assertEquals("the harness floor", LatencyTable.remarks(ok("in-memory", "ack", 1_000, 40)));
    assertEquals("", LatencyTable.remarks(ok("kafka-kraft", "ack", 1_000, 4_000)));
    LatencyRow disagreeing = ok("kafka-kraft", "durable", 5_000, 40_000);
    disagreeing =
        new LatencyRow(
            disagreeing.system(),
            disagreeing.mode(),
            disagreeing.tier(),
            disagreeing.messageBytes(),
            disagreeing.targetPerSec(),
            false,
            "fixed",
            Status.OK,
            "",
            4_990,
            false,
            3,
            30_000,
            2_400.0,
            9_000.0,
            40_000.0,
            70_000.0,
            75_000.0,
            9_700.0,
            74_700.0,
            2_300.0,
            2_500.0,
            LatencyRow.agree(9_700.0, 74_700.0),
            false,
            null,
            null,
            null,
            null,
            null,
            30.0,
            900.0,
            2,
            31.0,
            7,
            0.0,
            98.3,
            "");
    assertFalse(disagreeing.repeatsAgree());
    assertTrue(
        LatencyTable.remarks(disagreeing)
            .startsWith(
                "repeats disagree (p99 7.7x apart); tail within the machine's holds: its p99"
                    + " ranks nothing; tail p99 17x p50 coincided with"),
        LatencyTable.remarks(disagreeing));
    assertEquals(
        "tail p99 17x p50 coincided with 2 GC pauses of the bench JVM (longest 31 ms),"
            + " a run queue of up to 7 on 2 cores, a ready thread kept off the cores for up to 98"
            + " ms",
        disagreeing.tailAttribution(2));
    assertEquals(
        "tail p99 17x p50 coincided with 2 GC pauses of the bench JVM (longest 31 ms),"
            + " a ready thread kept off the cores for up to 98 ms",
        disagreeing.tailAttribution(8),
        "7 runnable threads on 8 cores waited for none");
    assertEquals("", ok("kafka-kraft", "ack", 1_000, 4_000).tailAttribution(2), "p99 10x p50");
    assertTrue(LatencyRow.agree(10_000.0, 30_000.0), "3x is the bound, inclusive");
    assertFalse(LatencyRow.agree(10_000.0, 30_100.0));
  }

  @Test
  void theSearchStatesWhatItProvedAndItsBracketWhenItDidNotConverge() {
    assertEquals(
        "highest sustained 40,000 msg/s (saturated at 44,000)",
        LatencyTable.bracket(search(40_000, 44_000)));
    assertEquals(
        "highest sustained between 20,000 and 40,000 msg/s (not converged)",
        LatencyTable.bracket(search(20_000, 40_000)));
    assertEquals(
        "highest sustained at least 20,000 msg/s (nothing found saturated: not converged)",
        LatencyTable.bracket(search(20_000, 0)));
    assertEquals(
        "no rate proven sustained (saturated at 1,000 msg/s)",
        LatencyTable.bracket(search(0, 1_000)));
    assertTrue(search(40_000, 44_000).converged());
    assertFalse(search(40_000, 44_100).converged());
    assertEquals(40_000, search(40_000, 44_000).highestSustainedPerSec());
  }

  private static SearchRow search(int proven, int bracketHigh) {
    return SearchRow.of("kafka-kraft", "mode", "ack", 50_000, List.of(), proven, bracketHigh, "");
  }

  @Test
  void timesReadAsAPersonWouldWriteThem() {
    assertEquals("4.2 µs", LatencyTable.time(4.21));
    assertEquals("850 µs", LatencyTable.time(850.0));
    assertEquals("1.23 ms", LatencyTable.time(1_234.0));
    assertEquals("45.7 ms", LatencyTable.time(45_678.0));
    assertEquals("457 ms", LatencyTable.time(456_789.0));
    assertEquals("1.50 s", LatencyTable.time(1_500_000.0));
    assertEquals("", LatencyTable.time(null));
  }

  @Test
  void bothPlotsAreWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
    Map<String, Histogram> spectra = new LinkedHashMap<>();
    spectra.put("zeromq none", histogram(50_000, 80_000, 2_000_000));
    spectra.put("rabbitmq durable", histogram(2_000_000, 9_000_000, 40_000_000));
    List<String> written = LatencyPlots.write(dir, rows(), spectra, 5_000);
    assertEquals(
        List.of(
            "latency-spectrum.png",
            "latency-spectrum.svg",
            "latency-vs-throughput.png",
            "latency-vs-throughput.svg"),
        written);
    for (String name : written) {
      byte[] bytes = Files.readAllBytes(dir.resolve(name));
      assertTrue(bytes.length > 1_000, name + " has " + bytes.length + " bytes");
      if (name.endsWith(".png")) {
        assertArrayEquals(
            new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), name + " is a PNG");
      } else {
        assertTrue(
            new String(bytes, 0, 200).contains("<svg") || new String(bytes).contains("<svg"));
      }
    }
  }

  @Test
  void plotsWithNothingToShowSaySo(@TempDir Path dir) throws Exception {
    List<String> written = LatencyPlots.write(dir, List.of(), Map.of(), 5_000);
    assertEquals(4, written.size());
  }

  @Test
  void percentileAxisLabels() {
    assertEquals("0%", LatencyPlots.percentileLabel(1));
    assertEquals("90%", LatencyPlots.percentileLabel(10));
    assertEquals("99%", LatencyPlots.percentileLabel(100));
    assertEquals("99.9%", LatencyPlots.percentileLabel(1_000));
    assertEquals("99.99%", LatencyPlots.percentileLabel(10_000));
    assertEquals("10k", LatencyPlots.rateLabel(10_000));
    assertEquals("1M", LatencyPlots.rateLabel(1_000_000));
  }

  /** 99% near {@code typicalNs}, 0.9% near {@code tailNs}, a few at {@code maxNs}. */
  private static Histogram histogram(long typicalNs, long tailNs, long maxNs) {
    Histogram histogram = new Histogram(3);
    for (int i = 0; i < 10_000; i++) {
      long value = i < 9_900 ? typicalNs + i : i < 9_990 ? tailNs + i : maxNs - i;
      histogram.recordValue(value);
    }
    return histogram;
  }
}
