package io.querylens.analyzer.capture;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.querylens.analyzer.report.Finding;
import java.util.List;

/**
 * What a capture holds: the statements, in the order they first ran, and the findings.
 *
 * <p>Crosses from the agent to a test framework as JSON (the agent's classes live apart from the
 * test's), so it is a plain, versioned record.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this version
 * @param statements the statements, in the order they first ran
 * @param findings the findings of the units of work that ran for the capture, most severe first
 * @param unattributedRequests HTTP requests served in this JVM while the capture ran that may have
 *     been sent for it but could not be told apart from other running tests' (no {@code
 *     QueryLens-Test} header while several tests ran); their statements are not in {@code statements}
 * @since 0.1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "statements", "findings", "unattributedRequests"})
public record CapturedQueries(int schemaVersion, List<CapturedStatement> statements, List<Finding> findings,
    long unattributedRequests) {
  /** The version of this shape; a reader refuses others. */
  public static final int SCHEMA_VERSION = 1;

  /** Nothing captured. */
  public static final CapturedQueries EMPTY = new CapturedQueries(SCHEMA_VERSION, List.of(), List.of(), 0);

  /** Copies the lists; null lists are empty. */
  public CapturedQueries {
    statements = statements == null ? List.of() : List.copyOf(statements);
    findings = findings == null ? List.of() : List.copyOf(findings);
  }
}
