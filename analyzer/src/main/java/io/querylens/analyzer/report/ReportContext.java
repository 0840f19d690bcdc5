package io.querylens.analyzer.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report needs besides the statement statistics: who writes it, when, and the agent's own
 * counters.
 *
 * @param agentVersion the agent's version, such as {@code 0.1.0-SNAPSHOT}
 * @param startedAt when the agent started
 * @param generatedAt when the report is assembled
 * @param poolInternalStatements executions the connection pool ran itself
 * @param commits explicit commits
 * @param rollbacks explicit rollbacks
 * @param droppedEvents events dropped to protect the application
 * @param agentErrors failures inside the agent
 * @param findings the problems found; copied, unmodifiable
 * @since 0.1
 */
public record ReportContext(
    String agentVersion,
    Instant startedAt,
    Instant generatedAt,
    long poolInternalStatements,
    long commits,
    long rollbacks,
    long droppedEvents,
    long agentErrors,
    List<Finding> findings) {

  /** Checks the required components and copies the findings. */
  public ReportContext {
    Objects.requireNonNull(agentVersion, "agentVersion");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(generatedAt, "generatedAt");
    findings = List.copyOf(findings);
  }
}
