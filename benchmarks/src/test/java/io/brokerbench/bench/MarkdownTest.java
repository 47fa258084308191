package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.durability.DurabilitySettings;
import io.brokerbench.bench.durability.DurabilityTable;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {

  @Test
  void aPipeOrALineBreakInACellDoesNotBreakTheTable() {
    assertEquals("a \\| b c", Markdown.cell("a | b\nc"));
    assertEquals("C:\\\\data", Markdown.cell("C:\\data"));
  }

  @Test
  void aReasonQuotingABrokerKeepsItsRowInOnePiece() {
    DurabilityRow failed =
        DurabilityRow.notMeasured(
            new DurabilityRow.Scenario("rabbitmq", "1 node", "ack", "SIGKILL node, restart", 1),
            Status.FAILED,
            "rabbitmqctl said: a | b\nand more");
    String md =
        DurabilityTable.markdown(
            DurabilitySettings.forProfile(Profile.QUICK), List.of(failed), List.of());
    String line = md.lines().filter(l -> l.startsWith("| rabbitmq")).findFirst().orElseThrow();
    assertTrue(line.endsWith("| rabbitmqctl said: a \\| b and more |"), line);
    assertEquals(18, line.replace("\\|", "").chars().filter(c -> c == '|').count(), line);
  }

  @Test
  void aTableWritesItsHeaderAlignmentAndRowsWithEveryCellEscaped() {
    String md =
        new Markdown.Table()
            .left("system", "a | b")
            .right("msg/s")
            .left("note")
            .row("kafka", "x|y", "1,000", "")
            .row(List.of("rabbitmq", "", "20", "said: a | b\nand more"))
            .toString();
    assertEquals(
        "| system | a \\| b | msg/s | note |\n"
            + "|---|---|---:|---|\n"
            + "| kafka | x\\|y | 1,000 | |\n"
            + "| rabbitmq | | 20 | said: a \\| b and more |\n",
        md);
  }

  @Test
  void aTableRefusesARowOfTheWrongWidthAndAColumnAfterItsRows() {
    Markdown.Table table = new Markdown.Table().left("a", "b");
    assertTrue(table.isEmpty());
    IllegalArgumentException narrow =
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    assertTrue(
        narrow.getMessage().contains("a row of 1 cells in a table of 2 columns"),
        narrow.getMessage());
    table.row("1", "2");
    assertThrows(IllegalStateException.class, () -> table.right("c"));
    assertEquals("| a | b |\n|---|---|\n| 1 | 2 |\n", table.toString());
  }
}
