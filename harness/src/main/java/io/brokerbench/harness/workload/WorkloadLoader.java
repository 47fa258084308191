package io.brokerbench.harness.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a {@link Workload} from a YAML file, a classpath resource or a string.
 *
 * <p>A file written for the OpenMessaging Benchmark loads: its fields that brokerbench does not use
 * ({@code keyDistributor}, the payload and backlog fields) and fields nobody knows are reported as
 * warnings in the {@link LoadedWorkload}, and so are the defaults applied for what such a file does
 * not say ({@code tier}, the warm-up). A field that is one or two letters off a known field that
 * the file does not set is refused instead, because the default that would replace it could change
 * what is measured without anyone noticing.
 *
 * <p>Everything else that is wrong fails with a {@link WorkloadException} whose message is one line
 * with the file, the line (and column, for syntax errors) and the field.
 *
 * <p>The YAML is read with snakeyaml's {@link SafeConstructor} (no arbitrary classes) into a node
 * tree first, so every value keeps the line it came from.
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
          "not used: brokerbench has no backlog-drain test; consumers start before producers",
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
   * Reads a workload from YAML text.
   *
   * @param source names the text in messages (a file name)
   * @param yaml the text
   * @param defaultName the workload's name when the text gives none
   */
  public static LoadedWorkload parse(String source, String yaml, String defaultName) {
    return new Reading(source).read(yaml, defaultName);
  }

  private static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /** Exposes snakeyaml's scalar resolution (ints with underscores, floats, nulls) per node. */
  private static final class ValueConstructor extends SafeConstructor {
    ValueConstructor(LoaderOptions options) {
      super(options);
    }

    Object value(Node node) {
      return constructObject(node);
    }
  }

  /** One file's reading: its name, the warnings so far, the fields by name. */
  private static final class Reading {
    private final String source;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();
    private final ValueConstructor values;
    private final LoaderOptions options = new LoaderOptions();
    private int rootLine = 1;

    Reading(String source) {
      this.source = source;
      // Workload files are small; a few aliases at most (a "billion laughs" file is refused).
      options.setMaxAliasesForCollections(10);
      this.values = new ValueConstructor(options);
    }

    LoadedWorkload read(String yaml, String defaultName) {
      Node root = compose(yaml);
      collectFields(root);
      checkFieldNames();

      String name = has("name") ? string("name") : defaultName;
      int topics = requiredInt("topics", "the number of topics, e.g. topics: 1");
      int partitions =
          requiredInt("partitionsPerTopic", "partitions per topic, e.g. partitionsPerTopic: 1");
      int messageSize = requiredInt("messageSize", "bytes per message, e.g. messageSize: 1024");
      int subscriptions =
          requiredInt(
              "subscriptionsPerTopic",
              "subscriptions per topic (each gets every message), e.g. subscriptionsPerTopic: 1");
      int producers =
          requiredInt("producersPerTopic", "producers per topic, e.g. producersPerTopic: 1");
      int consumers =
          requiredInt(
              "consumerPerSubscription",
              "consumers per subscription, e.g. consumerPerSubscription: 1");
      int producerRate;
      if (has("producerRate")) {
        producerRate = intValue("producerRate");
      } else {
        producerRate = 0;
        warn(rootLine, "producerRate", "not given; sending as fast as the in-flight window allows");
      }
      long testSeconds =
          durationSeconds("testDurationMinutes", "testDurationSeconds", 1, null, "test");
      long warmupSeconds =
          durationSeconds(
              "warmupDurationMinutes",
              "warmupDurationSeconds",
              0,
              DEFAULT_WARMUP_SECONDS,
              "warm-up");
      GuaranteeTier tier;
      if (has("tier")) {
        try {
          tier = GuaranteeTier.fromKey(string("tier"));
        } catch (IllegalArgumentException e) {
          throw fieldError("tier", e.getMessage());
        }
      } else {
        tier = GuaranteeTier.ACK;
        warn(
            rootLine,
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
        int line = has(field) ? line(fields.get(field)) : rootLine;
        throw new WorkloadException(
            source, line, 0, field, e.getMessage().substring(field.length() + 2));
      }
      return new LoadedWorkload(workload, source, warnings);
    }

    private Node compose(String yaml) {
      Node root;
      try (Reader reader = new StringReader(yaml)) {
        root = new Yaml(values).compose(reader);
      } catch (MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
        throw new WorkloadException(
            source,
            mark == null ? 0 : mark.getLine() + 1,
            mark == null ? 0 : mark.getColumn() + 1,
            null,
            "YAML syntax error: " + oneLine(problem) + oneLine(context));
      } catch (YAMLException | IOException e) {
        throw new WorkloadException(source, 0, 0, null, "YAML error: " + oneLine(e.getMessage()));
      }
      if (root == null) {
        throw new WorkloadException(
            source, 0, 0, null, "is empty; a workload is a list of fields such as 'topics: 1'");
      }
      rootLine = root.getStartMark().getLine() + 1;
      if (!(root instanceof MappingNode)) {
        throw new WorkloadException(
            source,
            rootLine,
            0,
            null,
            "a workload is a mapping of fields ('topics: 1'), found " + kind(root));
      }
      return root;
    }

    private void collectFields(Node root) {
      for (NodeTuple tuple : ((MappingNode) root).getValue()) {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode)) {
          throw new WorkloadException(
              source, line(key), 0, null, "a field name must be a word, found " + kind(key));
        }
        String name = ((ScalarNode) key).getValue();
        NodeTuple first = fields.putIfAbsent(name, tuple);
        if (first != null) {
          throw new WorkloadException(
              source, line(key), 0, name, "given twice (first on line " + line(first) + ")");
        }
      }
    }

    private void checkFieldNames() {
      for (Map.Entry<String, NodeTuple> field : fields.entrySet()) {
        String name = field.getKey();
        int line = line(field.getValue());
        if (USED.contains(name)) {
          continue;
        }
        if (NOT_USED.containsKey(name)) {
          warn(line, name, NOT_USED.get(name));
          continue;
        }
        String near = nearMiss(name);
        if (near != null) {
          throw new WorkloadException(
              source, line, 0, name, "unknown field; did you mean '" + near + "'?");
        }
        warn(line, name, "unknown field, ignored");
      }
      if (has("testDurationMinutes") && has("testDurationSeconds")) {
        throw fieldError(
            "testDurationSeconds",
            "given together with testDurationMinutes (line "
                + line(fields.get("testDurationMinutes"))
                + "); give one of them");
      }
      if (has("warmupDurationMinutes") && has("warmupDurationSeconds")) {
        throw fieldError(
            "warmupDurationSeconds",
            "given together with warmupDurationMinutes (line "
                + line(fields.get("warmupDurationMinutes"))
                + "); give one of them");
      }
    }

    /** A used field, not set in this file, that {@code name} is a small typo of. */
    private String nearMiss(String name) {
      for (String known : USED) {
        if (!has(known) && editDistance(name.toLowerCase(), known.toLowerCase()) <= 2) {
          return known;
        }
      }
      return null;
    }

    private long durationSeconds(
        String minutesField, String secondsField, long min, Long defaultSeconds, String what) {
      long maxMinutes = Workload.MAX_DURATION_SECONDS / 60;
      if (has(minutesField)) {
        long minutes = longValue(minutesField);
        if (minutes < min || minutes > maxMinutes) {
          throw fieldError(
              minutesField,
              minutes + " is out of range; give " + min + " to " + maxMinutes + " minutes");
        }
        return minutes * 60;
      }
      if (has(secondsField)) {
        long seconds = longValue(secondsField);
        if (seconds < min || seconds > Workload.MAX_DURATION_SECONDS) {
          throw fieldError(
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
            source,
            rootLine,
            0,
            minutesField,
            "is missing; give the "
                + what
                + " duration as "
                + minutesField
                + " or "
                + secondsField);
      }
      warn(
          rootLine,
          minutesField,
          "not given; using the OpenMessaging Benchmark's default "
              + what
              + " of "
              + defaultSeconds / 60
              + " minute(s)");
      return defaultSeconds;
    }

    private boolean has(String field) {
      return fields.containsKey(field);
    }

    private int requiredInt(String field, String what) {
      if (!has(field)) {
        throw new WorkloadException(source, rootLine, 0, field, "is missing; give " + what);
      }
      return intValue(field);
    }

    private int intValue(String field) {
      long value = longValue(field);
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw fieldError(field, value + " is out of range; it is far too large");
      }
      return (int) value;
    }

    private long longValue(String field) {
      Object value = scalar(field);
      if (value instanceof Integer || value instanceof Long) {
        return ((Number) value).longValue();
      }
      if (value instanceof BigInteger) {
        throw fieldError(field, value + " is out of range; it is far too large");
      }
      if (value instanceof Double) {
        throw fieldError(field, value + " is not a whole number");
      }
      throw fieldError(field, describe(value) + " is not a number");
    }

    private String string(String field) {
      Object value = scalar(field);
      if (value instanceof String) {
        return (String) value;
      }
      if (value instanceof Number || value instanceof Boolean) {
        return String.valueOf(value);
      }
      throw fieldError(field, "has no value");
    }

    private Object scalar(String field) {
      Node node = fields.get(field).getValueNode();
      if (!(node instanceof ScalarNode)) {
        throw fieldError(field, "expected a single value, found " + kind(node));
      }
      Object value;
      try {
        value = values.value(node);
      } catch (YAMLException e) {
        throw fieldError(field, "cannot be read: " + oneLine(e.getMessage()));
      }
      if (value == null) {
        throw fieldError(field, "has no value");
      }
      return value;
    }

    private WorkloadException fieldError(String field, String problem) {
      return new WorkloadException(source, line(fields.get(field)), 0, field, problem);
    }

    private void warn(int line, String field, String message) {
      warnings.add(source + ":" + line + ": " + field + ": " + message);
    }

    private static int line(NodeTuple tuple) {
      return line(tuple.getKeyNode());
    }

    private static int line(Node node) {
      return node.getStartMark().getLine() + 1;
    }

    private static String kind(Node node) {
      if (node instanceof MappingNode) {
        return "a mapping";
      }
      if (node instanceof SequenceNode) {
        return "a list";
      }
      return "the value '" + ((ScalarNode) node).getValue() + "'";
    }

    private static String describe(Object value) {
      return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static String oneLine(String text) {
      return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").strip();
    }
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
