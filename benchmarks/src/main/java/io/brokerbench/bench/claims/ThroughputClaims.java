package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claims decided by speed: K1 (Kafka has high throughput), R1 (RabbitMQ is slow), Z1 (ZeroMQ is
 * fast, low latency), K3 (Kafka scales out) and Z4 (ZeroMQ's M x N problem), from {@code
 * throughput.json} and {@code latency.json}.
 *
 * <p>The margins are the same everywhere: one system is called faster only when it is at least 1.5x
 * the other, and slower only below 0.5x (or 1/1.5 = 0.67x where the rule is the mirror of K1's).
 * Two cores shared by broker, clients and harness make smaller differences unsafe to call. And a
 * ratio counts only when its whole interval clears the margin (measurement rule 7): the interval of
 * the per-round ratios where the systems ran in the same interleaved rounds, else the conservative
 * one from each side's slowest and fastest measurement ({@link Estimate}). A row the suite found
 * harness-bound or unsettled decides nothing and is named beside the verdict.
 */
final class ThroughputClaims {
  static final String THROUGHPUT = "throughput.json";
  static final String LATENCY = "latency.json";
  static final Evidence THROUGHPUT_EVIDENCE =
      new Evidence(THROUGHPUT, "Throughput at matched guarantees");
  static final Evidence LATENCY_EVIDENCE = new Evidence(LATENCY, "Latency under load");

  /** A harness ceiling below this multiple of a system's figure may be what limited the system. */
  static final double CEILING_MARGIN = 2.0;

  private ThroughputClaims() {}

  /**
   * One ok throughput row that may decide a verdict.
   *
   * @param rate delivered msg/s with its spread: per interleaved round where the run measured
   *     rounds, else the slowest and fastest measurement iteration
   * @param connections the TCP connections its workload had open, 0 when not counted
   */
  record Tp(
      String system, String tier, String topology, int bytes, Estimate rate, int connections) {
    /** A row whose figure has no measured spread (tests, and rows of runs without one). */
    Tp(String system, String tier, String topology, int bytes, double msgPerSec, int connections) {
      this(system, tier, topology, bytes, Estimate.exact(msgPerSec), connections);
    }

    double msgPerSec() {
      return rate.value();
    }

    String where() {
      return tier + " " + topology;
    }

    boolean matches(Tp other) {
      return tier.equals(other.tier) && topology.equals(other.topology) && bytes == other.bytes;
    }
  }

  /**
   * The ok rows that may decide a verdict: a row the run found limited by the harness's own
   * in-flight window ({@code harnessBound}) or not steady over its measurement ({@code unsettled})
   * measured something else than the system, and is left out (see {@link #setAside}).
   */
  static List<Tp> throughput(List<JsonNode> rows) {
    List<Tp> list = new ArrayList<>();
    for (JsonNode row : rows) {
      Double msgPerSec = number(row, "msgPerSec");
      if (!RunRows.ok(row) || msgPerSec == null || msgPerSec <= 0 || setAside(row) != null) {
        continue;
      }
      Double bytes = number(row, "messageBytes");
      Double connections = number(row, "connections");
      list.add(
          new Tp(
              RunRows.system(row),
              text(row, "tier"),
              text(row, "topology"),
              bytes == null ? 0 : bytes.intValue(),
              rate(row, msgPerSec),
              connections == null ? 0 : connections.intValue()));
    }
    return list;
  }

  /** Why an ok row may not decide a verdict ("harness-bound", "unsettled"), or null. */
  static String setAside(JsonNode row) {
    if (row.path("harnessBound").asBoolean(false)) {
      return "harness-bound";
    }
    if (row.path("unsettled").asBoolean(false)) {
      return "unsettled";
    }
    return null;
  }

  /** The ok rows left out of the verdicts, each named with why: beside the verdicts they skip. */
  private static void noteSetAside(List<JsonNode> rows, Tally tally) {
    List<String> names = new ArrayList<>();
    for (JsonNode row : rows) {
      String why = RunRows.ok(row) ? setAside(row) : null;
      if (why != null) {
        names.add(
            RunRows.system(row)
                + " "
                + text(row, "tier")
                + " "
                + text(row, "topology")
                + ": "
                + why);
      }
    }
    if (!names.isEmpty()) {
      tally.note("rows set aside", String.join("; ", names));
    }
  }

  /**
   * A row's delivered msg/s with its spread: its per-round figures ({@code rounds}) where it has
   * them, and its slowest and fastest measurement iteration in any case.
   */
  private static Estimate rate(JsonNode row, double msgPerSec) {
    Double min = number(row, "minPerSec");
    Double max = number(row, "maxPerSec");
    double low = min == null || min <= 0 ? msgPerSec : min;
    double high = max == null || max <= 0 ? msgPerSec : max;
    JsonNode rounds = row.get("rounds");
    double[] perRound = new double[0];
    if (rounds != null && rounds.isArray()) {
      perRound = new double[rounds.size()];
      for (int i = 0; i < rounds.size(); i++) {
        perRound[i] = rounds.get(i).asDouble();
      }
    }
    return Estimate.ofRounds(msgPerSec, low, high, perRound);
  }

  private static List<Tp> ofFamily(List<Tp> rows, String family) {
    return rows.stream().filter(row -> family(row.system()).equals(family)).toList();
  }

  /**
   * ZeroMQ as the claims mean it: brokerless, producers connected straight to consumers. The rows
   * of ZeroMQ through a proxy ({@code zeromq-proxy}) are the remedy Z4 reports beside its verdict,
   * not the ZeroMQ that Z1 and Z4 judge.
   */
  private static List<Tp> brokerlessZeroMq(List<Tp> rows) {
    return ofFamily(rows, "zeromq").stream().filter(row -> !proxied(row)).toList();
  }

  private static boolean proxied(Tp row) {
    return row.system().contains("proxy");
  }

  /** The rows of ZeroMQ through a proxy with {@code row}'s tier, workload and size. */
  private static List<Tp> proxiedTwins(List<Tp> all, Tp row) {
    return ofFamily(all, "zeromq").stream()
        .filter(proxy -> proxied(proxy) && proxy.matches(row))
        .toList();
  }

  // ---- K1 ----

  static ClaimResult k1(RunRows run) {
    String id = "K1";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    List<Tp> all = throughput(rows.get());
    List<Tp> kafka = ofFamily(all, "kafka");
    List<Tp> rabbit = ofFamily(all, "rabbitmq");
    if (kafka.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noRows", "Kafka", THROUGHPUT));
    }
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    for (Tp k : kafka) {
      for (Tp r : rabbit) {
        if (k.matches(r)) {
          tally.figure(k.where() + ": " + k.system() + " msg/s", k.msgPerSec(), 0);
          tally.figure(k.where() + ": " + r.system() + " msg/s", r.msgPerSec(), 0);
          Estimate ratio = k.rate().over(r.rate());
          tally.compare(
              k.where() + ": " + k.system() + "/" + r.system(),
              ratio,
              Tally.atLeast(ratio, 1.5, 1.0));
        }
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noMatch", "RabbitMQ", "Kafka", THROUGHPUT));
    }
    ceiling(all, kafka, tally);
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  /**
   * Where the in-memory driver (the harness's own ceiling) ran the same workload at less than
   * {@link #CEILING_MARGIN} times a system's figure, the harness may have been the limit: that
   * comparison counts as between, so the verdict can be no stronger than nuanced.
   */
  private static void ceiling(List<Tp> all, List<Tp> systems, Tally tally) {
    for (Tp harness : ofFamily(all, "inmemory")) {
      for (Tp row : systems) {
        if (harness.topology().equals(row.topology()) && harness.bytes() == row.bytes()) {
          Estimate ratio = harness.rate().over(row.rate());
          if (ratio.low() < CEILING_MARGIN) {
            tally.compare(
                row.where() + ": harness ceiling/" + row.system(), ratio, Comparison.Side.BETWEEN);
          }
        }
      }
    }
  }

  // ---- R1 ----

  static ClaimResult r1(RunRows run) {
    String id = "R1";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    Optional<List<JsonNode>> latency = run.rows(LATENCY);
    if (rows.isEmpty() && latency.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    List<Tp> all = throughput(rows.orElse(List.of()));
    for (Tp r : ofFamily(all, "rabbitmq")) {
      for (Tp k : ofFamily(all, "kafka")) {
        if (r.matches(k)) {
          Estimate ratio = r.rate().over(k.rate());
          tally.figure(r.where() + ": " + r.system() + " msg/s", r.msgPerSec(), 0);
          tally.figure(r.where() + ": " + k.system() + " msg/s", k.msgPerSec(), 0);
          tally.compare(
              r.where() + ": " + r.system() + "/" + k.system(),
              ratio,
              Tally.atMost(ratio, 0.5, 1 / 1.5));
        }
      }
    }
    latency.ifPresent(
        lat -> compareLatency(run, lat, "rabbitmq", "kafka", List.of(), false, tally));
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id,
          THROUGHPUT_EVIDENCE,
          Message.of("reason.noMatch", "RabbitMQ", "Kafka", THROUGHPUT + ", " + LATENCY));
    }
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  // ---- Z1 ----

  static ClaimResult z1(RunRows run) {
    String id = "Z1";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    Optional<List<JsonNode>> latency = run.rows(LATENCY);
    if (rows.isEmpty() && latency.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    List<Tp> all = throughput(rows.orElse(List.of()));
    List<Tp> zeromq = brokerlessZeroMq(all);
    for (Tp z : zeromq) {
      for (Tp b : all) {
        String family = family(b.system());
        if ((family.equals("kafka") || family.equals("rabbitmq")) && z.matches(b)) {
          Estimate ratio = z.rate().over(b.rate());
          tally.figure(z.where() + ": " + z.system() + " msg/s", z.msgPerSec(), 0);
          tally.figure(z.where() + ": " + b.system() + " msg/s", b.msgPerSec(), 0);
          tally.compare(
              z.where() + ": " + z.system() + "/" + b.system(),
              ratio,
              Tally.atLeast(ratio, 2.0, 1.0));
        }
      }
    }
    latency.ifPresent(
        lat -> compareLatency(run, lat, "zeromq", "kafka", List.of("rabbitmq"), true, tally));
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id,
          THROUGHPUT_EVIDENCE,
          Message.of("reason.noMatch", "ZeroMQ", "Kafka/RabbitMQ", THROUGHPUT + ", " + LATENCY));
    }
    ceiling(all, zeromq, tally);
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  /**
   * Latency comparisons of {@code subject} with each system of the other families, per tier: the
   * highest rate each sustained and the p99 at the highest target rate both sustained. For R1
   * ({@code fast == false}) the subject is slow when its highest rate is below 0.5x (against at
   * 0.67x or more) or its p99 at least 2x (against at 1.5x or less); for Z1 ({@code fast == true})
   * it is fast when its highest rate is at least 2x (against at 1x or less) and its p99 at most
   * 0.5x (against at 1x or more).
   *
   * <p>Each side counts only when the whole interval clears it. A highest sustained rate is known
   * between the highest rate measured as sustained (its proven lower bound) and the lowest measured
   * as saturated (unbounded when none was), so a ratio of two is between the lower bound of one
   * over the upper bound of the other and the reverse. A p99 is known between its lowest and
   * highest repeat; a point whose repeats disagree ({@code repeatsAgree: false}) counts as between,
   * and two points that both sit at the harness's own floor ({@code atHarnessFloor}) are not
   * compared: the harness, not the systems, set both.
   */
  private static void compareLatency(
      RunRows run,
      List<JsonNode> rows,
      String subject,
      String otherFamily,
      List<String> moreFamilies,
      boolean fast,
      Tally tally) {
    List<String> others = new ArrayList<>(moreFamilies);
    others.add(0, otherFamily);
    Map<String, Estimate> highest = highestSustained(run, rows);
    // (system, tier, bytes, rate) -> an ok (sustained) row
    Map<String, JsonNode> points = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      Double value = number(row, "p99Us");
      Double rate = number(row, "targetPerSec");
      if (RunRows.ok(row) && value != null && rate != null && rate > 0) {
        points.putIfAbsent(
            RunRows.system(row)
                + "|"
                + text(row, "tier")
                + "|"
                + text(row, "messageBytes")
                + "|"
                + rate.longValue(),
            row);
      }
    }
    for (String a : highest.keySet()) {
      String[] as = a.split("\\|");
      if (!family(as[0]).equals(subject)) {
        continue;
      }
      for (String b : highest.keySet()) {
        String[] bs = b.split("\\|");
        if (!others.contains(family(bs[0])) || !as[1].equals(bs[1])) {
          continue;
        }
        String tier = as[1];
        Estimate ratio = highest.get(a).over(highest.get(b));
        tally.figure(tier + ": " + as[0] + " highest sustained msg/s", highest.get(a).value(), 0);
        tally.figure(tier + ": " + bs[0] + " highest sustained msg/s", highest.get(b).value(), 0);
        tally.compare(
            tier + ": highest sustained " + as[0] + "/" + bs[0],
            ratio,
            fast ? Tally.atLeast(ratio, 2.0, 1.0) : Tally.atMost(ratio, 0.5, 1 / 1.5));
        comparePercentile(points, as[0], bs[0], tier, fast, tally);
      }
    }
  }

  /** The p99 comparison of two systems at the highest target rate both sustained, one size. */
  private static void comparePercentile(
      Map<String, JsonNode> points,
      String systemA,
      String systemB,
      String tier,
      boolean fast,
      Tally tally) {
    long bestRate = -1;
    JsonNode bestA = null;
    JsonNode bestB = null;
    for (Map.Entry<String, JsonNode> pa : points.entrySet()) {
      String[] ka = pa.getKey().split("\\|");
      if (!ka[0].equals(systemA) || !ka[1].equals(tier)) {
        continue;
      }
      String keyB = systemB + "|" + tier + "|" + ka[2] + "|" + ka[3];
      long rate = Long.parseLong(ka[3]);
      if (points.containsKey(keyB) && rate > bestRate) {
        bestRate = rate;
        bestA = pa.getValue();
        bestB = points.get(keyB);
      }
    }
    if (bestA == null) {
      return;
    }
    String at = tier + " at " + bestRate + " msg/s: ";
    if (atFloor(bestA) && atFloor(bestB)) {
      tally.note(at + "p99 " + systemA + "/" + systemB, "both at the harness floor, not compared");
      return;
    }
    Estimate pa = p99(bestA);
    Estimate pb = p99(bestB);
    Estimate ratio = pa.over(pb);
    tally.figure(at + systemA + " p99 µs", pa.value(), 1);
    tally.figure(at + systemB + " p99 µs", pb.value(), 1);
    Comparison.Side side = fast ? Tally.atMost(ratio, 0.5, 1.0) : Tally.atLeast(ratio, 2.0, 1.5);
    if (!agrees(bestA) || !agrees(bestB)) {
      side = Comparison.Side.BETWEEN; // a point whose repeats disagree decides nothing
    }
    tally.compare(at + "p99 " + systemA + "/" + systemB, ratio, side);
  }

  private static boolean atFloor(JsonNode row) {
    return row.path("atHarnessFloor").asBoolean(false);
  }

  private static boolean agrees(JsonNode row) {
    return row.path("repeatsAgree").asBoolean(true);
  }

  /** A point's p99 with the spread of its repeats. */
  private static Estimate p99(JsonNode row) {
    double p99 = number(row, "p99Us");
    Double min = number(row, "p99MinUs");
    Double max = number(row, "p99MaxUs");
    return Estimate.between(p99, min == null ? p99 : min, max == null ? p99 : max);
  }

  /**
   * (system|tier) to the highest rate it sustained, known between its proven lower bound (the
   * highest rate measured as sustained: a search's {@code provenLowerPerSec} or {@code
   * highestSustainedPerSec}, or the highest target rate of an ok row) and the lowest rate measured
   * as saturated above it (a search's {@code bracketHighPerSec} or a saturated row), unbounded when
   * nothing above it saturated.
   */
  private static Map<String, Estimate> highestSustained(RunRows run, List<JsonNode> rows) {
    Map<String, Double> lower = new LinkedHashMap<>();
    Map<String, Double> upper = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      Double rate = number(row, "targetPerSec");
      if (rate == null || rate <= 0) {
        continue;
      }
      String key = RunRows.system(row) + "|" + text(row, "tier");
      if (RunRows.ok(row)) {
        lower.merge(key, rate, Math::max);
      } else if ("saturated".equals(text(row, "status"))) {
        upper.merge(key, rate, Math::min);
      }
    }
    run.document(LATENCY)
        .map(doc -> doc.get("searches"))
        .filter(JsonNode::isArray)
        .ifPresent(
            searches ->
                searches.forEach(
                    search -> {
                      String key = RunRows.system(search) + "|" + text(search, "tier");
                      Double proven = number(search, "provenLowerPerSec");
                      Double rate =
                          proven != null ? proven : number(search, "highestSustainedPerSec");
                      if (rate != null && rate > 0) {
                        lower.merge(key, rate, Math::max);
                      }
                      Double bracket = number(search, "bracketHighPerSec");
                      if (bracket != null && bracket > 0) {
                        upper.merge(key, bracket, Math::min);
                      }
                    }));
    Map<String, Estimate> highest = new LinkedHashMap<>();
    lower.forEach(
        (key, low) -> {
          Double high = upper.get(key);
          double top = high == null || high <= low ? Double.POSITIVE_INFINITY : high;
          highest.put(key, new Estimate(low, low, top, new double[0]));
        });
    return highest;
  }

  // ---- K3 ----

  private static final Pattern PARTITIONS = Pattern.compile("(\\d+)-partitions?");
  private static final Pattern CONSUMERS = Pattern.compile("(\\d+)-consumers?");

  static ClaimResult k3(RunRows run) {
    String id = "K3";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    List<Tp> kafka = ofFamily(throughput(rows.get()), "kafka");
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    for (Pattern pattern : List.of(PARTITIONS, CONSUMERS)) {
      for (Tp wide : kafka) {
        int n = count(pattern, wide.topology());
        if (n <= 1) {
          continue;
        }
        for (Tp one : kafka) {
          if (singleTwin(one, wide, pattern)) {
            Estimate ratio = wide.rate().over(one.rate());
            tally.figure(one.where() + ": " + one.system() + " msg/s", one.msgPerSec(), 0);
            tally.figure(wide.where() + ": " + wide.system() + " msg/s", wide.msgPerSec(), 0);
            tally.compare(
                wide.tier() + " " + wide.system() + ": " + wide.topology() + "/" + one.topology(),
                ratio,
                Tally.atLeast(ratio, 1.5, 1.1));
          }
        }
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noScaleRows", THROUGHPUT));
    }
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  /** The number in the pattern's segment, 1 when the name has no such segment. */
  static int count(Pattern pattern, String topology) {
    Matcher matcher = pattern.matcher(topology);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 1;
  }

  /** The name with the pattern's segment taken out: what else the workload is. */
  static String shape(Pattern pattern, String topology) {
    return pattern.matcher(topology).replaceAll("").replaceAll("--+", "-");
  }

  // ---- Z4 ----

  private static final Pattern PRODUCERS = Pattern.compile("(\\d+)-producers?");
  private static final Pattern SUBSCRIPTIONS = Pattern.compile("(\\d+)-subscriptions?");

  static ClaimResult z4(RunRows run) {
    String id = "Z4";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    List<Tp> all = throughput(rows.get());
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    for (Pattern pattern : List.of(PRODUCERS, SUBSCRIPTIONS)) {
      for (Tp zWide : brokerlessZeroMq(all)) {
        if (count(pattern, zWide.topology()) <= 1) {
          continue;
        }
        Estimate zScale = scaling(all, zWide, pattern);
        if (zScale == null) {
          continue;
        }
        for (Tp bWide : all) {
          String family = family(bWide.system());
          if (!(family.equals("kafka") || family.equals("rabbitmq")) || !bWide.matches(zWide)) {
            continue;
          }
          Estimate bScale = scaling(all, bWide, pattern);
          if (bScale == null) {
            continue;
          }
          Estimate ratio = zScale.over(bScale);
          String twin = twin(pattern);
          tally.figure(zWide.where() + ": " + zWide.system() + " " + twin, zScale.value(), 2);
          tally.figure(zWide.where() + ": " + bWide.system() + " " + twin, bScale.value(), 2);
          tally.compare(
              zWide.where() + ": " + zWide.system() + "/" + bWide.system() + " " + twin,
              ratio,
              Tally.atMost(ratio, 0.5, 1.0));
        }
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noFanRows", THROUGHPUT));
    }
    meshConnections(all, tally);
    connectionsAndProxy(all, tally);
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  /**
   * The M x N itself: where a workload has several producers and several subscriptions, the TCP
   * connections brokerless ZeroMQ had open over those of ZeroMQ through its proxy (M + N) on the
   * same workload: on the claim's side at 1.5x or more, against at 1.0x or less. With a single
   * producer or subscription the mesh needs no more connections than a proxy, so only M and N both
   * above 1 are judged.
   */
  private static void meshConnections(List<Tp> all, Tally tally) {
    for (Tp mesh : brokerlessZeroMq(all)) {
      if (count(PRODUCERS, mesh.topology()) <= 1
          || count(SUBSCRIPTIONS, mesh.topology()) <= 1
          || mesh.connections() <= 0) {
        continue;
      }
      for (Tp proxy : proxiedTwins(all, mesh)) {
        if (proxy.connections() > 0) {
          double ratio = (double) mesh.connections() / proxy.connections();
          tally.compare(
              mesh.where() + ": " + mesh.system() + "/" + proxy.system() + " connections",
              ratio,
              Tally.atLeast(ratio, 1.5, 1.0));
        }
      }
    }
  }

  /**
   * Beside Z4's verdict: for every many-producer or many-subscription workload ZeroMQ ran, the TCP
   * connections each system's workload had open (the mesh's {@code M x N} against one per client of
   * the proxy and the brokers), and how ZeroMQ through its proxy scaled from its own one-to-one
   * figure.
   */
  private static void connectionsAndProxy(List<Tp> all, Tally tally) {
    for (Tp zWide : brokerlessZeroMq(all)) {
      if (count(PRODUCERS, zWide.topology()) <= 1 && count(SUBSCRIPTIONS, zWide.topology()) <= 1) {
        continue;
      }
      for (Tp row : all) {
        if (row.matches(zWide)
            && row.connections() > 0
            && !family(row.system()).equals("inmemory")) {
          tally.figure(zWide.where() + ": " + row.system() + " connections", row.connections(), 0);
        }
      }
      for (Tp proxy : proxiedTwins(all, zWide)) {
        for (Pattern pattern : List.of(PRODUCERS, SUBSCRIPTIONS)) {
          Estimate scale =
              count(pattern, proxy.topology()) > 1 ? scaling(all, proxy, pattern) : null;
          if (scale != null) {
            tally.figure(
                proxy.where() + ": " + proxy.system() + " " + twin(pattern), scale.value(), 2);
          }
        }
      }
    }
  }

  /**
   * How a scaling figure is named: the wide workload over its twin of one producer or subscription.
   */
  private static String twin(Pattern pattern) {
    return pattern == PRODUCERS ? "over 1 producer" : "over 1 subscription";
  }

  /** msg/s of the wide workload over the same system's single-producer/subscription workload. */
  private static Estimate scaling(List<Tp> all, Tp wide, Pattern pattern) {
    for (Tp one : all) {
      if (singleTwin(one, wide, pattern) && delivered(one)) {
        return wide.rate().over(one.rate());
      }
    }
    return null;
  }

  /**
   * Whether a row measured messages going through the broker end to end. A producer-only row
   * measured what the broker acknowledged with nobody reading, a consumer-only row how fast a
   * consumer read a topic filled beforehand with nobody sending: each times one side alone, for the
   * parity with Kafka's own tools, and is no twin of a workload that delivers.
   */
  static boolean delivered(Tp row) {
    return !row.topology().endsWith("-producer-only") && !row.topology().endsWith("-consumer-only");
  }

  /**
   * Whether {@code one} is {@code wide}'s workload with a single producer, subscription, partition
   * or consumer (the pattern's segment) and otherwise the same: system, tier, size and shape.
   */
  private static boolean singleTwin(Tp one, Tp wide, Pattern pattern) {
    return one.system().equals(wide.system())
        && one.tier().equals(wide.tier())
        && one.bytes() == wide.bytes()
        && count(pattern, one.topology()) == 1
        && shape(pattern, one.topology()).equals(shape(pattern, wide.topology()));
  }
}
