package io.brokerbench.bench.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WarmedRunTest {
  /** A tool that prints what it was given. */
  public static final class Echo {
    public static void main(String[] args) {
      System.out.println("echo " + String.join(" ", args));
    }
  }

  @Test
  void runsTheWarmUpThenTheMeasuredArgumentsWithTheMarkerBetween() throws Exception {
    String output =
        captured(
            () ->
                WarmedRun.main(
                    new String[] {Echo.class.getName(), "2", "--n", "10", "--n", "500", "x"}));
    assertEquals(
        String.join(System.lineSeparator(), "echo --n 10", WarmedRun.MEASURED, "echo --n 500 x")
            + System.lineSeparator(),
        output);
  }

  @Test
  void aWarmUpOfNoArgumentsIsStillARun() throws Exception {
    String output = captured(() -> WarmedRun.main(new String[] {Echo.class.getName(), "0", "a"}));
    assertTrue(output.startsWith("echo " + System.lineSeparator() + WarmedRun.MEASURED), output);
  }

  @Test
  void refusesAMissingMainClass() {
    assertThrows(IllegalArgumentException.class, () -> WarmedRun.main(new String[] {"x"}));
  }

  @Test
  void itsClasspathEntryHoldsThisClass() {
    File entry = new File(WarmedRun.classpathEntry());
    assertTrue(
        entry.isFile()
            || new File(entry, WarmedRun.class.getName().replace('.', '/') + ".class").isFile(),
        entry.toString());
  }

  private interface Body {
    void run() throws Exception;
  }

  private static String captured(Body body) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
