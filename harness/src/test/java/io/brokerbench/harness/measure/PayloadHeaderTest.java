package io.brokerbench.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadHeaderTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0, 0, 0",
    "7, 15, 123456789, 987654321012",
    "2147483647, 2147483647, 9223372036854775807, 9223372036854775807",
    // System.nanoTime() may be negative: its origin is arbitrary.
    "3, 1, 42, -9223372036854775808"
  })
  void readsBackWhatItWrote(int producerId, int partition, long sequence, long intendedSendNs) {
    byte[] payload = new byte[100];
    PayloadHeader header = new PayloadHeader(producerId, partition, sequence, intendedSendNs);
    header.writeTo(payload);
    assertTrue(PayloadHeader.isHeader(payload));
    assertEquals(header, PayloadHeader.read(payload));
    assertEquals(producerId, PayloadHeader.producerId(payload));
    assertEquals(partition, PayloadHeader.partition(payload));
    assertEquals(sequence, PayloadHeader.sequence(payload));
    assertEquals(intendedSendNs, PayloadHeader.intendedSendNs(payload));
    for (int i = PayloadHeader.BYTES; i < payload.length; i++) {
      assertEquals(0, payload[i], "the header stays within its " + PayloadHeader.BYTES + " bytes");
    }
  }

  @Test
  void theLayoutIsBigEndianWithMagicFirst() {
    byte[] payload = new byte[PayloadHeader.BYTES];
    PayloadHeader.write(payload, 1, 2, 3, 4);
    assertEquals('B', payload[0]);
    assertEquals('B', payload[1]);
    assertEquals('H', payload[2]);
    assertEquals('1', payload[3]);
    assertEquals(1, payload[7]);
    assertEquals(2, payload[11]);
    assertEquals(3, payload[19]);
    assertEquals(4, payload[27]);
  }

  @Test
  void aPayloadTooShortForTheHeaderIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PayloadHeader.write(new byte[27], 0, 0, 0, 0));
    assertEquals(
        "a payload of 27 bytes cannot hold the 28-byte header; send at least 28 bytes",
        e.getMessage());
  }

  @Test
  void anythingElseIsNotAHeader() {
    assertFalse(PayloadHeader.isHeader(new byte[10]));
    assertFalse(PayloadHeader.isHeader(new byte[100]), "no magic");
    byte[] payload = new byte[28];
    PayloadHeader.write(payload, 0, 0, 0, 0);
    payload[0] = 'X';
    assertFalse(PayloadHeader.isHeader(payload));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PayloadHeader.read(payload));
    assertEquals("not a brokerbench payload: 28 bytes, no header magic", e.getMessage());
  }

  @Test
  void negativeFieldsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PayloadHeader(-1, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new PayloadHeader(0, -1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new PayloadHeader(0, 0, -1, 0));
  }
}
