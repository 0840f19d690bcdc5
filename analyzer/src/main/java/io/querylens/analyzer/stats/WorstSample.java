package io.querylens.analyzer.stats;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The slowest execution of a statement whose bind values were captured ({@code
 * captureParameters=true}): how long it took and its values, masked as {@code parameterMask} said.
 * Never present when capture is off.
 *
 * <p>Immutable.
 *
 * @param durationMs how long that execution took, milliseconds
 * @param parameters its bind values in parameter order, already masked, such as {@code 'jo…'
 *     (string, 11 chars)}; unmodifiable
 * @since 0.1
 */
@JsonPropertyOrder({"durationMs", "parameters"})
public record WorstSample(double durationMs, List<String> parameters) {

  /** Copies the values. */
  public WorstSample {
    parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
  }
}
