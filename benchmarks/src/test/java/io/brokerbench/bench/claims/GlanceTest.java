package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.crash;
import static io.brokerbench.bench.claims.RunFolder.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first screen of report.html and the verdict list atop REPORT.md. */
class GlanceTest {
  private static final String REPORT =
      "# brokerbench run r\n\nProfile `quick`.\n\n## Throughput at matched guarantees\n\nrows\n\n"
          + "## Durability under faults (crash ledger)\n\nrows\n";

  @TempDir Path dir;

  private RunFolder folder() {
    return new RunFolder(dir)
        .write(
            "throughput.json",
            tp("in-memory", "ack", 3_000_000),
            tp("kafka-kraft", "ack", 90_000),
            tp("rabbitmq", "ack", 30_000),
            tp("kafka-kraft", "ack", "1-topic-1-partition-1kb-producer-only", 120_000))
        .write(
            "durability.json",
            crash("kafka-kraft", "durable", "SIGKILL broker, restart", 1, 0, 0),
            crash("rabbitmq", "ack", "SIGKILL node, restart", 1, 200, 0));
  }

  private ClaimsReport claims(String lang) {
    return new ClaimsReport(Claims.evaluate(folder().rows()), Messages.forTag(lang));
  }

  private ClaimsReport throughputOnly() {
    return new ClaimsReport(
        Claims.evaluate(
            new RunFolder(dir)
                .write(
                    "throughput.json", tp("kafka-kraft", "ack", 90_000), tp("rabbitmq", "ack", 1))
                .rows()),
        Messages.english());
  }

  @Test
  void everyClaimHasABadgeWithSignAndWordOnTheFirstScreen() {
    ClaimsReport claims = claims("en");
    String html = claims.html(claims.insertInto(REPORT), dir, "r");
    for (ClaimResult result : claims.results()) {
      Verdict verdict = result.verdict();
      assertTrue(
          html.contains(
              "data-claim=\""
                  + result.id()
                  + "\">\n<p class=\"head\"><span class=\"badge "
                  + verdict.cssClass()
                  + "\" data-verdict=\""
                  + verdict.word()
                  + "\">"
                  + verdict.symbol()
                  + " "
                  + verdict.word()
                  + "</span>"),
          result.id());
      assertTrue(html.contains("href=\"#claim-" + result.id().toLowerCase() + "\""), result.id());
    }
    // The glance comes before the report, which follows under its own heading, once titled.
    assertTrue(html.indexOf("class=\"strip\"") < html.indexOf("id=\"report\""), html);
    assertEquals(1, count(html, "<h1>"), html);
    assertTrue(html.contains("<details><summary>The figures that decided</summary>"), html);
    assertTrue(
        html.contains("<a href=\"#throughput-at-matched-guarantees\">Throughput at matched"), html);
  }

  @Test
  void theChartsAreDrawnFromTheRunsFiles() {
    ClaimsReport claims = claims("en");
    String html = claims.html(claims.insertInto(REPORT), dir, "r");
    assertTrue(html.contains("Delivered messages per second, by guarantee tier"), html);
    // The harness's ceiling is named, not drawn; the widest bar is the fastest system.
    assertTrue(html.contains("(in-memory driver): 3,000,000 msg/s."), html);
    assertTrue(html.contains("kafka-kraft · 1-topic-1-partition-1kb-producer-only"), html);
    assertTrue(html.contains("style=\"width:100.0%\""), html);
    assertTrue(html.contains("style=\"width:25.0%\""), html);
    assertTrue(html.contains("Workload 1-topic-1-partition-1kb, unless a bar names another."));
    assertTrue(html.contains("<span class=\"value\">200 acknowledged, then lost</span>"), html);
    assertTrue(html.contains("<span class=\"value\">nothing lost</span>"), html);
    // No latency or metadata plot in this run: those charts are left out.
    assertFalse(html.contains("p99 latency against the offered rate"), html);
  }

  @Test
  void thePageAsksForNothingOutsideItself() {
    ClaimsReport claims = claims("en");
    String html = claims.html(claims.insertInto(REPORT), dir, "r");
    assertTrue(
        html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " img-src data:; style-src 'unsafe-inline'\">"),
        html);
    assertFalse(html.contains("<script"), html);
    Matcher links = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
    while (links.find()) {
      assertTrue(links.group(1).startsWith("#") || links.group(1).startsWith("data:"), html);
    }
  }

  @Test
  void portugueseOnTheFirstScreenAndAtopReportMd() {
    ClaimsReport claims = claims("pt-BR");
    String report = claims.insertInto(REPORT);
    String html = claims.html(report, dir, "r");
    assertTrue(html.contains("Velocidade: vazão e latência"), html);
    assertTrue(html.contains("data-verdict=\"supported\">✓ confirmada</span>"), html);
    assertTrue(html.contains("Mensagens perdidas, por falha"), html);
    assertTrue(html.contains("<h2 class=\"full\" id=\"report\">O relatório completo</h2>"), html);
    assertTrue(
        report.contains(
            "## Alegações e veredictos\n\n- 🟢 **K1** O Kafka tem alta vazão: **confirmada**."
                + " Todas as comparações da regra (1) ficaram do lado da alegação.\n"),
        report);
  }

  @Test
  void reportMdOpensWithTheVerdictList() {
    String report = throughputOnly().insertInto(REPORT);
    List<String> lines = report.lines().filter(line -> line.startsWith("- ")).toList();
    assertEquals(
        "- 🟢 **K1** Kafka has high throughput: **supported**."
            + " Every comparison the rule made (1) came out on the claim's side.",
        lines.get(0));
    assertTrue(
        report.contains(
            "- ⚪ **K3** Kafka scales out (partitions, consumers): **not measured**. No Kafka"),
        report);
    assertTrue(report.contains("- 🔴 **"), report);
    assertTrue(
        report.contains(
            "- ⚪ **K2** Kafka is durable: **not measured**. durability.json is missing: the"
                + " durability suite did not run.\n"),
        report);
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
