package io.brokerbench.bench.latency;

import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import java.util.List;

/**
 * The harness's own floor in the latency suite: the in-memory driver swept at the systems' rates,
 * against which a system's p99 is marked as measuring the harness rather than the system.
 */
final class HarnessFloor {
  private HarnessFloor() {}

  /**
   * Whether {@code row} is at the harness floor: sustained, and its p99 within {@value
   * LatencyRow#HARNESS_FLOOR_RATIO}x of the in-memory driver's at the same rate and size (swept
   * first, so its rows are here already). The in-memory rows are the floor itself.
   */
  static boolean reached(LatencyRow row, List<LatencyRow> rows) {
    if (!row.ok()) {
      return false;
    }
    if (row.system().equals(InMemoryDriver.SYSTEM)) {
      return true;
    }
    return rows.stream()
        .filter(floor -> floor.system().equals(InMemoryDriver.SYSTEM) && floor.ok())
        .filter(floor -> floor.targetPerSec() == row.targetPerSec())
        .filter(floor -> floor.messageBytes() == row.messageBytes())
        .anyMatch(floor -> row.p99Us() <= LatencyRow.HARNESS_FLOOR_RATIO * floor.p99Us());
  }
}
