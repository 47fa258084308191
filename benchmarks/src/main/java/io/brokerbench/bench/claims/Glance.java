package io.brokerbench.bench.claims;

import static io.brokerbench.bench.HtmlReport.escape;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.HtmlReport;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.throughput.ThroughputRow;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The report at a glance, what a class reads first: every claim's verdict as a badge (colour, sign
 * and word, so that colour is never the only signal), one line in plain words, and one headline
 * chart per group of claims; the figures that decided each verdict fold below it. {@link #html} is
 * the first screen of {@code report.html}, {@link #markdown} the list that opens the claims section
 * of {@code REPORT.md}.
 *
 * <p>The charts are drawn from the run's files, like the verdicts: bars in HTML and CSS for
 * throughput per tier and losses per fault, and the suites' own PNG plots for p99 against rate and
 * metadata time against partitions, embedded as {@code data:} URIs. A chart whose file or plot the
 * run lacks is left out; the claims stay.
 */
public final class Glance {
  /** The groups of claims, in the order the first screen shows them, and their charts. */
  enum Group {
    SPEED(List.of("K1", "R1", "Z1", "K3", "Z4")),
    DURABILITY(List.of("K2", "R2", "Z2", "Z3")),
    METADATA(List.of("K4", "K5")),
    FOOTPRINT(List.of("K6", "R3", "Z5")),
    /** Claims added later and not yet placed in a group. */
    OTHER(List.of());

    final List<String> ids;

    Group(List<String> ids) {
      this.ids = ids;
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The suites' plots that stand as headline charts, by group. */
  static final String LATENCY_PLOT = "latency-vs-throughput.png";

  static final String METADATA_PLOT = "metadata-create-online.png";

  /** The losses chart's fault text is cut here; the full text is the bar's tooltip. */
  private static final int FAULT_CHARS = 48;

  private final List<ClaimResult> results;
  private final Messages messages;
  private final RunRows rows;

  /**
   * @param rows the run's files, for the charts; {@link #markdown} does not read them
   */
  public Glance(List<ClaimResult> results, Messages messages, RunRows rows) {
    this.results = List.copyOf(results);
    this.messages = messages;
    this.rows = rows;
  }

  /**
   * The verdict list for the top of REPORT.md: one line per claim with its coloured circle, id,
   * claim, verdict word and plain-language line.
   */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    for (ClaimResult result : results) {
      md.append("- ")
          .append(result.verdict().emoji())
          .append(" **")
          .append(result.id())
          .append("** ")
          .append(messages.get("claim." + result.id() + ".text"))
          .append(": **")
          .append(messages.get(result.verdict().messageKey()))
          .append("**. ")
          .append(line(result))
          .append("\n");
    }
    return md.toString();
  }

  /**
   * The first screen of report.html: the title, a strip of every claim's badge, then each group of
   * claims with its headline charts and, per claim, its badge, its line and its deciding figures
   * folded in a {@code <details>}.
   *
   * @param anchors the report's section anchor ({@code #throughput-at-matched-guarantees}) and
   *     heading for an evidence section, or null when the report has no such section
   */
  public String html(String title, BiFunction<String, String, String[]> anchors) {
    StringBuilder html = new StringBuilder();
    html.append("<section class=\"glance\">\n<h1>").append(escape(title)).append("</h1>\n");
    html.append("<p class=\"lede\">").append(escape(messages.get("glance.intro"))).append("</p>\n");
    html.append("<nav class=\"strip\" aria-label=\"")
        .append(escape(messages.get("glance.strip")))
        .append("\">\n");
    for (ClaimResult result : results) {
      html.append("<a class=\"badge ")
          .append(result.verdict().cssClass())
          .append("\" href=\"#")
          .append(claimAnchor(result.id()))
          .append("\" title=\"")
          .append(escape(result.id() + ": " + messages.get(result.verdict().messageKey())))
          .append("\">")
          .append(result.verdict().symbol())
          .append(" ")
          .append(result.id())
          .append("</a>\n");
    }
    html.append("</nav>\n<p class=\"legend\">");
    List<String> legend = new ArrayList<>();
    for (Verdict verdict : Verdict.values()) {
      legend.add(
          "<span class=\"badge "
              + verdict.cssClass()
              + "\">"
              + verdict.symbol()
              + " "
              + escape(messages.get(verdict.messageKey()))
              + "</span>");
    }
    html.append(String.join(" ", legend)).append("</p>\n");
    for (Map.Entry<Group, List<ClaimResult>> group : grouped().entrySet()) {
      group(html, group.getKey(), group.getValue(), anchors);
    }
    html.append("</section>\n");
    return html.toString();
  }

  /** The anchor of a claim's card on the first screen, e.g. {@code claim-k1}. */
  public static String claimAnchor(String id) {
    return "claim-" + id.toLowerCase(Locale.ROOT);
  }

  /** The claims by group, in the groups' order; a group with no claim of this run is left out. */
  Map<Group, List<ClaimResult>> grouped() {
    Map<Group, List<ClaimResult>> grouped = new LinkedHashMap<>();
    for (Group group : Group.values()) {
      grouped.put(group, new ArrayList<>());
    }
    for (ClaimResult result : results) {
      Group home = Group.OTHER;
      for (Group group : Group.values()) {
        if (group.ids.contains(result.id())) {
          home = group;
        }
      }
      grouped.get(home).add(result);
    }
    grouped.values().removeIf(List::isEmpty);
    return grouped;
  }

  private void group(
      StringBuilder html,
      Group group,
      List<ClaimResult> claims,
      BiFunction<String, String, String[]> anchors) {
    html.append("<section class=\"group\" id=\"glance-")
        .append(group.key())
        .append("\">\n<h2>")
        .append(escape(messages.get("glance.group." + group.key())))
        .append("</h2>\n");
    html.append("<ul class=\"claims\">\n");
    for (ClaimResult result : claims) {
      card(html, result, anchors);
    }
    html.append("</ul>\n");
    List<String> charts = charts(group);
    if (!charts.isEmpty()) {
      html.append("<div class=\"charts\">\n");
      charts.forEach(html::append);
      html.append("</div>\n");
    }
    html.append("</section>\n");
  }

  private void card(
      StringBuilder html, ClaimResult result, BiFunction<String, String, String[]> anchors) {
    Verdict verdict = result.verdict();
    html.append("<li class=\"claim\" id=\"")
        .append(claimAnchor(result.id()))
        .append("\" data-claim=\"")
        .append(escape(result.id()))
        .append("\">\n<p class=\"head\"><span class=\"badge ")
        .append(verdict.cssClass())
        .append("\" data-verdict=\"")
        .append(escape(verdict.word()))
        .append("\">")
        .append(verdict.symbol())
        .append(" ")
        .append(escape(messages.get(verdict.messageKey())))
        .append("</span> <strong>")
        .append(escape(result.id()))
        .append("</strong> ")
        .append(escape(messages.get("claim." + result.id() + ".text")))
        .append("</p>\n<p class=\"why\">")
        .append(escape(line(result)))
        .append("</p>\n<details><summary>")
        .append(escape(messages.get("glance.figures")))
        .append("</summary>\n<ul>\n");
    for (Comparison comparison : result.comparisons()) {
      html.append("<li>")
          .append(escape(comparison.name()))
          .append(" = <b>")
          .append(escape(messages.format(comparison.value())))
          .append("</b>")
          .append(escape(interval(comparison)))
          .append(" <span class=\"side side-")
          .append(comparison.side().word())
          .append("\">")
          .append(escape(messages.get("side." + comparison.side().word())))
          .append("</span></li>\n");
    }
    if (result.comparisons().isEmpty()) {
      html.append("<li>").append(escape(messages.get(result.reason()))).append("</li>\n");
    }
    html.append("</ul>\n<p class=\"evidence\">")
        .append(escape(messages.get("glance.evidence")))
        .append(" ");
    String[] section = anchors.apply(result.evidence().file(), result.evidence().section());
    if (section != null) {
      html.append("<a href=\"")
          .append(escape(section[0]))
          .append("\">")
          .append(escape(section[1]))
          .append("</a>, ");
    }
    html.append("<code>")
        .append(escape(result.evidence().file()))
        .append("</code></p>\n</details>\n</li>\n");
  }

  /**
   * The verdict in one plain sentence: how many comparisons fell on each side, or, when nothing was
   * measured, what was missing.
   */
  String line(ClaimResult result) {
    if (result.verdict() == Verdict.NOT_MEASURED) {
      // A sentence: capitalized, unless it opens with a file's name (throughput.json is missing).
      String reason = messages.get(result.reason());
      boolean file = reason.split(" ", 2)[0].contains(".");
      return reason.isEmpty() || file
          ? reason + "."
          : reason.substring(0, 1).toUpperCase(messages.locale()) + reason.substring(1) + ".";
    }
    int forClaim = 0;
    int against = 0;
    int between = 0;
    for (Comparison comparison : result.comparisons()) {
      switch (comparison.side()) {
        case FOR -> forClaim++;
        case AGAINST -> against++;
        case BETWEEN -> between++;
      }
    }
    return switch (result.verdict()) {
      case SUPPORTED -> messages.get("glance.line.supported", forClaim);
      case REFUTED -> messages.get("glance.line.refuted", against);
      default -> messages.get("glance.line.nuanced", forClaim, against, between);
    };
  }

  private String interval(Comparison comparison) {
    return ClaimsReport.interval(messages, comparison);
  }

  // ---- the headline charts ----

  private List<String> charts(Group group) {
    List<String> charts = new ArrayList<>();
    switch (group) {
      case SPEED -> {
        add(charts, throughputChart());
        add(charts, plot(LATENCY_PLOT, "glance.chart.latency"));
      }
      case DURABILITY -> add(charts, lossesChart());
      case METADATA -> add(charts, plot(METADATA_PLOT, "glance.chart.metadata"));
      default -> {}
    }
    return charts;
  }

  private static void add(List<String> charts, String chart) {
    if (chart != null) {
      charts.add(chart);
    }
  }

  /** A bar of a chart: its label, its value as text, its length and its colour class. */
  record Bar(String label, String title, String value, double length, String kind) {}

  /**
   * Delivered msg/s of every measured row, grouped by tier; the in-memory driver, the harness's own
   * ceiling, is named under the chart rather than drawn (it would flatten every other bar).
   */
  String throughputChart() {
    List<JsonNode> all = rows.rows("throughput.json").orElse(List.of());
    Map<String, List<JsonNode>> byTier = new LinkedHashMap<>();
    for (GuaranteeTier tier : GuaranteeTier.values()) {
      byTier.put(tier.key(), new ArrayList<>());
    }
    Double ceiling = null;
    Map<String, Integer> topologies = new LinkedHashMap<>();
    for (JsonNode row : all) {
      Double msgPerSec = RunRows.number(row, ThroughputRow.MSG_PER_SEC);
      if (!RunRows.ok(row) || msgPerSec == null || msgPerSec <= 0) {
        continue;
      }
      if (RunRows.family(RunRows.system(row)) == Family.IN_MEMORY) {
        ceiling = ceiling == null ? msgPerSec : Math.max(ceiling, msgPerSec);
        continue;
      }
      byTier
          .computeIfAbsent(RunRows.text(row, ThroughputRow.TIER), t -> new ArrayList<>())
          .add(row);
      topologies.merge(RunRows.text(row, ThroughputRow.TOPOLOGY), 1, Integer::sum);
    }
    double max =
        byTier.values().stream()
            .flatMap(List::stream)
            .mapToDouble(row -> RunRows.number(row, ThroughputRow.MSG_PER_SEC))
            .max()
            .orElse(0);
    if (max <= 0) {
      return null;
    }
    // The workload most rows ran is said once under the chart; a bar names only another one.
    String usual =
        topologies.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    StringBuilder bars = new StringBuilder();
    for (Map.Entry<String, List<JsonNode>> tier : byTier.entrySet()) {
      if (tier.getValue().isEmpty()) {
        continue;
      }
      bars.append("<p class=\"tier\">")
          .append(escape(messages.get("glance.tier", tier.getKey())))
          .append("</p>\n");
      for (JsonNode row : tier.getValue()) {
        double msgPerSec = RunRows.number(row, ThroughputRow.MSG_PER_SEC);
        String label = RunRows.system(row);
        String topology = RunRows.text(row, ThroughputRow.TOPOLOGY);
        if (!topology.equals(usual)) {
          label += " · " + topology;
        }
        bars(
            bars,
            new Bar(
                label,
                label + " " + topology,
                messages.get("glance.msgPerSec", Math.round(msgPerSec)),
                msgPerSec / max,
                familyClass(row)));
      }
    }
    String note =
        ceiling == null
            ? ""
            : "<p class=\"note\">"
                + escape(messages.get("glance.ceiling", Math.round(ceiling)))
                + "</p>\n";
    return figure(
        "glance.chart.throughput",
        "<div class=\"bars\">\n"
            + bars
            + "</div>\n"
            + "<p class=\"note\">"
            + escape(messages.get("glance.workload", usual))
            + "</p>\n"
            + note);
  }

  /**
   * Messages lost in each fault run of the crash ledger: acknowledged and then lost (the durability
   * claims' measure) in one colour, never acknowledged in another, nothing lost as an empty bar
   * with its zero.
   */
  String lossesChart() {
    List<JsonNode> measured =
        rows.rows(DurabilityClaims.FILE).orElse(List.of()).stream().filter(RunRows::ok).toList();
    if (measured.isEmpty()) {
      return null;
    }
    double max = 0;
    for (JsonNode row : measured) {
      max =
          Math.max(
              max, lost(row, DurabilityRow.ACKED_LOST) + lost(row, DurabilityRow.UNACKED_LOST));
    }
    StringBuilder bars = new StringBuilder();
    for (JsonNode row : measured) {
      double acked = lost(row, DurabilityRow.ACKED_LOST);
      double unacked = lost(row, DurabilityRow.UNACKED_LOST);
      String fault = RunRows.text(row, DurabilityRow.FAULT);
      String shortFault =
          fault.length() > FAULT_CHARS ? fault.substring(0, FAULT_CHARS - 1) + "…" : fault;
      String label =
          RunRows.system(row) + " · " + RunRows.text(row, DurabilityRow.TIER) + " · " + shortFault;
      String value;
      String kind;
      if (acked > 0) {
        value = messages.get("glance.lost.acked", Math.round(acked));
        kind = "lost-acked";
      } else if (unacked > 0) {
        value = messages.get("glance.lost.unacked", Math.round(unacked));
        kind = "lost-unacked";
      } else {
        value = messages.get("glance.lost.none");
        kind = "lost-none";
      }
      double length = max <= 0 ? 0 : (acked + unacked) / max;
      bars(bars, new Bar(label, RunRows.system(row) + " " + fault, value, length, kind));
    }
    return figure("glance.chart.losses", "<div class=\"bars\">\n" + bars + "</div>\n");
  }

  private static double lost(JsonNode row, String field) {
    Double value = RunRows.number(row, field);
    return value == null ? 0 : value;
  }

  private static String familyClass(JsonNode row) {
    Family family = RunRows.family(RunRows.system(row));
    return family == null ? "sys-other" : "sys-" + family.label();
  }

  private static void bars(StringBuilder html, Bar bar) {
    // The length is a width in per cent of the track: a style attribute, which the page's
    // content security policy allows ('unsafe-inline' styles), no script.
    html.append("<div class=\"bar\"><span class=\"label\" title=\"")
        .append(escape(bar.title()))
        .append("\">")
        .append(escape(bar.label()))
        .append("</span><span class=\"track\"><span class=\"fill ")
        .append(bar.kind())
        .append("\" style=\"width:")
        .append(String.format(Locale.ROOT, "%.1f", Math.max(0, Math.min(1, bar.length())) * 100))
        .append("%\"></span></span><span class=\"value\">")
        .append(escape(bar.value()))
        .append("</span></div>\n");
  }

  /** A suite's PNG plot of the run folder as a chart, or null when the run has none. */
  private String plot(String png, String captionKey) {
    Path file = rows.dir().resolve(png);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    return figure(
        captionKey,
        "<img src=\""
            + HtmlReport.dataUri(file)
            + "\" alt=\""
            + escape(messages.get(captionKey))
            + "\">\n");
  }

  private String figure(String captionKey, String body) {
    return "<figure class=\"chart\">\n<figcaption>"
        + escape(messages.get(captionKey))
        + "</figcaption>\n"
        + body
        + "</figure>\n";
  }
}
