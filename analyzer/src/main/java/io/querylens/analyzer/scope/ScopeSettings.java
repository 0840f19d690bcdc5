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
 * @since 0.1
 */
public record ScopeSettings(
    Duration idleGap,
    Duration maxWindow,
    int maxStatementsPerScope,
    int maxCapturesPerScope,
    int sampleEvery,
    int maxCallSitesPerStatement,
    int maxParameterSets) {

  /** The documented defaults with the given window timing. */
  public static ScopeSettings defaults(Duration idleGap, Duration maxWindow) {
    return new ScopeSettings(idleGap, maxWindow, 512, 256, 16, 8, 64);
  }
}
