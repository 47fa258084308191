package io.brokerbench.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fsync count: strace's summary is read right, and attached to a real process (and the children
 * it starts afterwards) it counts the fsync calls made while the work ran, and not those before.
 */
class SyncCallsTest {
  @TempDir Path dir;

  @Test
  void readsTheCallsColumnOfStracesSummary() {
    List<String> summary =
        List.of(
            "% time     seconds  usecs/call     calls    errors syscall",
            "------ ----------- ----------- --------- --------- ----------------",
            " 87.65    0.011707          74       158           fsync",
            " 12.35    0.001649          10        42         3 fdatasync",
            "------ ----------- ----------- --------- --------- ----------------",
            "100.00    0.013356          42       200         3 total");

    Map<String, Long> calls = SyncCalls.parse(summary);

    assertEquals(
        Map.of("fsync", 158L, "fdatasync", 42L, "sync_file_range", 0L, "msync", 0L), calls);
    SyncCalls.Count count = new SyncCalls.Count(400, calls);
    assertEquals(200, count.total());
    assertEquals(500.0, count.perThousand());
  }

  @Test
  void countsTheFsyncsOfAProcessAndItsChildrenWhileTheWorkRuns() throws Exception {
    // Without strace the test is skipped (the durability suite then reports no fsync counts); CI
    // sets -Dbrokerbench.require.strace=true, which makes a missing strace a failure there.
    String missing =
        "this test needs strace: install it with `sudo apt-get install -y strace`: "
            + SyncCalls.unavailable();
    if (!Boolean.getBoolean("brokerbench.require.strace")) {
      assumeTrue(SyncCalls.unavailable() == null, missing);
    }
    assertNull(SyncCalls.unavailable(), missing);
    Path file = dir.resolve("written");
    // One dd per line read: each appends a byte and fsyncs it. Two lines before the count starts.
    Process writer =
        new ProcessBuilder(
                "sh",
                "-c",
                "while read line; do dd if=/dev/zero of="
                    + file
                    + " bs=1 count=1 oflag=append conv=notrunc,fsync 2>/dev/null; done")
            .start();
    try {
      OutputStream lines = writer.getOutputStream();
      write(lines, 2);
      awaitSize(file, 2);

      SyncCalls.Count count =
          SyncCalls.during(
              writer.pid(),
              dir.resolve("strace.txt"),
              () -> {
                write(lines, 5);
                awaitSize(file, 7);
                return 5;
              });

      assertEquals(5, count.messages());
      assertTrue(
          count.calls().get("fsync") >= 5 && count.calls().get("fsync") < 7,
          "five dd runs while counting, one fsync each (and none of the two before): " + count);
    } finally {
      writer.destroyForcibly();
    }
  }

  private static void write(OutputStream lines, int count) throws Exception {
    lines.write("x\n".repeat(count).getBytes(StandardCharsets.US_ASCII));
    lines.flush();
  }

  private static void awaitSize(Path file, long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(file) && Files.size(file) >= bytes) {
          return;
        }
      } catch (java.io.IOException e) {
        // not yet
      }
      Thread.sleep(20);
    }
    throw new AssertionError(file + " did not reach " + bytes + " bytes in 20 s");
  }
}
