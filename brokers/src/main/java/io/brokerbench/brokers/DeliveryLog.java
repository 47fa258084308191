package io.brokerbench.brokers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a consumer in a child process received, kept where a crash of that process cannot take it:
 * for every message, its first {@code headerBytes} bytes and then the receive time ({@code
 * System.nanoTime()}, 8 bytes, big-endian), appended with one unbuffered write per message. The
 * page cache outlives the killed process, so the file holds everything it had received. Linux's
 * {@code System.nanoTime()} is the machine's monotonic clock, so the parent can compare these times
 * with its own.
 */
public final class DeliveryLog implements AutoCloseable {
  private final FileChannel channel;
  private final int headerBytes;
  private final ByteBuffer record;
  private long count;

  public DeliveryLog(Path file, int headerBytes) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    this.headerBytes = headerBytes;
    this.record = ByteBuffer.allocate(headerBytes + Long.BYTES);
  }

  /** The size of one record for {@code headerBytes} of header. */
  public static int recordBytes(int headerBytes) {
    return headerBytes + Long.BYTES;
  }

  /** Appends the header of {@code message} (zero-padded if shorter) and {@code receivedNs}. */
  public void append(byte[] message, long receivedNs) throws IOException {
    record.clear();
    record.put(message, 0, Math.min(headerBytes, message.length));
    record.position(headerBytes);
    record.putLong(receivedNs);
    record.flip();
    while (record.hasRemaining()) {
      channel.write(record);
    }
    count++;
  }

  /** Messages appended by this log. */
  public long count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
