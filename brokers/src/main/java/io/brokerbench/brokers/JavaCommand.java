package io.brokerbench.brokers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs: the same Java that runs the harness, with a given classpath. */
public final class JavaCommand {
  private JavaCommand() {}

  /** The {@code java} executable of the running JVM. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java <jvmArgs> -cp <classpath> <mainClass> <args>}. */
  public static List<String> of(
      List<String> jvmArgs, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
