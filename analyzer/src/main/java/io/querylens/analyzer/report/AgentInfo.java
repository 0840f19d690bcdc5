package io.querylens.analyzer.report;

import java.util.Objects;

/**
 * The agent that wrote a report.
 *
 * @param version the agent's version, such as {@code 0.1.0-SNAPSHOT}
 * @since 0.1
 */
public record AgentInfo(String version) {

  /** Checks that the version is present. */
  public AgentInfo {
    Objects.requireNonNull(version, "version");
  }
}
