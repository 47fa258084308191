package io.brokerbench.bench.durability;

import io.brokerbench.bench.Markdown;
import io.brokerbench.bench.row.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The durability section of {@code REPORT.md}: one table row per scenario, then the caveat. */
public final class DurabilityTable {
  /** What a SIGKILL is and is not; printed beside every durability table and in the JSON. */
  public static final String CAVEAT =
      "A SIGKILL ends the broker process but not the machine: what the process had written to the"
          + " operating system's page cache is still written to disk afterwards. A power loss, which"
          + " would lose it, is not simulated. So an acknowledgement given before an fsync (Kafka's"
          + " default, RabbitMQ's transient messages) survives here; these rows measure the crash"
          + " of a process, not of a machine.";

  private DurabilityTable() {}

  public static String markdown(DurabilitySettings settings, List<DurabilityRow> rows) {
    return markdown(settings, rows, List.of());
  }

  /**
   * @param syncRows the fsync counts per tier, or none
   */
  public static String markdown(
      DurabilitySettings settings, List<DurabilityRow> rows, List<SyncRow> syncRows) {
    StringBuilder md = new StringBuilder();
    md.append("## Durability under faults (crash ledger)\n\n");
    md.append(
        String.format(
            "One producer at %,d msg/s of %,d B, one consumer. The fault comes once %,d messages"
                + " are acknowledged (ZeroMQ: accepted), the same count for every system; the live"
                + " consumer pauses %,d messages before it, so that about as many are acknowledged"
                + " and not yet consumed, *at risk*, when the fault comes, and resumes once the fault"
                + " is over. Where the fault takes the only broker, the producer stops at the fault"
                + " and resumes once the broker answers again; in the 3-node scenarios and the"
                + " consumer crashes it carries on. The producer sends for at least %d ms; a killed"
                + " node or peer is down for %d ms. After the recovery a fresh consumer reads the"
                + " partition from offset 0 (Kafka) or the queue from its head (RabbitMQ), and the"
                + " ledger is settled from that read (*read back*). Every count is exact: *acked"
                + " lost* is what the tier promised and did not keep; *unacked lost* was accepted"
                + " but never promised (at tier none, every loss); *refused* are sends the harness"
                + " gave up on before the system had them (never lost); *recovered* failed or timed"
                + " out, yet arrived; *recovery* is from the fault to the first delivery of a"
                + " message sent after it; *fsync/1k* is the fsync-family calls per 1,000 messages"
                + " the same set-up and tier made in the fault-free count below.%n%n",
            settings.ratePerSecond(),
            settings.messageBytes(),
            settings.faultAtMessages(),
            settings.backlogMessages(),
            settings.duration().toMillis(),
            settings.outage().toMillis()));
    Markdown.Table table =
        new Markdown.Table()
            .left("system", "mode", "tier", "fault")
            .right(
                "sent",
                "acked",
                "at risk",
                "acked lost",
                "unacked lost",
                "refused",
                "recovered",
                "duplicates",
                "reordered",
                "recovery",
                "fsync/1k")
            .left("read back", "note");
    for (DurabilityRow row : rows) {
      if (!row.status().equals(Status.OK)) {
        // The status stands where "sent" would; the other figures and "read back" stay blank.
        List<String> cells =
            new ArrayList<>(
                List.of(row.system(), row.mode(), row.tier(), row.fault(), row.status().label()));
        cells.addAll(Collections.nCopies(11, ""));
        cells.add(row.note());
        table.row(cells);
        continue;
      }
      table.row(
          row.system(),
          row.mode(),
          row.tier(),
          row.fault(),
          String.format("%,d", row.sent()),
          String.format("%,d", row.acked()),
          String.format("%,d", row.atRisk()),
          String.format("**%,d**", row.ackedLost()),
          String.format("%,d", row.unackedLost()),
          String.format("%,d", row.refused()),
          String.format("%,d", row.recovered()),
          String.format("%,d", row.duplicates()),
          String.format("%,d", row.reordered()),
          row.recoveryMs() == null ? "–" : String.format("%,d ms", row.recoveryMs()),
          row.syncPerThousand() == null ? "–" : String.format("%.1f", row.syncPerThousand()),
          row.readBack().isEmpty() ? "live consumer" : row.readBack(),
          row.note());
    }
    md.append(table);
    md.append("\n").append(CAVEAT).append("\n\n");
    if (!syncRows.isEmpty()) {
      syncCalls(md, syncRows);
    }
    return md.toString();
  }

  /**
   * The price of durability: what SIGKILL cannot show, the calls that make data survive a power
   * loss.
   */
  private static void syncCalls(StringBuilder md, List<SyncRow> syncRows) {
    md.append("### The price of durability: fsync calls\n\n");
    md.append(
        "The calls that force data to the disk (`"
            + String.join("`, `", SyncCalls.SYSCALLS)
            + "`), counted by `strace -f -c` attached to every process and thread of the broker"
            + " during a run without a fault at the same rate, per tier. Without them, an"
            + " acknowledged message lives in the page cache until the kernel writes it out;"
            + " strace slows the broker while it counts, so only the counts are figures.\n\n");
    Markdown.Table table =
        new Markdown.Table()
            .left("system", "mode", "tier")
            .right("messages")
            .right(SyncCalls.SYSCALLS)
            .right("per 1,000 messages")
            .left("note");
    for (SyncRow row : syncRows) {
      List<String> cells = new ArrayList<>(List.of(row.system(), row.mode(), row.tier()));
      if (!row.status().equals(Status.OK)) {
        cells.add(row.status().label());
        cells.addAll(Collections.nCopies(SyncCalls.SYSCALLS.size() + 1, ""));
      } else {
        cells.add(String.format("%,d", row.messages()));
        for (String syscall : SyncCalls.SYSCALLS) {
          cells.add(String.format("%,d", row.calls().getOrDefault(syscall, 0L)));
        }
        cells.add(String.format("%.1f", row.perThousand()));
      }
      cells.add(row.note());
      table.row(cells);
    }
    md.append(table);
    md.append("\n");
  }
}
