package io.brokerbench.bench.vendor;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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

  /**
   * RabbitMQ PerfTest's main class. Its {@code main(String[])} ends the JVM with {@code
   * System.exit}, so it runs through {@code main(String[], PerfTestOptions)} with an exit that
   * returns instead, and otherwise the options {@code main(String[])} sets.
   */
  static final String PERF_TEST = "com.rabbitmq.perf.PerfTest";

  private WarmedRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: WarmedRun MAIN_CLASS WARM_UP_ARG_COUNT WARM_UP_ARGS... MEASURED_ARGS...");
    }
    int warmUpCount = Integer.parseInt(args[1]);
    String[] warmUp = Arrays.copyOfRange(args, 2, 2 + warmUpCount);
    String[] measured = Arrays.copyOfRange(args, 2 + warmUpCount, args.length);
    int failed = run(args[0], warmUp);
    if (failed != 0) {
      // The measured run would fail alike: the tool's own error above says why.
      System.out.println("brokerbench: the warm-up run failed; no measured run");
      System.exit(failed);
    }
    System.out.println(MEASURED);
    System.out.flush();
    failed = run(args[0], measured);
    if (failed != 0) {
      System.exit(failed);
    }
  }

  /** Runs the tool's main once; returns the exit code it asked for, 0 if it returned. */
  private static int run(String mainClass, String[] args) throws Exception {
    Class<?> tool = Class.forName(mainClass);
    if (!mainClass.equals(PERF_TEST)) {
      tool.getMethod("main", String[].class).invoke(null, (Object) args);
      return 0;
    }
    int[] exitCode = {0};
    Method configureLog = Class.forName("com.rabbitmq.perf.Log").getDeclaredMethod("configureLog");
    configureLog.setAccessible(true);
    configureLog.invoke(null);
    Class<?> optionsType = Class.forName(PERF_TEST + "$PerfTestOptions");
    Class<?> exiterType = Class.forName(PERF_TEST + "$SystemExiter");
    Class<?> handlerType = Class.forName("com.rabbitmq.client.ExceptionHandler");
    Object options = optionsType.getConstructor().newInstance();
    Object returns =
        Proxy.newProxyInstance(
            WarmedRun.class.getClassLoader(),
            new Class<?>[] {exiterType},
            (proxy, method, methodArgs) -> {
              if (method.getName().equals("exit")) {
                exitCode[0] = (int) methodArgs[0];
              }
              return null;
            });
    optionsType.getMethod("setSystemExiter", exiterType).invoke(options, returns);
    optionsType.getMethod("setSkipSslContextConfiguration", boolean.class).invoke(options, false);
    Constructor<?> relaxed =
        Class.forName("com.rabbitmq.perf.RelaxedExceptionHandler").getDeclaredConstructor();
    relaxed.setAccessible(true);
    optionsType
        .getMethod("setExceptionHandler", handlerType)
        .invoke(options, relaxed.newInstance());
    tool.getMethod("main", String[].class, optionsType).invoke(null, args, options);
    return exitCode[0];
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
