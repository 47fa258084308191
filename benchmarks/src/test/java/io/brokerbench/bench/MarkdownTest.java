package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.durability.DurabilitySettings;
import io.brokerbench.bench.durability.DurabilityTable;
import io.brokerbench.bench.row.Status;
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
            DurabilitySettings.forProfile("quick"), List.of(failed), List.of());
    String line = md.lines().filter(l -> l.startsWith("| rabbitmq")).findFirst().orElseThrow();
    assertTrue(line.endsWith("| rabbitmqctl said: a \\| b and more |"), line);
    assertEquals(18, line.replace("\\|", "").chars().filter(c -> c == '|').count(), line);
  }
}
