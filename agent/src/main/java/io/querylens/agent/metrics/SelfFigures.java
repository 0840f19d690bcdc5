package io.querylens.agent.metrics;

import io.querylens.agent.AgentErrors;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.exporter.metrics.AgentFigures;

/** The agent's own figures for the metrics, read at each scrape or push. */
public final class SelfFigures implements AgentFigures {
  private final StatementEnricher enricher;
  // set once during start-up, before the first scrape can read it
  private volatile FindingRegistry findings;

  /** Figures of the agent whose statements {@code enricher} parses. */
  public SelfFigures(StatementEnricher enricher) {
    this.enricher = enricher;
  }

  /** Counts the findings {@code registry} drops among the dropped events. */
  public void countDroppedFindingsOf(FindingRegistry registry) {
    this.findings = registry;
  }

  @Override
  public long statementsInFlight() {
    long[] running = {0};
    JdbcHooks.forEachState(state -> {
      if (state.executingSince() != 0) {
        running[0]++;
      }
    });
    return running[0];
  }

  @Override
  public long agentErrors() {
    return AgentErrors.count();
  }

  @Override
  public long droppedEvents() {
    FindingRegistry registry = findings;
    return enricher.dropped() + (registry == null ? 0 : registry.droppedFindings());
  }
}
