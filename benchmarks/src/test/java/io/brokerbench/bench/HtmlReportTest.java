package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html is one self-contained file: styles inline, plots embedded, nothing outside. */
class HtmlReportTest {
  @TempDir Path dir;

  private byte[] png(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    return Files.readAllBytes(file);
  }

  private static List<String> attributes(String html, String name) {
    List<String> values = new ArrayList<>();
    Matcher matcher = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(html);
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  @Test
  void plotsAreEmbeddedAndNothingPointsOutside() throws Exception {
    byte[] spectrum = png("latency-spectrum.png");
    byte[] extra = png("latency/extra.png");
    String markdown =
        "# run\n\n## Claims\n\n| a | b |\n|---|---|\n| [x](#latency-under-load) | 2 |\n\n"
            + "## Latency under load\n\n![spectrum](latency-spectrum.png)\n\n"
            + "See [the rows](latency.json), <https://example.org/> and ![remote](https://example.org/a.png).\n\n"
            + "<script>alert(1)</script>\n";
    String html = HtmlReport.render(markdown, dir, "brokerbench run r", "en", "Other plots");

    List<String> sources = attributes(html, "src");
    assertEquals(
        List.of(
            "data:image/png;base64," + Base64.getEncoder().encodeToString(spectrum),
            "data:image/png;base64," + Base64.getEncoder().encodeToString(extra)),
        sources);
    for (String href : attributes(html, "href")) {
      assertTrue(href.startsWith("#"), href);
    }
    assertFalse(html.contains("<link"), html);
    assertTrue(html.contains("<style>"), html);
    assertTrue(html.contains("<h2 id=\"latency-under-load\">Latency under load</h2>"), html);
    assertTrue(html.contains("<a href=\"#latency-under-load\">x</a>"), html);
    assertTrue(html.contains("<table>"), html);
    assertTrue(html.contains("<h2 id=\"other-plots\">Other plots</h2>"), html);
    assertTrue(html.contains("&lt;script&gt;"), html);
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("See the rows, https://example.org/ and [remote]."), html);
  }

  @Test
  void theTitleAndLanguageAreEscaped() {
    String html = HtmlReport.render("# x\n", dir, "a <b> & \"c\"", "pt-BR", "Outros gráficos");
    assertTrue(html.contains("<html lang=\"pt-BR\">"), html);
    assertTrue(html.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"), html);
    assertTrue(html.contains("<meta charset=\"utf-8\">"), html);
  }

  @Test
  void anImageOutsideTheRunFolderIsNotRead() throws Exception {
    Path inside = dir.resolve("run");
    Files.createDirectories(inside);
    png("secret.png");
    String html = HtmlReport.render("![s](../secret.png)\n", inside, "t", "en", "Other plots");
    assertTrue(attributes(html, "src").isEmpty(), html);
  }

  @Test
  void theBrowserTestsScreenshotIsNoPlotOfTheRun() throws Exception {
    png(HtmlReport.SCREENSHOT);
    png("latency-spectrum.png");
    assertEquals(List.of("latency-spectrum.png"), HtmlReport.pngs(dir));
  }

  @Test
  void slugsFollowGithub() {
    assertEquals(
        "brokers-start-round-trip-stop", HtmlReport.slug("Brokers: start, round trip, stop"));
    assertEquals("tier-ack", HtmlReport.slug("Tier `ack`"));
    assertEquals("alegações-e-veredictos", HtmlReport.slug("Alegações e veredictos"));
  }
}
