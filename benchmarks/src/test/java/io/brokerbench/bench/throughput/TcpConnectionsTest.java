package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TcpConnectionsTest {

  @Test
  void connectionsOnLoopbackWithBothEndsHereCountOnceAndGoWhenClosed() throws Exception {
    int before = TcpConnections.established();
    assertTrue(before >= 0, "Linux's /proc is readable here");
    List<Socket> sockets = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 3; i++) {
        sockets.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        sockets.add(server.accept());
      }
      // A listening socket is no connection.
      assertEquals(before + 3, TcpConnections.established());
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    assertEquals(before, TcpConnections.established());
  }

  @Test
  void onlyEstablishedConnectionsOfOurInodesCount() {
    List<String> table =
        List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
                + "  timeout inode",
            // listening (0A), ours: not a connection
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0"
                + "        0 100 1 0000000000000000 100 0 0 10 0",
            // established, both ends ours: one connection
            "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0"
                + "        0 101 1 0000000000000000 20 4 30 10 -1",
            "   2: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0"
                + "        0 102 1 0000000000000000 20 4 30 10 -1",
            // established, another process's socket
            "   3: 0100007F:2328 0100007F:C351 01 00000000:00000000 00:00000000 00000000     0"
                + "        0 999 1 0000000000000000 20 4 30 10 -1",
            // time-wait, ours
            "   4: 0100007F:2328 0100007F:C352 06 00000000:00000000 03:00000000 00000000     0"
                + "        0 103 1 0000000000000000 20 4 30 10 -1");
    Set<String> connections = TcpConnections.established(table, Set.of("100", "101", "102", "103"));
    assertEquals(Set.of("0100007F:1F90 0100007F:C350"), connections);
  }
}
