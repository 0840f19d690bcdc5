package io.querylens.agent.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A parsed {@code querylens-report.json}, with lookups by statement text and the findings.
 *
 * <p>Statements are matched on their normalized text with whitespace removed and case folded on both
 * sides, so {@code "insert into t (id, name)"} matches {@code "insert into t(id,name) values (?)"}: the
 * tests pin which statement shape is meant, not how the fingerprinter spaces it.
 */
public final class QueryReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;
  private final Path file;
  private final Supplier<String> childOutput;

  private QueryReport(JsonNode root, Path file, Supplier<String> childOutput) {
    this.root = root;
    this.file = file;
    this.childOutput = childOutput;
  }

  /** Reads {@code file}; {@code childOutput} describes the child for failure messages. */
  public static QueryReport read(Path file, Supplier<String> childOutput) {
    try {
      return new QueryReport(JSON.readTree(file.toFile()), file, childOutput);
    } catch (IOException e) {
      fail("unreadable report " + file + ": " + e.getMessage() + "\n" + childOutput.get(), e);
      return null; // unreachable
    }
  }

  /** The whole document. */
  public JsonNode root() {
    return root;
  }

  /** {@code summary}. */
  public JsonNode summary() {
    return root.path("summary");
  }

  /** A numeric field under {@code summary}, e.g. {@code summaryLong("transactions", "commits")}; fails if absent. */
  public long summaryLong(String... path) {
    JsonNode node = summary();
    for (String name : path) {
      node = node.path(name);
    }
    assertThat(node.isNumber())
        .as("summary.%s is a number in %s\n%s", String.join(".", path), file, summary())
        .isTrue();
    return node.asLong();
  }

  /** Every entry of {@code queries}. */
  public List<QueryEntry> queries() {
    List<QueryEntry> entries = new ArrayList<>();
    root.path("queries").forEach(node -> entries.add(new QueryEntry(node)));
    return entries;
  }

  /** Every entry of {@code findings}. */
  public List<FindingEntry> findings() {
    List<FindingEntry> entries = new ArrayList<>();
    root.path("findings").forEach(node -> entries.add(new FindingEntry(node)));
    return entries;
  }

  /** The one finding, which must be of {@code type}: no other type may appear, and no second one. */
  public FindingEntry onlyFinding(String type) {
    List<String> types = new ArrayList<>();
    for (FindingEntry finding : findings()) {
      types.add(finding.type());
    }
    org.assertj.core.api.Assertions.assertThat(types).as("finding types\n%s", findingsListing()).containsExactly(type);
    return findings().get(0);
  }

  /** One line per finding ({@link FindingEntry#describe()}), for failure messages. */
  public String findingsListing() {
    StringBuilder b = new StringBuilder("findings in " + file + ":");
    for (FindingEntry finding : findings()) {
      b.append("\n  ").append(finding.describe());
    }
    return b.toString();
  }

  /** The entries whose statement contains {@code needle} (whitespace and case ignored). */
  public List<QueryEntry> queriesContaining(String needle) {
    String wanted = squeeze(needle);
    return queries().stream().filter(q -> squeeze(q.statement()).contains(wanted)).collect(Collectors.toList());
  }

  /**
   * The single entry whose statement contains {@code needle}; fails, listing every statement in the report,
   * when there is none or more than one (a shape split over several fingerprints is a failure too).
   */
  public QueryEntry query(String needle) {
    List<QueryEntry> matches = queriesContaining(needle);
    if (matches.size() != 1) {
      fail(
          (matches.isEmpty() ? "no statement" : matches.size() + " statements")
              + " in the report contain '"
              + needle
              + "' (expected exactly one fingerprint)\n"
              + statementsListing()
              + "\n"
              + childOutput.get());
    }
    return matches.get(0);
  }

  /** Asserts that the single entry matching {@code needle} has {@code calls} calls. */
  public void assertCalls(String needle, long calls) {
    QueryEntry entry = query(needle);
    assertThat(entry.calls()).as("calls of '%s'\n%s", entry.statement(), statementsListing()).isEqualTo(calls);
  }

  /** One line per entry ({@code calls × statement}), for failure messages. */
  public String statementsListing() {
    StringBuilder b = new StringBuilder("statements in " + file + ":");
    for (QueryEntry q : queries()) {
      b.append("\n  ").append(q.calls()).append(" × ").append(q.statement());
      if (q.errors() > 0) {
        b.append("   (errors ").append(q.errors()).append(")");
      }
    }
    return b.toString();
  }

  /** The child's command and output, for failure messages. */
  public String childOutput() {
    return childOutput.get();
  }

  /** {@code text} lowercased with all whitespace removed. */
  public static String squeeze(String text) {
    return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }
}
