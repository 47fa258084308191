package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir Path results;

  @Test
  void aRunAppearsOnlyWhenCompleteAndLatestPointsAtIt() throws Exception {
    RunDirectory run = RunDirectory.create(results, "smoke");
    run.write("environment.json", "{}");
    assertFalse(Files.exists(run.finalPath()), "no results folder before the run is complete");
    Path published = run.commit();
    assertTrue(Files.exists(published.resolve("environment.json")));
    assertEquals(published.toRealPath(), results.resolve("latest").toRealPath());
    try (Stream<Path> left = Files.list(results)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".incomplete")));
    }
  }

  @Test
  void anAbandonedRunLeavesNothing() throws Exception {
    RunDirectory run = RunDirectory.create(results, "quick");
    run.write("startup.json", "{\"rows\": [");
    run.abandon();
    try (Stream<Path> left = Files.list(results)) {
      assertEquals(0, left.count(), "no half-written result");
    }
  }
}
