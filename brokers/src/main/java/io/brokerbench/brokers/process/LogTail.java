package io.brokerbench.brokers.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the end of a log file for an error message, without loading a large log whole. */
public final class LogTail {
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** The last {@code lines} lines of {@code file}, or a note saying why there are none. */
  public static String of(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      raf.seek(length - size);
      raf.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      int from = Math.max(0, all.length - lines);
      StringBuilder out = new StringBuilder();
      for (int i = from; i < all.length; i++) {
        out.append("    | ").append(all[i]).append(System.lineSeparator());
      }
      return out.length() == 0 ? "(the log " + file + " is empty)" : out.toString();
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }
}
