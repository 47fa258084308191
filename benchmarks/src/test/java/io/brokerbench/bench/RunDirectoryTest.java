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

  @Test
  void theNextRunRemovesAFolderLeftByARunKilledOutright(@TempDir Path results) throws Exception {
    Path left = Files.createDirectories(results.resolve(".incomplete-20260101-000000-quick"));
    Files.writeString(left.resolve("throughput.json"), "{}");
    // The process id of a process that has ended.
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Files.writeString(
        results.resolve(".incomplete-20260101-000000-quick.pid"), Long.toString(ended.pid()));
    Path running = Files.createDirectories(results.resolve(".incomplete-20260101-000001-quick"));
    Files.writeString(
        results.resolve(".incomplete-20260101-000001-quick.pid"),
        Long.toString(ProcessHandle.current().pid()));
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    RunDirectory.removeAbandoned(results, new java.io.PrintStream(err, true));
    assertFalse(Files.exists(left), "the dead run's folder is removed");
    assertTrue(Files.exists(running), "a run still alive keeps its folder");
    assertTrue(err.toString().contains("removed " + left), err.toString());
  }
}
