package io.querylens.agent.config;

import java.util.Locale;

/**
 * How much of a bind value {@code captureParameters=true} lets into reports ({@code
 * parameterMask}). Only read when {@link AgentConfig#captureParameters()} is on; with it off no
 * value is kept at all, whatever this says.
 *
 * @since 0.1
 */
public enum ParameterMask {
  /**
   * Type and length, plus the first two characters of a string of at least six: {@code 'jo…'
   * (string, 11 chars)}, {@code (int, 5 digits)}. The default: enough to tell an empty string from
   * a long one, or a 2-digit id from a 12-digit one, without showing the value.
   */
  PARTIAL,

  /** Type and length only: {@code (string, 11 chars)}, {@code (int, 5 digits)}. */
  TYPE,

  /**
   * The values as bound, for debugging on a developer's machine: every report then holds real
   * data. The agent warns once at start-up when this is chosen.
   */
  NONE;

  /** The name as written in the option, such as {@code partial}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
