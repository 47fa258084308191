package io.brokerbench.harness.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a {@link Workload} from a YAML file, a classpath resource or a string.
 *
 * <p>A file written for the OpenMessaging Benchmark loads: its fields that brokerbench does not use
 * ({@code keyDistributor}, the payload and backlog fields) and fields nobody knows are reported as
 * warnings in the {@link LoadedWorkload}, and so are the defaults applied for what such a file does
 * not say ({@code tier}, the warm-up). A backlog ({@code consumerBacklogSizeGB} above 0) is
 * refused: there is no backlog-drain test to honour it. A field that is one or two letters off a
 * known field that the file does not set is refused instead, because the default that would replace
 * it could change what is measured without anyone noticing.
 *
 * <p>Everything else that is wrong fails with a {@link WorkloadException} whose message is one line
 * with the file, the line (and column, for syntax errors) and the field.
 *
 * <p>The YAML is read with snakeyaml's {@link SafeConstructor} (no arbitrary classes) into a node
 * tree first, so every value keeps the line it came from ({@link YamlFields}).
 */
public final class WorkloadLoader {

  /** Used, with the OpenMessaging Benchmark's meaning. */
  private static final Set<String> USED =
      Set.of(
          "name",
          "topics",
          "partitionsPerTopic",
          "messageSize",
          "subscriptionsPerTopic",
          "producersPerTopic",
          "consumerPerSubscription",
          "producerRate",
          "testDurationMinutes",
          "testDurationSeconds",
          "warmupDurationMinutes",
          "warmupDurationSeconds",
          "tier");

  /** OpenMessaging Benchmark fields that are read but have no effect here, and why. */
  private static final Map<String, String> NOT_USED =
      Map.of(
          "keyDistributor",
          "accepted but not used: brokerbench sends without keys and spreads each producer's"
              + " messages over the partitions round robin",
          "useRandomizedPayloads",
          "not used: a payload is the harness header followed by zeros (no system here"
              + " compresses by default)",
          "randomBytesRatio",
          "not used: a payload is the harness header followed by zeros",
          "randomizedPayloadPoolSize",
          "not used: a payload is the harness header followed by zeros",
          "payloadFile",
          "not used: a payload is the harness header followed by zeros",
          "consumerBacklogSizeGB",
          "0 read as no backlog (consumers start before producers); any other size is refused",
          "backlogDrainRatio",
          "not used: brokerbench has no backlog-drain test");

  /** The OpenMessaging Benchmark's default warm-up. */
  private static final long DEFAULT_WARMUP_SECONDS = 60;

  private WorkloadLoader() {}

  /** Reads a workload file; the path, as given, names it in messages. */
  public static LoadedWorkload load(Path file) {
    String source = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkloadException(source, 0, 0, null, "cannot be read: " + e);
    }
    return parse(source, text, baseName(file.getFileName().toString()));
  }

  /**
   * Reads a workload from the classpath, e.g. {@code workloads/1-topic-1-partition-1kb.yaml} (the
   * workloads bundled with the harness live there).
   */
  public static LoadedWorkload loadResource(String resource) {
    ClassLoader loader = WorkloadLoader.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new WorkloadException(
            resource, 0, 0, null, "no such resource on the classpath; check the name");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int slash = resource.lastIndexOf('/');
      return parse(resource, text, baseName(resource.substring(slash + 1)));
    } catch (IOException e) {
      throw new WorkloadException(resource, 0, 0, null, "cannot be read: " + e);
    }
  }

  /**
   * Reads a workload by the name the suites pass around: a bundled workload's name (e.g. {@code
   * 1-topic-1-partition-1kb}, read from {@code workloads/<name>.yaml} on the classpath) or the path
   * of a user's file, which ends in {@code .yaml} or {@code .yml} (a bundled name never does).
   */
  public static LoadedWorkload loadReference(String reference) {
    return isFile(reference)
        ? load(Path.of(reference))
        : loadResource("workloads/" + reference + ".yaml");
  }

  /**
   * How results name a workload: a bundled workload by its name, a user's file by its file name
   * with the extension, so a row never holds a path of the machine it ran on and a user's {@code
   * 1-topic-1-partition-1kb.yaml} never passes for the bundled workload a claim reads.
   */
  public static String label(String reference) {
    return isFile(reference) ? Path.of(reference).getFileName().toString() : reference;
  }

  /** Whether {@code reference} names a user's file rather than a bundled workload. */
  public static boolean isFile(String reference) {
    return reference.endsWith(".yaml") || reference.endsWith(".yml");
  }

  /**
   * Reads a workload from YAML text.
   *
   * @param source names the text in messages (a file name)
   * @param yaml the text
   * @param defaultName the workload's name when the text gives none
   */
  public static LoadedWorkload parse(String source, String yaml, String defaultName) {
    YamlFields fields = YamlFields.read(source, yaml);
    checkFieldNames(fields);
    return read(fields, defaultName);
  }

  private static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static LoadedWorkload read(YamlFields fields, String defaultName) {
    String name = fields.has("name") ? fields.string("name") : defaultName;
    int topics = fields.requiredInt("topics", "the number of topics, e.g. topics: 1");
    int partitions =
        fields.requiredInt(
            "partitionsPerTopic", "partitions per topic, e.g. partitionsPerTopic: 1");
    int messageSize =
        fields.requiredInt("messageSize", "bytes per message, e.g. messageSize: 1024");
    int subscriptions =
        fields.requiredInt(
            "subscriptionsPerTopic",
            "subscriptions per topic (each gets every message), e.g. subscriptionsPerTopic: 1");
    int producers =
        fields.requiredInt("producersPerTopic", "producers per topic, e.g. producersPerTopic: 1");
    int consumers =
        fields.requiredInt(
            "consumerPerSubscription",
            "consumers per subscription, e.g. consumerPerSubscription: 1");
    if (fields.has("consumerBacklogSizeGB") && fields.intValue("consumerBacklogSizeGB") != 0) {
      // Running it without the backlog would measure another test under the file's name.
      throw fields.fieldError(
          "consumerBacklogSizeGB",
          "brokerbench has no backlog-drain test yet, so it cannot build a backlog of "
              + fields.intValue("consumerBacklogSizeGB")
              + " GB; set it to 0 to measure the workload without one");
    }
    int producerRate;
    if (fields.has("producerRate")) {
      producerRate = fields.intValue("producerRate");
    } else {
      producerRate = 0;
      fields.warn(
          fields.rootLine(),
          "producerRate",
          "not given; sending as fast as the in-flight window allows");
    }
    long testSeconds =
        durationSeconds(fields, "testDurationMinutes", "testDurationSeconds", 1, null, "test");
    long warmupSeconds =
        durationSeconds(
            fields,
            "warmupDurationMinutes",
            "warmupDurationSeconds",
            0,
            DEFAULT_WARMUP_SECONDS,
            "warm-up");
    GuaranteeTier tier;
    if (fields.has("tier")) {
      try {
        tier = GuaranteeTier.fromKey(fields.string("tier"));
      } catch (IllegalArgumentException e) {
        throw fields.fieldError("tier", e.getMessage());
      }
    } else {
      tier = GuaranteeTier.ACK;
      fields.warn(
          fields.rootLine(),
          "tier",
          "not given; measuring at 'ack' (give tier: none, ack or durable to choose)");
    }

    Workload workload;
    try {
      workload =
          new Workload(
              name,
              topics,
              partitions,
              messageSize,
              subscriptions,
              producers,
              consumers,
              producerRate,
              testSeconds,
              warmupSeconds,
              tier);
    } catch (InvalidFieldException e) {
      String field = e.field();
      int line = fields.has(field) ? fields.line(field) : fields.rootLine();
      throw new WorkloadException(
          fields.source(), line, 0, field, e.getMessage().substring(field.length() + 2));
    }
    return new LoadedWorkload(workload, fields.source(), fields.warnings());
  }

  private static void checkFieldNames(YamlFields fields) {
    for (String name : fields.names()) {
      int line = fields.line(name);
      if (USED.contains(name)) {
        continue;
      }
      if (NOT_USED.containsKey(name)) {
        fields.warn(line, name, NOT_USED.get(name));
        continue;
      }
      String near = nearMiss(fields, name);
      if (near != null) {
        throw new WorkloadException(
            fields.source(), line, 0, name, "unknown field; did you mean '" + near + "'?");
      }
      fields.warn(line, name, "unknown field, ignored");
    }
    if (fields.has("testDurationMinutes") && fields.has("testDurationSeconds")) {
      throw fields.fieldError(
          "testDurationSeconds",
          "given together with testDurationMinutes (line "
              + fields.line("testDurationMinutes")
              + "); give one of them");
    }
    if (fields.has("warmupDurationMinutes") && fields.has("warmupDurationSeconds")) {
      throw fields.fieldError(
          "warmupDurationSeconds",
          "given together with warmupDurationMinutes (line "
              + fields.line("warmupDurationMinutes")
              + "); give one of them");
    }
  }

  /** A used field, not set in this file, that {@code name} is a small typo of. */
  private static String nearMiss(YamlFields fields, String name) {
    for (String known : USED) {
      if (!fields.has(known) && editDistance(name.toLowerCase(), known.toLowerCase()) <= 2) {
        return known;
      }
    }
    return null;
  }

  private static long durationSeconds(
      YamlFields fields,
      String minutesField,
      String secondsField,
      long min,
      Long defaultSeconds,
      String what) {
    long maxMinutes = Workload.MAX_DURATION_SECONDS / 60;
    if (fields.has(minutesField)) {
      long minutes = fields.longValue(minutesField);
      if (minutes < min || minutes > maxMinutes) {
        throw fields.fieldError(
            minutesField,
            minutes + " is out of range; give " + min + " to " + maxMinutes + " minutes");
      }
      return minutes * 60;
    }
    if (fields.has(secondsField)) {
      long seconds = fields.longValue(secondsField);
      if (seconds < min || seconds > Workload.MAX_DURATION_SECONDS) {
        throw fields.fieldError(
            secondsField,
            seconds
                + " is out of range; give "
                + min
                + " to "
                + Workload.MAX_DURATION_SECONDS
                + " seconds");
      }
      return seconds;
    }
    if (defaultSeconds == null) {
      throw new WorkloadException(
          fields.source(),
          fields.rootLine(),
          0,
          minutesField,
          "is missing; give the " + what + " duration as " + minutesField + " or " + secondsField);
    }
    fields.warn(
        fields.rootLine(),
        minutesField,
        "not given; using the OpenMessaging Benchmark's default "
            + what
            + " of "
            + defaultSeconds / 60
            + " minute(s)");
    return defaultSeconds;
  }

  /** Levenshtein distance; field names are short. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
