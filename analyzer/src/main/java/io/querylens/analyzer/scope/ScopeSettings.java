package io.querylens.analyzer.scope;

import java.time.Duration;

/**
 * How scopes are cut and how much they may remember.
 *
 * @param idleGap a thread's window outside any other scope closes after this long without a statement
 * @param maxWindow and after this long in all, however busy the thread
 * @param maxStatementsPerScope distinct statements (fingerprints) followed per scope; more are not judged
 * @param maxCapturesPerScope stack walks per scope beyond the first of each statement
 * @param sampleEvery after a statement's second execution in a scope, one execution in this many
 *     checks its call site with a short walk
 * @param maxCallSitesPerStatement call sites told apart per statement per scope
 * @param maxParameterSets parameter sets remembered per statement per scope to spot repeats
 * @param slowThreshold an execution this long has its stack walked at once, like a failure: a slow
 *     statement is a finding the first time
 * @param poolWaitThreshold a wait this long for a pooled connection is a POOL_WAIT finding
 * @since 0.1
 */
public record ScopeSettings(
    Duration idleGap,
    Duration maxWindow,
    int maxStatementsPerScope,
    int maxCapturesPerScope,
    int sampleEvery,
    int maxCallSitesPerStatement,
    int maxParameterSets,
    Duration slowThreshold,
    Duration poolWaitThreshold) {

  /** The documented defaults with the given window timing and the default slow-query threshold (500ms). */
  public static ScopeSettings defaults(Duration idleGap, Duration maxWindow) {
    return defaults(idleGap, maxWindow, Duration.ofMillis(500));
  }

  /** The documented defaults with the given window timing and slow-query threshold. */
  public static ScopeSettings defaults(Duration idleGap, Duration maxWindow, Duration slowThreshold) {
    return defaults(idleGap, maxWindow, slowThreshold, Duration.ofMillis(100));
  }

  /** The documented defaults with the given window timing and thresholds. */
  public static ScopeSettings defaults(Duration idleGap, Duration maxWindow, Duration slowThreshold,
      Duration poolWaitThreshold) {
    return new ScopeSettings(idleGap, maxWindow, 512, 256, 16, 8, 64, slowThreshold, poolWaitThreshold);
  }
}
