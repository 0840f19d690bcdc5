package io.querylens.exporter.metrics;

/** AgentFigures whose values a test sets, to see that the meters read them at scrape time. */
final class SettableFigures implements AgentFigures {
  volatile long inFlight;
  volatile long errors;
  volatile long dropped;

  @Override
  public long statementsInFlight() {
    return inFlight;
  }

  @Override
  public long agentErrors() {
    return errors;
  }

  @Override
  public long droppedEvents() {
    return dropped;
  }
}
