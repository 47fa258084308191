package io.brokerbench.bench;

import io.brokerbench.bench.row.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** What every table of {@code REPORT.md} needs from Markdown. */
public final class Markdown {
  private Markdown() {}

  /**
   * {@code text} as one table cell: pipes and backslashes escaped, line breaks folded into one
   * space, so that a reason or a note quoting a broker's message cannot break its table.
   */
  public static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** {@code text} on one line: line breaks and the blanks around them folded into one space. */
  public static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /**
   * One note per row that stands for a whole system (a system that could not run at all), as "-
   * system, status: reason", for the notes under a suite's tables.
   */
  public static List<String> systemNotes(Stream<? extends Row> rows) {
    return rows.map(
            row -> String.format("- %s, %s: %s", row.system(), row.status(), oneLine(row.reason())))
        .toList();
  }

  /** How a column's cells line up. */
  public enum Align {
    LEFT("---"),
    RIGHT("---:");

    private final String rule;

    Align(String rule) {
      this.rule = rule;
    }
  }

  /**
   * A Markdown table: columns (a header and an alignment each), then rows. Every cell, header
   * included, goes through {@link #cell}, so no text can break the table; an empty cell is written
   * as {@code | |}. Callers hand over plain text, never text they escaped themselves.
   *
   * <pre>{@code
   * new Markdown.Table().left("system").right("msg/s").row("kafka", "1,000").toString()
   * }</pre>
   *
   * gives {@code | system | msg/s |}, {@code |---|---:|} and {@code | kafka | 1,000 |}, one line
   * each.
   */
  public static final class Table {
    private final List<String> header = new ArrayList<>();
    private final List<Align> alignment = new ArrayList<>();
    private final StringBuilder rows = new StringBuilder();
    private int rowCount;

    /** Adds left-aligned columns named {@code names}. */
    public Table left(String... names) {
      return columns(Align.LEFT, Arrays.asList(names));
    }

    /** Adds left-aligned columns named {@code names}. */
    public Table left(List<String> names) {
      return columns(Align.LEFT, names);
    }

    /** Adds right-aligned columns named {@code names}, for figures. */
    public Table right(String... names) {
      return columns(Align.RIGHT, Arrays.asList(names));
    }

    /** Adds right-aligned columns named {@code names}, for figures. */
    public Table right(List<String> names) {
      return columns(Align.RIGHT, names);
    }

    private Table columns(Align align, List<String> names) {
      if (rowCount > 0) {
        throw new IllegalStateException(
            "table: column " + names + " added after " + rowCount + " rows; add columns first");
      }
      for (String name : names) {
        header.add(name);
        alignment.add(align);
      }
      return this;
    }

    /** Adds a row of one cell per column, in the columns' order; empty strings for blank cells. */
    public Table row(String... cells) {
      return row(Arrays.asList(cells));
    }

    /** Adds a row of one cell per column, in the columns' order; empty strings for blank cells. */
    public Table row(List<String> cells) {
      if (cells.size() != header.size()) {
        throw new IllegalArgumentException(
            "table: a row of "
                + cells.size()
                + " cells in a table of "
                + header.size()
                + " columns "
                + header
                + ": "
                + cells);
      }
      rows.append(line(cells));
      rowCount++;
      return this;
    }

    /** True until a row is added. */
    public boolean isEmpty() {
      return rowCount == 0;
    }

    /** The table, each line ending in a line feed. */
    @Override
    public String toString() {
      StringBuilder md = new StringBuilder(line(header)).append('|');
      for (Align align : alignment) {
        md.append(align.rule).append('|');
      }
      return md.append('\n').append(rows).toString();
    }

    private static String line(List<String> cells) {
      StringBuilder md = new StringBuilder("|");
      for (String text : cells) {
        String cell = cell(text);
        md.append(cell.isEmpty() ? " " : " " + cell + " ").append('|');
      }
      return md.append('\n').toString();
    }
  }
}
