package io.brokerbench.bench.throughput;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How many TCP connections this process has open, counted from Linux's {@code /proc}: the sockets
 * among its file descriptors ({@code /proc/self/fd}, links named {@code socket:[inode]}) that
 * {@code /proc/net/tcp} and {@code tcp6} list as established. A connection with both ends in this
 * process (ZeroMQ's brokerless mesh, where producers and consumers share the trial's JVM) counts
 * once, as one with one end here and the other in a broker does.
 *
 * <p>The throughput trial counts before its driver connects and again during its measurement: the
 * difference is what the system needed for the workload (claim Z4's {@code M x N} against {@code M
 * + N}), whatever the driver says it opened.
 */
final class TcpConnections {
  /** The state column's value for an established connection. */
  private static final String ESTABLISHED = "01";

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private TcpConnections() {}

  /**
   * Established TCP connections with at least one end in this process; -1 without {@code /proc}.
   */
  static int established() {
    try {
      Set<String> ours = socketInodes(Path.of("/proc/self/fd"));
      Set<String> connections = new HashSet<>();
      for (Path table : TABLES) {
        if (Files.isReadable(table)) {
          connections.addAll(established(Files.readAllLines(table), ours));
        }
      }
      return connections.size();
    } catch (IOException | DirectoryIteratorException e) {
      // DirectoryIteratorException: the fd listing failed midway (what a DirectoryStream throws).
      return -1;
    }
  }

  /**
   * The connections of a {@code /proc/net/tcp} table ({@code lines}, header first) that are
   * established and own a socket inode in {@code inodes}, each named by its two ends in a fixed
   * order, so that the two sockets of a connection inside one process give one name.
   */
  static Set<String> established(List<String> lines, Set<String> inodes) {
    Set<String> connections = new HashSet<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 10 || !fields[3].equals(ESTABLISHED) || !inodes.contains(fields[9])) {
        continue;
      }
      String local = fields[1];
      String remote = fields[2];
      connections.add(local.compareTo(remote) < 0 ? local + " " + remote : remote + " " + local);
    }
    return connections;
  }

  /** The inodes of the sockets among the links in {@code fdDir}. */
  private static Set<String> socketInodes(Path fdDir) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue; // closed since the listing
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          inodes.add(target.substring("socket:[".length(), target.length() - 1));
        }
      }
    }
    return inodes;
  }
}
