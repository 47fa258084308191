package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.crash;
import static io.brokerbench.bench.claims.RunFolder.lat;
import static io.brokerbench.bench.claims.RunFolder.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.HtmlReport;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens {@code report.html} in a real browser, headless Chromium, as a class would: the page must
 * load without a console error (a content security policy refusal is one), every image must decode,
 * and every claim must carry a verdict badge. A screenshot of the first screen is saved next to the
 * report ({@value HtmlReport#SCREENSHOT}), to look at.
 *
 * <p>The report is, by default, rendered here from a small run folder of the claims' test rows (in
 * {@code target/report-in-browser/run}); {@code -Dbrokerbench.report.run=DIR} tests a real run's
 * {@code report.html} instead, as CI does after its smoke run. Without Chromium the test is
 * skipped, or fails with {@code -Dbrokerbench.require.chromium=true} (CI).
 *
 * <p>How: Chromium runs twice, once with {@code --dump-dom} on a copy of the page into which a
 * small probe script is written (the copy's policy allows that one script; the report itself has
 * none), and once with {@code --screenshot} on the page itself. The probe records errors from the
 * first line of the page on, checks the images and badges once the page has loaded, and writes its
 * findings into the DOM that {@code --dump-dom} prints. Chromium's own log of console messages
 * ({@code --enable-logging=stderr}) is read too: the page logs nothing when all is well.
 */
class ReportInBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A generous bound for one Chromium start on two shared cores; it takes 1-3 s. */
  private static final long BROWSER_TIMEOUT_S = 90;

  private static final String PROBE =
      """
      <script>(function () {
        var errors = [];
        var consoleError = console.error;
        console.error = function () {
          errors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
          consoleError.apply(console, arguments);
        };
        window.addEventListener('error', function (e) {
          var t = e.target;
          errors.push(t && t !== window && t.tagName
              ? 'cannot load a ' + t.tagName + ' element' : 'error: ' + e.message);
        }, true);
        window.addEventListener('unhandledrejection', function (e) {
          errors.push('unhandled rejection: ' + e.reason);
        });
        document.addEventListener('securitypolicyviolation', function (e) {
          errors.push('refused by the content security policy ('
              + e.violatedDirective + '): ' + e.blockedURI);
        });
        window.addEventListener('load', function () {
          var problems = [];
          var images = document.images;
          for (var i = 0; i < images.length; i++) {
            if (!images[i].complete || images[i].naturalWidth === 0) {
              problems.push('broken image ' + (i + 1) + ' of ' + images.length
                  + ' (alt "' + images[i].alt + '")');
            }
          }
          var claims = document.querySelectorAll('[data-claim]');
          for (var j = 0; j < claims.length; j++) {
            if (!claims[j].querySelector('.badge[data-verdict]')) {
              problems.push('claim ' + claims[j].getAttribute('data-claim')
                  + ' has no verdict badge');
            }
          }
          var out = document.createElement('pre');
          out.id = 'brokerbench-probe';
          out.textContent = JSON.stringify({claims: claims.length,
              strip: document.querySelectorAll('.strip .badge').length,
              images: images.length, errors: errors, problems: problems});
          document.body.appendChild(out);
        });
      })();</script>
      """;

  @TempDir Path scratch;

  @Test
  void theReportOpensCleanlyInChromiumWithABadgeOnEveryClaim() throws Exception {
    Path chromium = chromium();
    String run = System.getProperty("brokerbench.report.run", "").trim();
    Path runDir = run.isEmpty() ? fixture() : Path.of(run).toAbsolutePath().normalize();
    Path report = runDir.resolve("report.html");
    assertTrue(Files.isRegularFile(report), "no report.html in " + runDir);

    Path probe = scratch.resolve("probe.html");
    Files.writeString(probe, withProbe(Files.readString(report)));
    Result dom = browse(chromium, "--dump-dom", probe);
    JsonNode found = probeResult(dom.out(), dom.err());

    List<String> problems = new ArrayList<>();
    found.get("errors").forEach(error -> problems.add(error.asText()));
    found.get("problems").forEach(problem -> problems.add(problem.asText()));
    dom.err()
        .lines()
        .filter(line -> line.contains(":CONSOLE"))
        .forEach(line -> problems.add("console: " + line.replaceFirst("^\\[[^\\]]*\\] ", "")));
    int claims = found.get("claims").asInt();
    int expected = expectedClaims(runDir);
    if (claims != expected) {
      problems.add(
          "the page shows "
              + claims
              + " claims with a card, the run has "
              + expected
              + " (a report.html written before the first screen had badges has none)");
    }
    if (found.get("strip").asInt() != expected) {
      problems.add(
          "the strip shows " + found.get("strip").asInt() + " badges for " + expected + " claims");
    }

    Path screenshot = runDir.resolve(HtmlReport.SCREENSHOT);
    browse(chromium, "--screenshot=" + screenshot, report, "--window-size=1280,2000");
    assertTrue(
        Files.isRegularFile(screenshot) && Files.size(screenshot) > 0, "no screenshot written");

    if (!problems.isEmpty()) {
      fail(report + " in Chromium:\n  " + String.join("\n  ", problems));
    }
  }

  /** Chromium on the PATH, or the test skipped (failed when Chromium is required). */
  private static Path chromium() {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(Path.of(dir)::resolve))
            .filter(Files::isExecutable)
            .findFirst();
    String missing =
        "Chromium is not installed, so report.html was not opened in a browser;"
            + " install it with `sudo apt-get install chromium`";
    if (found.isEmpty() && Boolean.getBoolean("brokerbench.require.chromium")) {
      fail(missing + " (-Dbrokerbench.require.chromium=true)");
    }
    Assumptions.assumeTrue(found.isPresent(), missing);
    return found.get();
  }

  /**
   * A run folder rendered from the claims' test rows, with a plot, in Brazilian Portuguese (the
   * class's language, and the one whose accents a wrong encoding would break).
   */
  private static Path fixture() throws IOException {
    Path dir = Path.of("target", "report-in-browser", "run").toAbsolutePath();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(dir);
    RunRows rows =
        new RunFolder(dir)
            .write(
                "throughput.json",
                tp("in-memory", "none", 3_000_000),
                tp("kafka-kraft", "none", 90_000),
                tp("rabbitmq", "none", 45_000),
                tp("zeromq", "none", 400_000),
                tp("kafka-kraft", "durable", 12_000),
                tp("rabbitmq", "durable", 18_000))
            .write(
                "latency.json",
                lat("kafka-kraft", "none", 1000, 4_000),
                lat("zeromq", "none", 1000, 300))
            .write(
                "durability.json",
                crash("kafka-kraft", "durable", "SIGKILL broker, restart", 1, 0, 0),
                crash("rabbitmq", "ack", "SIGKILL node, restart", 1, 200, 0),
                crash("zeromq", "none", "SIGKILL consumer, restart", 2, 0, 300))
            .rows();
    BufferedImage plot = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    plot.getGraphics().setColor(Color.WHITE);
    plot.getGraphics().fillRect(0, 0, 64, 48);
    ImageIO.write(plot, "png", dir.resolve(Glance.LATENCY_PLOT).toFile());
    ClaimsReport claims = new ClaimsReport(Claims.evaluate(rows), Messages.forTag("pt-BR"));
    String report =
        claims.insertInto(
            "# brokerbench run fixture\n\nProfile `smoke`.\n\n"
                + "## Throughput at matched guarantees\n\nrows\n\n"
                + "## Latency under load\n\n![p99](latency-vs-throughput.png)\n\n"
                + "## Durability under faults (crash ledger)\n\nrows\n");
    Files.writeString(dir.resolve("REPORT.md"), report);
    Files.writeString(dir.resolve("summary.json"), claims.summaryJson("fixture", report));
    Files.writeString(dir.resolve("report.html"), claims.html(report, dir, "fixture"));
    return dir;
  }

  /** The claims the run has: summary.json's, or every claim of the table without one. */
  private static int expectedClaims(Path runDir) throws IOException {
    Path summary = runDir.resolve("summary.json");
    if (!Files.isRegularFile(summary)) {
      return Claims.ALL.size();
    }
    return JSON.readTree(summary.toFile()).get("claims").size();
  }

  /** The page with the probe as its first script; its policy allows inline scripts, no more. */
  static String withProbe(String html) {
    String policy = "style-src 'unsafe-inline'";
    int at = html.indexOf(policy);
    assertTrue(
        at > 0,
        "report.html has no content security policy with "
            + policy
            + ": written by a brokerbench older than its first screen?");
    return html.substring(0, at)
        + policy
        + "; script-src 'unsafe-inline'"
        + html.substring(at + policy.length())
            .replaceFirst("\">", "\">\n" + Matcher.quoteReplacement(PROBE));
  }

  private static JsonNode probeResult(String dom, String err) throws IOException {
    Matcher probe =
        Pattern.compile("<pre id=\"brokerbench-probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    if (!probe.find()) {
      fail(
          "the probe wrote nothing: the page did not load, or its script did not run."
              + " Chromium said:\n"
              + err);
    }
    String json = probe.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return JSON.readTree(json);
  }

  record Result(String out, String err) {}

  /** Runs headless Chromium on {@code page} with {@code action}; its stdout and stderr. */
  private Result browse(Path chromium, String action, Path page, String... more)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless=new",
                // Root in a container has no sandbox to enter; the page is our own file.
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + scratch.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                // Let the load handlers run before the DOM is dumped.
                "--virtual-time-budget=5000"));
    command.addAll(List.of(more));
    command.add(action);
    command.add(page.toUri().toString());
    Path out = scratch.resolve("chromium.out");
    Path err = scratch.resolve("chromium.err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(BROWSER_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("Chromium did not finish within " + BROWSER_TIMEOUT_S + " s: " + command);
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), "Chromium failed: " + command + "\n" + stderr);
    return new Result(Files.readString(out, StandardCharsets.UTF_8), stderr);
  }
}
