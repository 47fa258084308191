package io.brokerbench.brokers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void freePortsAreFreeAndNeverHandedOutTwice() {
    int first = Ports.free();
    int second = Ports.free();
    assertNotEquals(first, second);
    assertTrue(Ports.isFree(first));
  }

  @Test
  void aBusyPortIsRefusedWithTheOwnerThePortAndWhatToDo() throws Exception {
    try (ServerSocket holder = new ServerSocket()) {
      holder.bind(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), 0));
      int port = holder.getLocalPort();
      assertFalse(Ports.isFree(port));
      Ports.PortBusyException e =
          assertThrows(
              Ports.PortBusyException.class,
              () -> Ports.requireFree("kafka-1", "PLAINTEXT listener", port));
      assertTrue(e.getMessage().contains("kafka-1"), e.getMessage());
      assertTrue(e.getMessage().contains(Integer.toString(port)), e.getMessage());
      assertTrue(e.getMessage().contains("ss -ltnp"), e.getMessage());
    }
  }
}
