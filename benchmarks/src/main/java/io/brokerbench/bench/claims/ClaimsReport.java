package io.brokerbench.bench.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.brokerbench.bench.HtmlReport;
import io.brokerbench.bench.Markdown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The claims part of a run's report: the table of verdicts that opens {@code REPORT.md}, the rules
 * under it, and {@code summary.json}.
 */
public final class ClaimsReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Figures shown in a table cell; the rest are in summary.json. */
  static final int FIGURES_IN_TABLE = 4;

  private final List<ClaimResult> results;
  private final Messages messages;

  public ClaimsReport(List<ClaimResult> results, Messages messages) {
    this.results = List.copyOf(results);
    this.messages = messages;
  }

  public List<ClaimResult> results() {
    return results;
  }

  /**
   * The section, Markdown. {@code report} is the rest of the report: an evidence section is linked
   * when a heading of the report starts with its name, otherwise only its file is named.
   */
  public String markdown(String report) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(messages.get("report.claims.heading")).append("\n\n");
    // At a glance first: each claim's verdict in a line, the deciding figures in the table below.
    md.append(new Glance(results, messages, null).markdown()).append("\n");
    md.append(messages.get("report.claims.intro")).append("\n\n");
    // The bundle holds the header as a table row, so a translator sees the columns in place.
    Markdown.Table table =
        new Markdown.Table()
            .left(
                Arrays.stream(messages.get("report.claims.columns").split("\\|"))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .toList());
    for (ClaimResult result : results) {
      table.row(
          result.id(),
          messages.get("claim." + result.id() + ".text"),
          "**" + messages.get(result.verdict().messageKey()) + "**",
          deciding(result),
          evidence(result.evidence(), report));
    }
    md.append(table).append("\n").append(messages.get("report.summary.note")).append("\n\n");
    md.append("### ").append(messages.get("report.rules.heading")).append("\n\n");
    md.append(messages.get("report.rules.intro")).append("\n\n");
    for (ClaimResult result : results) {
      md.append("- **")
          .append(result.id())
          .append("** ")
          .append(messages.get("claim." + result.id() + ".text"))
          .append(": ")
          .append(messages.get("claim." + result.id() + ".rule"))
          .append("\n");
    }
    md.append("\n");
    return md.toString();
  }

  /** The reason, then the comparisons that decided, up to a few; all are in summary.json. */
  private String deciding(ClaimResult result) {
    List<String> parts = new ArrayList<>();
    parts.add(messages.get(result.reason()));
    List<Comparison> comparisons = result.comparisons();
    for (int i = 0; i < comparisons.size() && i < FIGURES_IN_TABLE; i++) {
      Comparison comparison = comparisons.get(i);
      parts.add(
          comparison.name()
              + " = "
              + messages.format(comparison.value())
              + interval(comparison)
              + " ("
              + messages.get("side." + comparison.side().word())
              + ")");
    }
    if (comparisons.size() > FIGURES_IN_TABLE) {
      parts.add(messages.get("report.figures.more", comparisons.size() - FIGURES_IN_TABLE));
    }
    return String.join("; ", parts);
  }

  private String interval(Comparison comparison) {
    return interval(messages, comparison);
  }

  /** A ratio's interval as the report shows it, " [1.21–2.63]"; nothing for a fact. */
  static String interval(Messages messages, Comparison comparison) {
    if (comparison.low() == null || comparison.high() == null) {
      return "";
    }
    return " ["
        + messages.format(comparison.low())
        + "–"
        + (comparison.high().isInfinite() ? "∞" : messages.format(comparison.high()))
        + "]";
  }

  private String evidence(Evidence evidence, String report) {
    String heading = heading(report, evidence.section());
    String file = "`" + evidence.file() + "`";
    return heading == null ? file : "[" + heading + "](#" + HtmlReport.slug(heading) + "), " + file;
  }

  /**
   * The report's heading for {@code section}, in the report's language: the first {@code ## } or
   * {@code ### } heading that starts with the section's English name or with its translation; null
   * when the report has no such section.
   */
  String heading(String report, String section) {
    String found = heading0(report, section);
    if (found != null) {
      return localized(found);
    }
    return heading0(report, localized(section));
  }

  /**
   * A heading of the suites' sections in the report's language: the bundle's {@code
   * heading.<anchor>} (e.g. {@code heading.latency-under-load}), {@code heading.title} for the
   * report's title and {@code heading.tier} for the tier subsections; unchanged where the language
   * has no translation (English, or a section added later).
   */
  String localized(String heading) {
    String title = "brokerbench run ";
    if (heading.startsWith(title)) {
      return messages
          .find("heading.title")
          .map(t -> t + " " + heading.substring(title.length()))
          .orElse(heading);
    }
    if (heading.startsWith("Tier `")) {
      return messages.find("heading.tier").map(t -> t + heading.substring(4)).orElse(heading);
    }
    return messages.find("heading." + HtmlReport.slug(heading)).orElse(heading);
  }

  /**
   * The words of the report's own lines (profile, machine, wall times, the closing note) and the
   * bundle keys of their translations, longest first where one contains another. Only lines that
   * start with one of the first words are touched; the values (CPU, kernel, JVM) stay as they are.
   */
  private static final List<Map.Entry<String, String>> LINE_WORDS =
      List.of(
          Map.entry("Machine, JVM, limits and every broker's configuration:", "line.environment"),
          Map.entry("Profile `", "line.profile"),
          Map.entry(", revision `", "line.revision"),
          Map.entry("(with uncommitted changes)", "line.dirty"),
          Map.entry("Machine: ", "line.machine"),
          Map.entry(" cores, ", "line.cores"),
          Map.entry("Wall time per suite: ", "line.wallTime"));

  /** The report with the suites' headings and the report's own lines in the report's language. */
  String localizeHeadings(String report) {
    StringBuilder out = new StringBuilder();
    for (String line : report.split("\n", -1)) {
      Matcher heading = Pattern.compile("^(#{1,3} )(.+)$").matcher(line);
      out.append(heading.matches() ? heading.group(1) + localized(heading.group(2)) : words(line));
      out.append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  private String words(String line) {
    if (Stream.of("Profile `", "Machine", "Wall time per suite: ").noneMatch(line::startsWith)) {
      return line;
    }
    String translated = line;
    for (Map.Entry<String, String> word : LINE_WORDS) {
      Optional<String> translation = messages.find(word.getValue());
      if (translation.isPresent()) {
        translated = translated.replace(word.getKey(), translation.get());
      }
    }
    return translated;
  }

  /** The first "## " or "### " heading of the report that starts with {@code section}, or null. */
  private static String heading0(String report, String section) {
    String wanted = section.toLowerCase(Locale.ROOT);
    for (String line : report.split("\n")) {
      String stripped = line.replaceFirst("^#{2,3} ", "");
      if (!stripped.equals(line) && stripped.toLowerCase(Locale.ROOT).startsWith(wanted)) {
        return stripped.trim();
      }
    }
    return null;
  }

  /** {@code summary.json}: the verdicts with the figures that decided them. */
  public String summaryJson(String run, String report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", run);
    json.put("lang", messages.tag());
    json.put(
        "verdictRule",
        "supported: every comparison on the claim's side (for); refuted: every one against;"
            + " nuanced: otherwise; not measured: the rows the rule needs are missing");
    List<Map<String, Object>> claims = new ArrayList<>();
    for (ClaimResult result : results) {
      Map<String, Object> claim = new LinkedHashMap<>();
      claim.put("id", result.id());
      claim.put("claim", messages.get("claim." + result.id() + ".text"));
      claim.put("verdict", result.verdict().word());
      claim.put("rule", messages.get("claim." + result.id() + ".rule"));
      claim.put("reason", messages.get(result.reason()));
      List<Map<String, Object>> comparisons = new ArrayList<>();
      for (Comparison comparison : result.comparisons()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", comparison.name());
        entry.put("value", comparison.value());
        if (comparison.low() != null) {
          entry.put("low", comparison.low());
          entry.put("high", comparison.high());
        }
        entry.put("side", comparison.side().word());
        comparisons.add(entry);
      }
      claim.put("comparisons", comparisons);
      claim.put("figures", result.figures());
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("file", result.evidence().file());
      String heading = heading(report, result.evidence().section());
      evidence.put("section", heading == null ? result.evidence().section() : heading);
      evidence.put("anchor", heading == null ? null : "#" + HtmlReport.slug(heading));
      claim.put("evidence", evidence);
      claims.add(claim);
    }
    json.put("claims", claims);
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write summary.json: " + e.getMessage(), e);
    }
  }

  /** {@code report.html}: the whole report, self-contained, in the report's language. */
  public String html(String report, Path runDir, String run) {
    String title = messages.get("report.html.title", run);
    String firstScreen =
        new Glance(results, messages, RunRows.of(runDir))
            .html(
                title,
                (file, section) -> {
                  String heading = heading(report, section);
                  return heading == null
                      ? null
                      : new String[] {"#" + HtmlReport.slug(heading), heading};
                });
    return HtmlReport.render(
        report,
        runDir,
        title,
        messages.tag(),
        messages.get("report.plots.heading"),
        firstScreen,
        messages.get("glance.full"));
  }

  /**
   * The report with the claims section inserted before its first {@code ## } section (after the
   * title and the environment lines), so the verdicts open it.
   */
  public String insertInto(String english) {
    String section = markdown(english);
    String report = localizeHeadings(english);
    int at = report.indexOf("\n## ");
    if (at < 0) {
      return report + (report.endsWith("\n") ? "\n" : "\n\n") + section;
    }
    return report.substring(0, at + 1) + section + report.substring(at + 1);
  }
}
