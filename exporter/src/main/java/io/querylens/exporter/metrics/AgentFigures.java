package io.querylens.exporter.metrics;

/** The agent's own figures, read when meters are scraped or pushed; implementations must not block. */
public interface AgentFigures {
  /** JDBC executions running now. */
  long statementsInFlight();

  /** The agent's own failures since start. */
  long agentErrors();

  /** What the agent dropped to stay bounded since start. */
  long droppedEvents();
}
