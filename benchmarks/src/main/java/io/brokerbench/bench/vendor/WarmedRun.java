package io.brokerbench.bench.vendor;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.Arrays;

/**
 * Runs a vendor tool's {@code main} twice in one JVM, a warm-up run and then the measured one, so
 * that the tool is measured in a warm JVM as brokerbench's trials are (their JMH fork has warmed up
 * before any trial is measured). Started as the tool's main class, with nothing of brokerbench on
 * its classpath but this class; it depends on the JDK alone.
 *
 * <p>Measured on the 2-core machine against a warm KRaft broker (2026-12-03): a cold
 * ProducerPerformance printed 28k, 35-50k, 60-69k and 72k msg/s in its first four 5-second windows,
 * still climbing 15 s in; a second run in the same JVM printed 48-61k in its first window and
 * 64-79k after. The vendor's figure was the mean of the cold run's second and third windows, which
 * sit in that climb: the reason brokerbench's producer-only trial came out 1.3-1.4x the tool.
 *
 * <pre>
 * java -cp brokerbench-classes:tool-classpath io.brokerbench.bench.vendor.WarmedRun \
 *     MAIN_CLASS WARM_UP_ARG_COUNT WARM_UP_ARGS... MEASURED_ARGS...
 * </pre>
 */
public final class WarmedRun {
  /** The line printed between the two runs: the tool's figures come from what follows it. */
  public static final String MEASURED = "brokerbench: measured run";

  private WarmedRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: WarmedRun MAIN_CLASS WARM_UP_ARG_COUNT WARM_UP_ARGS... MEASURED_ARGS...");
    }
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    int warmUpCount = Integer.parseInt(args[1]);
    String[] warmUp = Arrays.copyOfRange(args, 2, 2 + warmUpCount);
    String[] measured = Arrays.copyOfRange(args, 2 + warmUpCount, args.length);
    main.invoke(null, (Object) warmUp);
    System.out.println(MEASURED);
    System.out.flush();
    main.invoke(null, (Object) measured);
  }

  /** Where this class is loaded from: what a tool's classpath adds to run it. */
  static String classpathEntry() {
    try {
      return new File(WarmedRun.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate brokerbench's own classes", e);
    }
  }
}
