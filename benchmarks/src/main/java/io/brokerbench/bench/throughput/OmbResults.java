package io.brokerbench.bench.throughput;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.row.Status;
import io.brokerbench.harness.workload.Workload;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * Each measured throughput row as the OpenMessaging Benchmark (OMB) writes a test's result: one
 * JSON file per system, tier and workload in {@code omb/}, with OMB's field names and units, so
 * that OMB's {@code bin/create_charts.py} draws ours beside anyone's OMB results.
 *
 * <p>Read from the trial's own logs: a "window" of OMB's is one measured iteration of a round (OMB
 * uses 10 s windows), in round order. Rates are messages per second over the window; latencies are
 * in milliseconds, send delays in microseconds, as OMB's. Where a figure means something else here
 * the file says so in its {@code brokerbench} block: the end-to-end latency runs from the
 * <em>intended</em> send time (OMB's from the actual send), a consume rate counts first deliveries
 * only, an unpaced workload's send delay is 0 by definition, and a round counts its failed sends
 * once, so each of its windows gets the round's rate. Not written: {@code backlog} (the harness
 * does not sample it).
 */
final class OmbResults {
  /** The folder in a run that holds the files. */
  static final String FOLDER = "omb";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The percentiles OMB's per-window lists give, by the suffix of their field names. */
  private static final Map<String, Double> PERCENTILES =
      orderedMap("50pct", 50.0, "75pct", 75.0, "95pct", 95.0, "99pct", 99.0, "999pct", 99.9);

  private OmbResults() {}

  /**
   * Writes a file for every measured row of {@code rows} whose trial left its logs in {@code
   * staging}/trials; {@code references} are the workloads the suite ran, by which a row's workload
   * is loaded again for its name and shape. Returns how many it wrote.
   */
  static int write(Path staging, List<ThroughputRow> rows, List<String> references) {
    Path trials = staging.resolve("trials");
    Map<String, String> referenceByLabel = new LinkedHashMap<>();
    references.forEach(ref -> referenceByLabel.put(WorkloadLoader.label(ref), ref));
    int written = 0;
    for (ThroughputRow row : rows) {
      String reference = referenceByLabel.get(row.topology());
      if (row.status() != Status.OK || row.trial().isEmpty() || reference == null) {
        continue;
      }
      List<Path> rounds = rounds(trials, row.trial());
      if (rounds.isEmpty()) {
        continue;
      }
      Workload workload = WorkloadLoader.loadReference(reference).workload();
      Map<String, Object> result = result(row, workload, rounds);
      try {
        Path out = staging.resolve(FOLDER).resolve(row.trial() + ".json");
        Files.createDirectories(out.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
      } catch (IOException e) {
        throw new UncheckedIOException("writing the OMB result of " + row.trial(), e);
      }
      written++;
    }
    return written;
  }

  /** A row's rounds' end-to-end logs, {@code <trial>-r1.hlog} first. */
  private static List<Path> rounds(Path trials, String trial) {
    Pattern round = Pattern.compile(Pattern.quote(trial) + "-r(\\d+)\\.hlog");
    if (!Files.isDirectory(trials)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(trials)) {
      return files
          .filter(file -> round.matcher(file.getFileName().toString()).matches())
          .sorted(Comparator.comparingInt(file -> roundOf(round, file)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + trials, e);
    }
  }

  private static int roundOf(Pattern round, Path file) {
    Matcher matcher = round.matcher(file.getFileName().toString());
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  static Map<String, Object> result(ThroughputRow row, Workload workload, List<Path> rounds) {
    List<Histogram> endToEnd = new ArrayList<>();
    List<Histogram> publish = new ArrayList<>();
    List<Histogram> sendDelay = new ArrayList<>();
    List<Double> errorRate = new ArrayList<>();
    for (Path round : rounds) {
      String base = round.toString().substring(0, round.toString().length() - ".hlog".length());
      List<Histogram> windows = measured(round);
      endToEnd.addAll(windows);
      publish.addAll(measured(Path.of(base + TrialOutput.PUBLISH_LOG)));
      sendDelay.addAll(measured(Path.of(base + TrialOutput.SEND_DELAY_LOG)));
      double seconds = windows.stream().mapToDouble(OmbResults::seconds).sum();
      double failed = failed(Path.of(base + ".delivery.json"));
      windows.forEach(w -> errorRate.add(seconds > 0 ? failed / seconds : 0));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workload", workload.name());
    json.put("driver", row.system() + " " + row.tier());
    json.put("messageSize", workload.messageSize());
    json.put("topics", workload.topics());
    json.put("partitions", workload.partitionsPerTopic());
    json.put("producersPerTopic", workload.producersPerTopic());
    json.put(
        "consumersPerTopic", workload.subscriptionsPerTopic() * workload.consumerPerSubscription());
    json.put("publishRate", perWindow(publish, OmbResults::perSecond));
    json.put("publishErrorRate", errorRate);
    json.put("consumeRate", perWindow(endToEnd, OmbResults::perSecond));
    latencies(json, "publishLatency", publish, 1e6, false);
    boolean paced = workload.producerRate() > 0;
    latencies(json, "publishDelayLatency", paced ? sendDelay : onTime(publish), 1e3, true);
    latencies(json, "endToEndLatency", endToEnd, 1e6, false);
    Map<String, Object> ours = new LinkedHashMap<>();
    ours.put("system", row.system());
    ours.put("mode", row.mode());
    ours.put("tier", row.tier());
    ours.put("trial", row.trial());
    ours.put("rounds", rounds.size());
    ours.put("windows", "one per measured iteration, rounds in order");
    ours.put(
        "differences",
        List.of(
            "endToEndLatency runs from the intended send time (coordinated omission corrected),"
                + " OMB's from the actual send",
            "consumeRate counts first deliveries; duplicates are in the trial's accounting",
            paced
                ? "publishDelayLatency is the actual send behind its paced schedule"
                : "publishDelayLatency is 0: an unpaced workload's sends are due when the window"
                    + " lets them go (the wait at a full window is the row's windowWaitShare)",
            "backlog is not sampled; publishErrorRate is a round's failed sends (its warm-up's"
                + " included) over its measured time, the same in each of its windows"));
    json.put("brokerbench", ours);
    return json;
  }

  /**
   * An unpaced trial's send delays: each send is due the moment the window lets it go, so each
   * window's sends were 0 behind.
   */
  private static List<Histogram> onTime(List<Histogram> publish) {
    List<Histogram> delays = new ArrayList<>();
    for (Histogram window : publish) {
      Histogram zero = new Histogram(3);
      zero.recordValueWithCount(0, Math.max(1, window.getTotalCount()));
      zero.setStartTimeStamp(window.getStartTimeStamp());
      zero.setEndTimeStamp(window.getEndTimeStamp());
      delays.add(zero);
    }
    return delays;
  }

  /** The measurement-tagged intervals of a log; none when it is missing. */
  private static List<Histogram> measured(Path log) {
    List<Histogram> intervals = new ArrayList<>();
    if (!Files.isRegularFile(log)) {
      return intervals;
    }
    try {
      HistogramLogReader reader = new HistogramLogReader(log.toFile());
      try {
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
          if (next instanceof Histogram interval && "measurement".equals(interval.getTag())) {
            intervals.add(interval);
          }
        }
      } finally {
        reader.close();
      }
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("reading " + log, e);
    }
    return intervals;
  }

  private static double seconds(Histogram interval) {
    return (interval.getEndTimeStamp() - interval.getStartTimeStamp()) / 1e3;
  }

  private static double perSecond(Histogram interval) {
    double seconds = seconds(interval);
    return seconds > 0 ? interval.getTotalCount() / seconds : 0;
  }

  private static <T> List<T> perWindow(List<Histogram> windows, Function<Histogram, T> f) {
    return windows.stream().map(f).toList();
  }

  /** The failed sends a round's accounting counted; 0 when it wrote none. */
  private static double failed(Path delivery) {
    if (!Files.isRegularFile(delivery)) {
      return 0;
    }
    try {
      return JSON.readTree(delivery.toFile()).path("failed").asDouble(0);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + delivery, e);
    }
  }

  /**
   * OMB's fields for one latency: per window the mean, percentiles and maximum, then the same of
   * all windows together and the aggregate's quantiles; {@code unit} nanoseconds each.
   */
  private static void latencies(
      Map<String, Object> json, String field, List<Histogram> windows, double unit, boolean whole) {
    json.put(field + "Avg", perWindow(windows, w -> w.getMean() / unit));
    // OMB's send delays are whole microseconds, its latencies fractional milliseconds.
    for (Map.Entry<String, Double> p : PERCENTILES.entrySet()) {
      json.put(
          field + p.getKey(),
          perWindow(windows, w -> value(w.getValueAtPercentile(p.getValue()), unit, whole)));
    }
    json.put(
        field + "9999pct",
        perWindow(windows, w -> value(w.getValueAtPercentile(99.99), unit, whole)));
    json.put(field + "Max", perWindow(windows, w -> value(w.getMaxValue(), unit, whole)));
    Histogram all = new Histogram(3);
    windows.forEach(all::add);
    String aggregated = "aggregated" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    json.put(aggregated + "Avg", all.getTotalCount() > 0 ? all.getMean() / unit : 0.0);
    for (Map.Entry<String, Double> p : PERCENTILES.entrySet()) {
      json.put(aggregated + p.getKey(), value(all.getValueAtPercentile(p.getValue()), unit, whole));
    }
    json.put(aggregated + "9999pct", value(all.getValueAtPercentile(99.99), unit, whole));
    json.put(aggregated + "Max", value(all.getMaxValue(), unit, whole));
    Map<Double, Number> quantiles = new TreeMap<>();
    if (all.getTotalCount() > 0) {
      for (HistogramIterationValue v : all.percentiles(1)) {
        quantiles.put(v.getPercentileLevelIteratedTo(), value(v.getValueIteratedTo(), unit, whole));
      }
    }
    json.put(aggregated + "Quantiles", quantiles);
  }

  /** A value in OMB's unit; send delays are whole microseconds there. */
  private static Number value(long ns, double unit, boolean whole) {
    return whole ? (Number) (long) Math.floor(ns / unit) : (Number) (ns / unit);
  }

  private static Map<String, Double> orderedMap(Object... pairs) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return map;
  }
}
