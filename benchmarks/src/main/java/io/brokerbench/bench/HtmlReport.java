package io.brokerbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The run's {@code report.html}: {@code REPORT.md} rendered to one self-contained file that opens
 * anywhere, offline, and can be mailed to a class: the style sheet is inline and every PNG plot of
 * the run folder is embedded as a {@code data:} URI. Nothing in it points outside the file: links
 * to files of the run become plain text (the files are named in the text anyway), raw HTML in the
 * Markdown is escaped, and headings carry the ids that the report's {@code #section} links use
 * (GitHub's rule, so the same links work in {@code REPORT.md} on GitHub).
 */
public final class HtmlReport {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;\
      color:#1f2328;background:#fff;line-height:1.5}
      main{max-width:1100px;margin:0 auto;padding:24px}
      h1,h2,h3{line-height:1.25}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3em}
      table{border-collapse:collapse;margin:12px 0;display:block;overflow-x:auto}
      th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top}
      th{background:#f6f8fa}tr:nth-child(even) td{background:#fbfcfd}
      code{background:#f6f8fa;padding:1px 4px;border-radius:4px;font-size:90%}
      img{max-width:100%;height:auto;border:1px solid #eee}
      a{color:#0969da}
      @media (max-width:600px){main{padding:12px}}
      @media (min-width:1600px){html{font-size:125%}main{max-width:1400px}}
      .glance .lede{font-size:1.1em;margin-top:0}
      .strip{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0}
      .badge{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;      white-space:nowrap;text-decoration:none;border:2px solid transparent}
      a.badge{color:#fff}
      .v-supported{background:#1a7f37;color:#fff}
      .v-refuted{background:#cf222e;color:#fff}
      .v-nuanced{background:#f2cc60;color:#3b2300;border-color:#9a6700}
      a.v-nuanced{color:#3b2300}
      .v-not-measured{background:#eaeef2;color:#424a53;border-color:#8c959f;border-style:dashed}
      a.v-not-measured{color:#424a53}
      .legend .badge{font-weight:400;font-size:.9em}
      .group{margin-top:24px}
      .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));      gap:16px}
      .chart{margin:0;padding:12px;border:1px solid #d0d7de;border-radius:8px;min-width:0}
      .chart figcaption{font-weight:600;margin-bottom:8px}
      .chart img{border:0}
      .bars{display:grid;grid-template-columns:auto minmax(40px,1fr) auto;gap:3px 8px;\
      align-items:center;font-size:.85em}
      .bar{display:contents}
      .tier{grid-column:1/-1;margin:6px 0 0;font-weight:600}
      .bar .label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:22em}
      .bar .track{background:#f6f8fa;height:1em;border-radius:3px}
      .bar .fill{display:block;height:100%;border-radius:3px;background:#8c959f}
      .bar .fill.sys-kafka{background:#0969da}.bar .fill.sys-rabbitmq{background:#bc4c00}
      .bar .fill.sys-zeromq{background:#8250df}
      .bar .fill.lost-acked{background:#cf222e}.bar .fill.lost-unacked{background:#8c959f}
      .bar .value{white-space:nowrap;font-variant-numeric:tabular-nums}
      .note{font-size:.85em;color:#57606a}
      .claims{list-style:none;padding:0;display:grid;gap:10px;      grid-template-columns:repeat(auto-fit,minmax(min(100%,320px),1fr))}
      .claim{border:1px solid #d0d7de;border-radius:8px;padding:10px 12px}
      .claim .head{margin:0}.claim .why{margin:6px 0}
      .claim details{font-size:.9em}.claim summary{cursor:pointer;color:#0969da}
      .claim details ul{padding-left:1.2em}
      .side{font-size:.85em;color:#57606a}
      h2.full{margin-top:40px}
      @media (max-width:600px){.bar .label{max-width:8em}.bars{font-size:.8em}}
      """;

  /**
   * No network, no script: the page shows only what is in the file, and a browser refuses (and
   * reports) anything that would reach out, should a link to the outside ever slip in.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

  /**
   * The screenshot a browser test saves next to the report; not a plot of the run, so not embedded.
   */
  public static final String SCREENSHOT = "report-screenshot.png";

  private HtmlReport() {}

  /**
   * Renders {@code markdown}, whose images name files relative to {@code runDir}, into one HTML
   * page; PNGs of the run folder that the Markdown does not show are added at the end under {@code
   * otherPlotsHeading}.
   */
  public static String render(
      String markdown, Path runDir, String title, String lang, String otherPlotsHeading) {
    return render(markdown, runDir, title, lang, otherPlotsHeading, "", "");
  }

  /**
   * As {@link #render(String, Path, String, String, String)}, with {@code firstScreen} (HTML, which
   * brings its own title) before the report: the Markdown's {@code # } title is then dropped and
   * the report follows under an {@code h2} heading {@code restHeading}.
   */
  public static String render(
      String markdown,
      Path runDir,
      String title,
      String lang,
      String otherPlotsHeading,
      String firstScreen,
      String restHeading) {
    if (!firstScreen.isEmpty() && markdown.startsWith("# ")) {
      int end = markdown.indexOf('\n');
      markdown = end < 0 ? "" : markdown.substring(end + 1);
    }
    Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    Set<String> shown = new LinkedHashSet<>();
    parser
        .parse(markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Image image) {
                shown.add(normalize(image.getDestination()));
              }
            });
    List<String> others = new ArrayList<>();
    for (String png : pngs(runDir)) {
      if (!shown.contains(png)) {
        others.add(png);
      }
    }
    StringBuilder source = new StringBuilder(markdown);
    if (!others.isEmpty()) {
      source.append("\n\n## ").append(otherPlotsHeading).append("\n\n");
      for (String png : others) {
        source.append("![").append(png).append("](").append(png).append(")\n\n");
      }
    }
    Node document = parser.parse(source.toString());
    document.accept(new SelfContained(runDir));

    Map<String, Integer> ids = new HashMap<>();
    AttributeProvider headingIds =
        (node, tagName, attributes) -> {
          if (node instanceof Heading heading) {
            String id = slug(text(heading));
            int seen = ids.merge(id, 1, Integer::sum) - 1;
            attributes.put("id", seen == 0 ? id : id + "-" + seen);
          }
        };
    HtmlRenderer renderer =
        HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .attributeProviderFactory(context -> headingIds)
            .build();
    return "<!DOCTYPE html>\n<html lang=\""
        + escape(lang)
        + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\""
        + CONTENT_SECURITY_POLICY
        + "\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style>\n</head>\n<body>\n<main>\n"
        + firstScreen
        + (firstScreen.isEmpty()
            ? ""
            : "<h2 class=\"full\" id=\"report\">" + escape(restHeading) + "</h2>\n")
        + renderer.render(document)
        + "</main>\n</body>\n</html>\n";
  }

  /**
   * GitHub's heading anchor: lower case, every character but letters, digits, spaces, hyphens and
   * underscores dropped, each space a hyphen. {@code "Tier `ack`"} is {@code tier-ack}.
   */
  public static String slug(String heading) {
    StringBuilder slug = new StringBuilder();
    heading
        .toLowerCase(Locale.ROOT)
        .trim()
        .codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
              } else if (c == ' ') {
                slug.append('-');
              }
            });
    return slug.toString();
  }

  /** Every {@code .png} under {@code runDir}, as a path relative to it with '/' separators. */
  static List<String> pngs(Path runDir) {
    if (!Files.isDirectory(runDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(runDir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
          .filter(file -> !file.getFileName().toString().equals(SCREENSHOT))
          .map(file -> runDir.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the plots of " + runDir + ": " + e, e);
    }
  }

  private static String normalize(String destination) {
    return destination.startsWith("./") ? destination.substring(2) : destination;
  }

  private static String text(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }
        });
    return text.toString();
  }

  /** The PNG {@code file} as a {@code data:} URI, to embed. */
  public static String dataUri(Path file) {
    try {
      return "data:image/png;base64,"
          + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot embed the plot " + file + ": " + e, e);
    }
  }

  /** {@code text} with HTML's five special characters escaped, for text and attribute values. */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /**
   * Makes the document point at nothing outside itself: a PNG of the run folder becomes a data URI;
   * any other image becomes its description; a link that is not to an anchor becomes its text.
   */
  private static final class SelfContained extends AbstractVisitor {
    private final Path runDir;

    SelfContained(Path runDir) {
      this.runDir = runDir.toAbsolutePath().normalize();
    }

    @Override
    public void visit(Image image) {
      String destination = normalize(image.getDestination());
      Path file = runDir.resolve(destination).normalize();
      boolean local =
          !destination.contains(":")
              && file.startsWith(runDir)
              && destination.toLowerCase(Locale.ROOT).endsWith(".png")
              && Files.isRegularFile(file);
      if (local) {
        image.setDestination(dataUri(file));
        return;
      }
      unwrap(image, "[" + text(image) + "]");
    }

    @Override
    public void visit(Link link) {
      if (link.getDestination().startsWith("#")) {
        visitChildren(link);
        return;
      }
      Node child = link.getFirstChild();
      while (child != null) {
        Node next = child.getNext();
        link.insertBefore(child);
        child = next;
      }
      link.unlink();
    }

    private static void unwrap(Node node, String replacement) {
      node.insertBefore(new Text(replacement));
      node.unlink();
    }
  }
}
