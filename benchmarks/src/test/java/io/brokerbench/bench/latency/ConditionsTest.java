package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  @Test
  void aCollectionInTheWindowIsCountedAndTheMachineIsRead() throws Exception {
    Conditions watch = Conditions.watch();
    System.gc(); // a full, stop-the-world collection with the JVM's default collectors
    // GC notifications arrive on their own thread, a moment after the pause.
    Thread.sleep(200);
    Conditions.Seen seen = watch.stop();
    assertTrue(seen.gcPauses() >= 1, "the collection was seen: " + seen);
    assertTrue(seen.gcPauseMaxMs() >= 0, "its length: " + seen);
    if (Files.isReadable(Path.of("/proc/stat"))) {
      assertNotNull(seen.runQueueMax(), "read from /proc/stat: " + seen);
      assertTrue(seen.runQueueMax() >= 1, "at least the sampler itself ran: " + seen);
      assertNotNull(seen.stealPct());
      assertTrue(seen.stealPct() >= 0 && seen.stealPct() <= 100, "a percentage: " + seen);
    }
  }

  @Test
  void aWindowWithoutCollectionsCountsNone() throws Exception {
    Thread.sleep(100); // let notifications of earlier collections arrive before the window
    Conditions watch = Conditions.watch();
    Thread.sleep(50);
    Conditions.Seen seen = watch.stop();
    // Nothing here allocates enough to collect; a JIT-triggered collection would be rare luck.
    assertEquals(0, seen.gcPauses(), "no collection in a quiet 50 ms: " + seen);
    assertTrue(seen.windowMs() >= 50, "the window's length: " + seen);
    assertTrue(seen.wakeLateMs() >= seen.wakeLateMaxMs(), "the sum holds the longest: " + seen);
    assertTrue(seen.heldShare() >= 0 && seen.heldShare() <= 1, "a share: " + seen);
  }
}
