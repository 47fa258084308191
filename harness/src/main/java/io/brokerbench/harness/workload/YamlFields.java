package io.brokerbench.harness.workload;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
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
 * One YAML file's top-level fields, each with the line it came from, read as typed values; the
 * warnings collected while reading them. Apart from {@link WorkloadLoader} so that the loader reads
 * as what a workload file means (which fields, which defaults), and this class as how a YAML node
 * becomes a number or a word with an error that names the file, the line and the field.
 *
 * <p>The YAML is read with snakeyaml's {@link SafeConstructor} (no arbitrary classes) into a node
 * tree first, so every value keeps the line it came from.
 */
final class YamlFields {
  /** Exposes snakeyaml's scalar resolution (ints with underscores, floats, nulls) per node. */
  private static final class ValueConstructor extends SafeConstructor {
    ValueConstructor(LoaderOptions options) {
      super(options);
    }

    Object value(Node node) {
      return constructObject(node);
    }
  }

  private final String source;
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, NodeTuple> fields = new LinkedHashMap<>();
  private final ValueConstructor values;
  private final LoaderOptions options = new LoaderOptions();
  private int rootLine = 1;

  private YamlFields(String source) {
    this.source = source;
    // Workload files are small; a few aliases at most (a "billion laughs" file is refused).
    options.setMaxAliasesForCollections(10);
    this.values = new ValueConstructor(options);
  }

  /**
   * Reads {@code yaml}'s top-level mapping.
   *
   * @param source names the text in messages (a file name)
   * @throws WorkloadException if it is not YAML, not a mapping, or gives a field twice
   */
  static YamlFields read(String source, String yaml) {
    YamlFields fields = new YamlFields(source);
    fields.collectFields(fields.compose(yaml));
    return fields;
  }

  String source() {
    return source;
  }

  /** The line of the mapping itself, for what is missing from it. */
  int rootLine() {
    return rootLine;
  }

  /** The warnings so far, in the order they were given. */
  List<String> warnings() {
    return warnings;
  }

  /** The field names, in the file's order. */
  Set<String> names() {
    return fields.keySet();
  }

  /** The line of field {@code name}, which the file gives. */
  int line(String name) {
    return line(fields.get(name));
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

  boolean has(String field) {
    return fields.containsKey(field);
  }

  int requiredInt(String field, String what) {
    if (!has(field)) {
      throw new WorkloadException(source, rootLine, 0, field, "is missing; give " + what);
    }
    return intValue(field);
  }

  int intValue(String field) {
    long value = longValue(field);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw fieldError(field, value + " is out of range; it is far too large");
    }
    return (int) value;
  }

  long longValue(String field) {
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

  String string(String field) {
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

  WorkloadException fieldError(String field, String problem) {
    return new WorkloadException(source, line(fields.get(field)), 0, field, problem);
  }

  void warn(int line, String field, String message) {
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
