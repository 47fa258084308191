package io.brokerbench.brokers.zookeeper;

import io.brokerbench.brokers.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZooKeeper's four-letter words ({@code ruok}, {@code mntr}, {@code srvr}) over a plain socket: the
 * server's own answer, with no client library in between.
 */
public final class FourLetterWords {
  private FourLetterWords() {}

  /** Sends {@code word} to ZooKeeper on 127.0.0.1:{@code port} and returns its whole answer. */
  public static String send(int port, String word) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 1_000);
      socket.setSoTimeout(3_000);
      OutputStream out = socket.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** True when ZooKeeper answers {@code ruok} with {@code imok}. */
  public static boolean ruok(int port) {
    try {
      return "imok".equals(send(port, "ruok").trim());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * True when some session holds the ephemeral znode {@code path}, from ZooKeeper's {@code dump}
   * (the sessions with ephemeral nodes, each followed by its paths).
   */
  public static boolean holdsEphemeral(int port, String path) throws IOException {
    for (String line : send(port, "dump").split("\n")) {
      if (line.trim().equals(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when ZooKeeper serves requests: {@code srvr} reports its mode. ({@code ruok} answers
   * {@code imok} as soon as the port is open, before the server serves anything; {@code srvr} and
   * {@code mntr} answer "not currently serving requests" until it does.)
   */
  public static boolean serving(int port) {
    try {
      return send(port, "srvr").contains("Mode: ");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The {@code mntr} statistics, key to value ({@code zk_znode_count}, {@code zk_avg_latency}...).
   */
  public static Map<String, String> mntr(int port) throws IOException {
    Map<String, String> stats = new LinkedHashMap<>();
    for (String line : send(port, "mntr").split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        stats.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
      }
    }
    return stats;
  }
}
