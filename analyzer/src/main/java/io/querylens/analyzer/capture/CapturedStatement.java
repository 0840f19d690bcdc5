package io.querylens.analyzer.capture;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One normalized statement as a capture saw it: how often it ran and how long it took.
 *
 * @param statement the normalized statement, literals replaced by {@code ?}
 * @param fingerprint its fingerprint
 * @param operation its first keyword in upper case ({@code SELECT}, {@code INSERT}, {@code CALL}...)
 * @param executions JDBC executions: an {@code executeBatch} counts once, whatever its size
 * @param batchedExecutions how many of those were batches ({@code executeBatch}) or multi-row statements
 * @param failedExecutions how many failed
 * @param totalMs time in the database, milliseconds
 * @param maxMs the longest execution, milliseconds
 * @since 0.1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"statement", "fingerprint", "operation", "executions", "batchedExecutions",
    "failedExecutions", "totalMs", "maxMs"})
public record CapturedStatement(
    String statement,
    String fingerprint,
    String operation,
    long executions,
    long batchedExecutions,
    long failedExecutions,
    double totalMs,
    double maxMs) {

  /** Checks the required components. */
  public CapturedStatement {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(operation, "operation");
  }
}
