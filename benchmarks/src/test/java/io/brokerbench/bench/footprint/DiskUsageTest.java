package io.brokerbench.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {
  @Test
  void duTotalLineIsRead() {
    assertEquals(8192, DiskUsage.parseTotal("4096\t/a\n4096\t/b\n8192\ttotal\n"));
    assertThrows(IllegalStateException.class, () -> DiskUsage.parseTotal("4096\t/a\n"));
  }

  @Test
  void missingDirectoriesHoldNothing(@TempDir Path dir) {
    assertEquals(DiskUsage.NOTHING, DiskUsage.of(List.of(dir.resolve("absent"))));
    assertEquals(DiskUsage.NOTHING, DiskUsage.of(List.of()));
  }

  @Test
  void writtenBytesAreAllocatedAndSparseFilesAreNot(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("data"), new byte[1 << 20]);
    try (var sparse = new java.io.RandomAccessFile(dir.resolve("index").toFile(), "rw")) {
      sparse.setLength(10L << 20);
    }
    DiskUsage usage = DiskUsage.of(List.of(dir));
    assertEquals(11L << 20, usage.apparentBytes());
    assertTrue(
        usage.allocatedBytes() >= 1 << 20 && usage.allocatedBytes() < 3 << 20,
        "1 MiB written, 10 MiB sparse: " + usage);
  }
}
