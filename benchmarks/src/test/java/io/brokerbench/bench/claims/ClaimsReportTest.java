package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claims table in REPORT.md, summary.json, and the report in Brazilian Portuguese. */
class ClaimsReportTest {
  private static final String REPORT =
      "# brokerbench run r\n\nProfile `quick`.\n\n## Throughput at matched guarantees\n\nrows\n";

  @TempDir Path dir;

  private List<ClaimResult> results() {
    RunRows rows =
        new RunFolder(dir)
            .write(
                "throughput.json", tp("kafka-kraft", "ack", 90_000), tp("rabbitmq", "ack", 30_000))
            .rows();
    return Claims.evaluate(rows);
  }

  @Test
  void everyClaimOfTheDesignTableHasAVerdictInOrder() {
    List<String> ids = results().stream().map(ClaimResult::id).toList();
    assertEquals(
        List.of("K1", "K2", "K3", "K4", "K5", "K6", "R1", "R2", "R3", "Z1", "Z2", "Z3", "Z4", "Z5"),
        ids);
  }

  @Test
  void theClaimsTableOpensTheReportAndLinksItsEvidence() {
    String report = new ClaimsReport(results(), Messages.english()).insertInto(REPORT);
    int claims = report.indexOf("## Claims and verdicts");
    assertTrue(claims > 0 && claims < report.indexOf("## Throughput"), report);
    assertTrue(report.startsWith("# brokerbench run r\n\nProfile `quick`.\n"), report);
    assertTrue(
        report.contains(
            "| K1 | Kafka has high throughput | **supported** | 1 of 1 comparisons on the"
                + " claim's side, 0 against, 0 between the thresholds; ack"
                + " 1-topic-1-partition-1kb: kafka-kraft/rabbitmq = 3 (for) |"
                + " [Throughput at matched guarantees](#throughput-at-matched-guarantees),"
                + " `throughput.json` |"),
        report);
    assertTrue(
        report.contains(
            "| K2 | Kafka is durable | **not measured** | durability.json is missing: the"
                + " durability suite did not run | `durability.json` |"),
        report);
    assertTrue(report.contains("- **K1** Kafka has high throughput: For each tier"), report);
  }

  @Test
  void summaryJsonHoldsVerdictsRulesComparisonsAndEvidence() throws Exception {
    ClaimsReport claims = new ClaimsReport(results(), Messages.english());
    String report = claims.insertInto(REPORT);
    JsonNode summary = new ObjectMapper().readTree(claims.summaryJson("r", report));
    assertEquals("r", summary.get("run").asText());
    assertEquals("en", summary.get("lang").asText());
    assertEquals(14, summary.get("claims").size());
    JsonNode k1 = summary.get("claims").get(0);
    assertEquals("K1", k1.get("id").asText());
    assertEquals("Kafka has high throughput", k1.get("claim").asText());
    assertEquals("supported", k1.get("verdict").asText());
    assertTrue(k1.get("rule").asText().contains("1.5x or more"));
    JsonNode comparison = k1.get("comparisons").get(0);
    assertEquals(
        "ack 1-topic-1-partition-1kb: kafka-kraft/rabbitmq", comparison.get("name").asText());
    assertEquals(3.0, comparison.get("value").asDouble());
    assertEquals("for", comparison.get("side").asText());
    assertEquals(
        90_000, k1.get("figures").get("ack 1-topic-1-partition-1kb: kafka-kraft msg/s").asLong());
    assertEquals("throughput.json", k1.get("evidence").get("file").asText());
    assertEquals("#throughput-at-matched-guarantees", k1.get("evidence").get("anchor").asText());
    JsonNode k2 = summary.get("claims").get(1);
    assertEquals("not measured", k2.get("verdict").asText());
    assertEquals(
        "durability.json is missing: the durability suite did not run", k2.get("reason").asText());
    assertTrue(k2.get("evidence").get("anchor").isNull());
  }

  @Test
  void brazilianPortugueseWritesHeadingsClaimsVerdictsAndRules() {
    ClaimsReport claims = new ClaimsReport(results(), Messages.forTag("pt-BR"));
    String report = claims.insertInto(REPORT);
    assertTrue(report.contains("## Alegações e veredictos"), report);
    assertTrue(report.contains("| K1 | O Kafka tem alta vazão | **confirmada** |"), report);
    assertTrue(report.contains("**não medida**"), report);
    assertTrue(report.contains("durability.json não existe: a suíte durability não rodou"));
    assertTrue(report.contains("### Regras"), report);
    assertTrue(report.contains("do lado da alegação a partir de 1,5x"), report);
    assertFalse(report.contains("Claims and verdicts"), report);
  }

  @Test
  void brazilianPortugueseTranslatesTheSuitesHeadingsAndLinksThem() throws Exception {
    ClaimsReport claims = new ClaimsReport(results(), Messages.forTag("pt-BR"));
    String report = claims.insertInto(REPORT + "\n### Tier `ack`\n\n## A section added later\n");
    assertTrue(report.startsWith("# Execução do brokerbench r\n"), report);
    assertTrue(report.contains("\n## Vazão com garantias equivalentes\n"), report);
    assertTrue(report.contains("\n### Nível `ack`\n"), report);
    assertTrue(report.contains("\n## A section added later\n"), report);
    assertTrue(
        report.contains(
            "[Vazão com garantias equivalentes](#vazão-com-garantias-equivalentes),"
                + " `throughput.json`"),
        report);
    JsonNode k1 = new ObjectMapper().readTree(claims.summaryJson("r", report)).get("claims").get(0);
    assertEquals("#vazão-com-garantias-equivalentes", k1.get("evidence").get("anchor").asText());
  }

  @Test
  void k5LinksTheMetadataSectionInBothLanguages() {
    String withMetadata = REPORT + "\n## ZooKeeper vs KRaft: metadata as partitions grow\n\nrows\n";
    String english = new ClaimsReport(results(), Messages.english()).insertInto(withMetadata);
    assertTrue(
        english.contains(
            "[ZooKeeper vs KRaft: metadata as partitions grow]"
                + "(#zookeeper-vs-kraft-metadata-as-partitions-grow), `metadata-scaling.json`"),
        english);
    String portuguese =
        new ClaimsReport(results(), Messages.forTag("pt-BR")).insertInto(withMetadata);
    assertTrue(
        portuguese.contains(
            "(#zookeeper-contra-kraft-metadados-conforme-as-partições-crescem),"
                + " `metadata-scaling.json`"),
        portuguese);
  }

  @Test
  void brazilianPortugueseTranslatesTheLinesUnderTheTitle() {
    String header =
        "# brokerbench run r\n\nProfile `quick`, revision `abc` (with uncommitted changes).\n\n"
            + "Machine: AMD EPYC, 2 cores, 23.5 GiB; Debian, kernel 6.1; JVM OpenJDK 17.\n\n"
            + "Wall time per suite: startup 0:59.\n\n## Throughput at matched guarantees\n\nrows\n"
            + "\nMachine, JVM, limits and every broker's configuration: `environment.json`.\n";
    String report = new ClaimsReport(results(), Messages.forTag("pt-BR")).insertInto(header);
    assertTrue(
        report.contains("Perfil `quick`, revisão `abc` (com mudanças não registradas)."), report);
    assertTrue(
        report.contains("Máquina: AMD EPYC, 2 núcleos, 23.5 GiB; Debian, kernel 6.1;"), report);
    assertTrue(report.contains("Tempo de cada suíte: startup 0:59."), report);
    assertTrue(report.contains("Máquina, JVM, limites e a configuração de cada broker:"), report);
    String english = new ClaimsReport(results(), Messages.english()).insertInto(header);
    assertTrue(english.contains("Profile `quick`, revision `abc`"), english);
  }

  @Test
  void everyKeyOfTheEnglishBundleIsTranslated() throws Exception {
    java.util.Properties en = load("claims.properties");
    java.util.Properties pt = load("claims_pt_BR.properties");
    assertTrue(pt.stringPropertyNames().containsAll(en.stringPropertyNames()));
    for (Claims.Claim claim : Claims.ALL) {
      assertTrue(en.containsKey("claim." + claim.id() + ".rule"), claim.id());
    }
  }

  private static java.util.Properties load(String name) throws Exception {
    java.util.Properties properties = new java.util.Properties();
    try (var in = ClaimsReportTest.class.getResourceAsStream(name);
        var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  @Test
  void languagesAreParsedLeniently() {
    assertEquals("pt-BR", Messages.forTag("pt_br").tag());
    assertEquals("en", Messages.forTag("").tag());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Messages.forTag("fr"));
    assertEquals("bench.lang: unknown language 'fr'; expected one of [en, pt-BR]", e.getMessage());
  }

  @Test
  void numbersAreWrittenTheLanguagesWay() {
    assertEquals("1,234.5", Messages.english().format(1234.5));
    assertEquals("1.234,5", Messages.forTag("pt-BR").format(1234.5));
  }
}
