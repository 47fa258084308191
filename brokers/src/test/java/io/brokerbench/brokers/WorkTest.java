package io.brokerbench.brokers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Clean-up deletes what it should: within a scope only the scope's directories, so that a bench run
 * cleaning up after its suites leaves a cluster started before it (and still running) alone.
 */
class WorkTest {
  @Test
  @SuppressWarnings("try") // the scope is only opened and closed
  void aScopeDeletesItsOwnDirectoriesAndLeavesTheOlderOnes() throws Exception {
    Path before = Files.createDirectories(Work.newDirectory("work-test-before").resolve("data"));
    Path inside;
    try (Work.Scope scope = Work.scope()) {
      inside = Files.createDirectories(Work.newDirectory("work-test-inside").resolve("data"));
      Work.deleteCreated();
      assertFalse(Files.exists(inside), "the scope's directory is deleted");
      assertTrue(Files.exists(before), "a directory handed out before the scope stays");
    }
    Work.deleteCreated();
    assertFalse(Files.exists(before), "outside any scope, every directory handed out goes");
  }
}
