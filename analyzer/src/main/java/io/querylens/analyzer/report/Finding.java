package io.querylens.analyzer.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One problem found, such as an N+1 pattern or a slow statement.
 *
 * <p>A placeholder with the fields every finding has; later versions add type-specific ones (the
 * schema leaves findings open for that). Reading ignores fields it does not know, so a report
 * written by a later version still reads.
 *
 * @param type one of {@code N_PLUS_ONE}, {@code REPEATED_QUERY}, {@code UNBATCHED_WRITES}, {@code
 *     SLOW_QUERY}, {@code LOCK_WAIT}, {@code DEADLOCK}, {@code LOCK_TIMEOUT}, {@code
 *     SERIALIZATION_FAILURE}, {@code POOL_WAIT}
 * @param severity how much it matters, such as {@code ERROR}, {@code WARNING} or {@code INFO}
 * @param statement the normalized statement concerned, or {@code null} if none (pool waits)
 * @param fingerprint that statement's fingerprint, or {@code null} if none
 * @param count how many times it occurred
 * @since 0.1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "severity", "statement", "fingerprint", "count"})
public record Finding(
    String type,
    String severity,
    @JsonInclude(JsonInclude.Include.NON_NULL) String statement,
    @JsonInclude(JsonInclude.Include.NON_NULL) String fingerprint,
    long count) {

  /** Checks the required components. */
  public Finding {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
  }
}
