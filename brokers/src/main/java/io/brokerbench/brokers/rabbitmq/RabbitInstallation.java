package io.brokerbench.brokers.rabbitmq;

import io.brokerbench.brokers.BrokerUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The RabbitMQ installed on this machine: the directory of its scripts ({@code rabbitmq-server},
 * {@code rabbitmqctl}), its version, and Erlang's {@code epmd}.
 *
 * <p>brokerbench runs the scripts directly as the current user, never the system service or the
 * {@code /usr/sbin} wrappers (they switch to the {@code rabbitmq} user). The scripts are looked for
 * in {@code -Dbrokerbench.rabbitmq.bin}, by default {@code /usr/lib/rabbitmq/bin} (the Debian and
 * Ubuntu package {@code rabbitmq-server}); the {@code sbin} directory of RabbitMQ's generic Unix
 * archive works too. Pointing the property at an empty directory shows, without uninstalling
 * anything, what a machine without RabbitMQ does: the bench skips its RabbitMQ rows and the tests
 * marked {@code @RequiresRabbitMq} are skipped, with {@link #notInstalledMessage(Path)} as the
 * reason.
 *
 * @param bin the directory holding {@code rabbitmq-server} and {@code rabbitmqctl}
 * @param version RabbitMQ's version, e.g. {@code 3.10.8}, or {@code unknown}
 * @param epmd Erlang's port mapper daemon
 * @param erlangVersion the Erlang/OTP version, e.g. {@code 25.2.3}, or {@code unknown}
 */
public record RabbitInstallation(Path bin, String version, Path epmd, String erlangVersion) {
  /** The system property naming the directory of RabbitMQ's scripts. */
  public static final String BIN_PROPERTY = "brokerbench.rabbitmq.bin";

  /** Where the Debian/Ubuntu package puts the scripts that run as the calling user. */
  public static final Path DEFAULT_BIN = Path.of("/usr/lib/rabbitmq/bin");

  /** The Debian/Ubuntu package that brings the scripts (and Erlang, as its dependency). */
  public static final String PACKAGE = "rabbitmq-server";

  /** What a user types to install {@link #PACKAGE}; {@code -y}, so it can be pasted into CI. */
  public static final String INSTALL_COMMAND = "sudo apt-get install -y " + PACKAGE;

  // The Debian package and the generic archive both keep the scripts in rabbitmq_server-<v>/sbin.
  private static final Pattern VERSION_IN_PATH =
      Pattern.compile("rabbitmq_server-(\\d+\\.\\d+\\.\\d+[^/]*)/");

  public RabbitInstallation {
    bin = bin.toAbsolutePath();
  }

  /**
   * The installation in {@code -Dbrokerbench.rabbitmq.bin}, else in {@code /usr/lib/rabbitmq/bin}.
   *
   * @throws BrokerUnavailableException when {@code rabbitmq-server} is not there, with {@link
   *     #notInstalledMessage(Path)} as its message
   */
  public static RabbitInstallation locate() {
    return at(bin(System.getProperty(BIN_PROPERTY)));
  }

  /**
   * The directory a value of {@code -Dbrokerbench.rabbitmq.bin} names: {@link #DEFAULT_BIN} when it
   * is absent or blank (the bench profile passes it empty when the user did not set it).
   */
  public static Path bin(String configured) {
    return configured == null || configured.isBlank() ? DEFAULT_BIN : Path.of(configured);
  }

  /** True when {@code bin} holds executable {@code rabbitmq-server} and {@code rabbitmqctl}. */
  public static boolean hasScripts(Path bin) {
    return Files.isExecutable(bin.resolve("rabbitmq-server"))
        && Files.isExecutable(bin.resolve("rabbitmqctl"));
  }

  /** The installation whose scripts are in {@code bin}; see {@link #locate()}. */
  public static RabbitInstallation at(Path bin) {
    if (!hasScripts(bin)) {
      throw new BrokerUnavailableException(notInstalledMessage(bin));
    }
    Path server = bin.resolve("rabbitmq-server");
    Path epmd =
        findEpmd()
            .orElseThrow(
                () ->
                    new BrokerUnavailableException(
                        "RabbitMQ cannot start: Erlang's epmd was found neither on the PATH nor in"
                            + " /usr/lib/erlang/bin. It comes with the package erlang-base, a"
                            + " dependency of rabbitmq-server: reinstall it with `sudo apt-get"
                            + " install -y --reinstall erlang-base rabbitmq-server` (Debian/Ubuntu),"
                            + " or point brokerbench at a running RabbitMQ with"
                            + " `-Drabbitmq.uri=amqp://user:pass@host:5672/`."));
    return new RabbitInstallation(bin, readVersion(server), epmd, readErlangVersion(epmd));
  }

  /**
   * What a user reads when RabbitMQ is missing: what is missing, where it was looked for, how to
   * install it, and how to use a running RabbitMQ instead.
   */
  public static String notInstalledMessage(Path bin) {
    return "RabbitMQ is not installed: the package `"
        + PACKAGE
        + "` is missing (no executable rabbitmq-server and rabbitmqctl in "
        + bin.toAbsolutePath()
        + "). Install it with `"
        + INSTALL_COMMAND
        + "` (Debian/Ubuntu; brokerbench starts private nodes itself and never needs the system"
        + " service), point -D"
        + BIN_PROPERTY
        + " at the directory of an installation's scripts, or point brokerbench at a running"
        + " RabbitMQ with `-Drabbitmq.uri=amqp://user:pass@host:5672/`.";
  }

  /** The script that starts a node in the foreground; it execs {@code erl}. */
  public Path server() {
    return bin.resolve("rabbitmq-server");
  }

  public Path rabbitmqctl() {
    return bin.resolve("rabbitmqctl");
  }

  private static Optional<Path> findEpmd() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(":")) {
        if (!entry.isEmpty()) {
          candidates.add(Path.of(entry, "epmd"));
        }
      }
    }
    candidates.add(Path.of("/usr/lib/erlang/bin/epmd"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** From the script's real path (no process, no package database), else from dpkg. */
  static String readVersion(Path server) {
    try {
      Matcher matcher = VERSION_IN_PATH.matcher(server.toRealPath().toString());
      if (matcher.find()) {
        return matcher.group(1);
      }
    } catch (IOException e) {
      // fall through to the package database
    }
    String packaged = dpkgVersion();
    // "3.10.8-1.1+deb12u1": the upstream version is what results compare.
    return packaged.isEmpty() ? "unknown" : packaged.replaceFirst("^\\d+:", "").split("-")[0];
  }

  private static String dpkgVersion() {
    try {
      Process dpkg =
          new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "rabbitmq-server")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!dpkg.waitFor(5, TimeUnit.SECONDS)) {
        dpkg.destroyForcibly();
        return "";
      }
      String out = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return dpkg.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** {@code <erlang root>/releases/<major>/OTP_VERSION}, the root found above epmd's real path. */
  static String readErlangVersion(Path epmd) {
    try {
      for (Path dir = epmd.toRealPath().getParent(); dir != null; dir = dir.getParent()) {
        Path releases = dir.resolve("releases");
        if (Files.isDirectory(releases)) {
          try (Stream<Path> majors = Files.list(releases)) {
            Optional<Path> otp =
                majors
                    .map(major -> major.resolve("OTP_VERSION"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.naturalOrder());
            if (otp.isPresent()) {
              return Files.readString(otp.get(), StandardCharsets.UTF_8).trim();
            }
          }
        }
      }
    } catch (IOException e) {
      // the version is for the record only
    }
    return "unknown";
  }
}
