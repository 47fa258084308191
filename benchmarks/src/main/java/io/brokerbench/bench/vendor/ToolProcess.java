package io.brokerbench.bench.vendor;

import io.brokerbench.brokers.JavaCommand;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a vendor tool in a JVM of its own, as a registered child, and returns its output. */
final class ToolProcess {
  private ToolProcess() {}

  static String run(
      String name,
      List<String> jvmArgs,
      String classpath,
      String mainClass,
      List<String> args,
      Map<String, String> environment,
      Duration timeout)
      throws VendorToolException, IOException {
    Path dir = Work.newDirectory(name);
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    List<String> command = JavaCommand.of(jvmArgs, classpath, mainClass, args);
    ChildProcess tool = ChildProcess.start(name, command, environment, dir, log);
    boolean exited = tool.awaitExit(timeout);
    if (!exited) {
      tool.kill();
      throw new VendorToolException(
          name
              + " did not finish within "
              + timeout.toSeconds()
              + " s; log "
              + log
              + ":\n"
              + tool.logTail(15));
    }
    tool.stop(Duration.ZERO);
    String output = Files.readString(log);
    if (tool.exitCode() != 0) {
      throw new VendorToolException(
          name
              + " exited with code "
              + tool.exitCode()
              + "; log "
              + log
              + ":\n"
              + tool.logTail(15));
    }
    return output;
  }
}
