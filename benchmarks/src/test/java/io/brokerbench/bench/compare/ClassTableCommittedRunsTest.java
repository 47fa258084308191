package io.brokerbench.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class table of the reference runs committed under {@code results/}, whichever they are today:
 * every folder is read, nothing is left out, and a copy of the folders elsewhere, as from another
 * machine, gives the same table.
 */
class ClassTableCommittedRunsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The committed run folders, found from the module's folder upwards as the build runs it. */
  private static List<Path> committedRuns() throws Exception {
    for (Path root = Path.of("").toAbsolutePath(); root != null; root = root.getParent()) {
      Path results = root.resolve("results");
      if (Files.isDirectory(results) && Files.isRegularFile(root.resolve("pom.xml"))) {
        try (Stream<Path> folders = Files.list(results)) {
          List<Path> runs =
              folders
                  .filter(Files::isDirectory)
                  // results/latest, which every bench run points at its own folder, is no
                  // committed run (it is ignored by git) and would count that run twice.
                  .filter(folder -> !Files.isSymbolicLink(folder))
                  .filter(folder -> !folder.getFileName().toString().startsWith("."))
                  .sorted()
                  .toList();
          if (runs.size() < 3) {
            fail("the class table needs three committed runs, " + results + " has " + runs);
          }
          return runs;
        }
      }
    }
    return fail("no results/ folder beside a pom.xml in " + Path.of("").toAbsolutePath());
  }

  @Test
  void everyCommittedRunIsReadAndCounted() throws Exception {
    List<Path> runs = committedRuns();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String md = ClassTable.read(runs, new PrintStream(err)).markdown();
    assertEquals("", err.toString());
    assertTrue(md.startsWith("# Class table: " + runs.size() + " runs\n"), md);
    assertFalse(md.contains("Left out"), md);
    for (Path run : runs) {
      assertTrue(md.contains(" | " + run.getFileName() + " | "), run + " not in\n" + md);
    }
    // Each claim's counts add up to the runs, and each claim of each run is counted.
    List<String> rows = md.lines().filter(line -> line.matches("\\| [KRZ]\\d .*")).toList();
    JsonNode first = JSON.readTree(runs.get(0).resolve("summary.json").toFile());
    assertEquals(first.path("claims").size(), rows.size(), md);
    for (String row : rows) {
      String[] cells = row.split("\\|");
      int sum = 0;
      for (int i = 2; i <= 5; i++) {
        sum += Integer.parseInt(cells[i].trim());
      }
      assertEquals(runs.size(), sum, row);
    }
    for (Headline headline : Headline.values()) {
      assertTrue(md.contains("## " + headline.heading()), md);
    }
  }

  @Test
  void theHarnessCeilingIsTheMedianOfEachRunsOwnFigure() throws Exception {
    List<Path> runs = committedRuns();
    List<Double> values = new ArrayList<>();
    for (Path run : runs) {
      Path file = run.resolve("throughput.json");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      for (JsonNode row : JSON.readTree(file.toFile()).path("rows")) {
        if (row.path("system").asText().equals("in-memory")
            && row.path("topology").asText().equals("1-topic-1-partition-1kb")
            && row.path("status").asText("ok").equals("ok")) {
          values.add(row.path("msgPerSec").asDouble());
        }
      }
    }
    String md = ClassTable.read(runs, System.err).markdown();
    assertFalse(values.isEmpty(), "no committed run has the in-memory ceiling");
    assertTrue(
        md.contains(
            "| in-memory ack | "
                + values.size()
                + " of "
                + runs.size()
                + " | "
                + String.format(Locale.ROOT, "%,.0f", CompareRuns.median(values))
                + " | "),
        md);
  }

  @Test
  void aCopyElsewhereGivesTheSameTable() throws Exception {
    List<Path> runs = committedRuns();
    List<Path> copies = new ArrayList<>();
    for (Path run : runs) {
      Path copy = dir.resolve("another-machine").resolve(run.getFileName());
      Files.createDirectories(copy);
      try (Stream<Path> files = Files.list(run)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
      copies.add(copy);
    }
    String here = ClassTable.read(runs, System.err).markdown();
    String there = ClassTable.read(copies, System.err).markdown();
    assertEquals(here, there);
    assertFalse(there.contains(dir.toString()), there);
  }
}
