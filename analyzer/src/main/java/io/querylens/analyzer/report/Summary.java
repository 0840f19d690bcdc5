package io.querylens.analyzer.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The totals at the top of a report.
 *
 * @param statements executions of application statements (the sum of the queries' calls; pool
 *     housekeeping excluded)
 * @param fingerprints distinct statements with their own entry in {@code queries} (the overflow
 *     entry is not one)
 * @param totalMs time spent in the database by application statements, milliseconds
 * @param errors failed executions
 * @param rows rows updated or read
 * @param poolInternalStatements executions the connection pool ran itself (validation, init SQL),
 *     counted apart and not in {@code statements}
 * @param overflowedFingerprints about how many distinct statements were folded into the overflow
 *     entry because the fingerprint cap was reached
 * @param transactions commits and rollbacks
 * @param droppedEvents events the agent had to drop to protect the application (full queues)
 * @param agentErrors failures inside the agent itself, each handled without harm to the application
 * @param findings how many findings the report holds
 * @since 0.1
 */
@JsonPropertyOrder({
  "statements",
  "fingerprints",
  "totalMs",
  "errors",
  "rows",
  "poolInternalStatements",
  "overflowedFingerprints",
  "transactions",
  "droppedEvents",
  "agentErrors",
  "findings"
})
public record Summary(
    long statements,
    long fingerprints,
    double totalMs,
    long errors,
    long rows,
    long poolInternalStatements,
    long overflowedFingerprints,
    TransactionCounts transactions,
    long droppedEvents,
    long agentErrors,
    long findings) {

  /** Checks that the transaction counts are present. */
  public Summary {
    Objects.requireNonNull(transactions, "transactions");
  }
}
