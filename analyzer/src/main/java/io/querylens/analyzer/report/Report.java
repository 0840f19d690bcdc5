package io.querylens.analyzer.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The whole of {@code querylens-report.json}: who wrote it, about which process, the totals, the
 * statistics of every statement and the findings.
 *
 * @param schemaVersion the version of the JSON shape, {@value #SCHEMA_VERSION} for this one
 * @param generatedAt when the report was assembled, ISO-8601 to the millisecond (for example {@code
 *     2026-01-31T12:00:00.123Z})
 * @param agent the agent that wrote it
 * @param runtime the observed JVM
 * @param summary totals over all application statements
 * @param queries one entry per fingerprint, longest total time first; unmodifiable
 * @param findings the problems found; unmodifiable, possibly empty
 * @since 0.1
 */
@JsonPropertyOrder({
  "schemaVersion",
  "generatedAt",
  "agent",
  "runtime",
  "summary",
  "queries",
  "findings"
})
public record Report(
    int schemaVersion,
    String generatedAt,
    AgentInfo agent,
    RuntimeInfo runtime,
    Summary summary,
    List<QueryEntry> queries,
    List<Finding> findings) {

  /** The version of the JSON shape described by {@code docs/report-schema.json}. */
  public static final int SCHEMA_VERSION = 2;

  /** Checks the components and makes unmodifiable copies of the lists. */
  public Report {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(summary, "summary");
    queries = List.copyOf(queries);
    findings = List.copyOf(findings);
  }
}
