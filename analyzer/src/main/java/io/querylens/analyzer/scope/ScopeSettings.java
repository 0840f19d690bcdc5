package io.querylens.analyzer.scope;

import java.time.Duration;

/**
 * How scopes are cut and how much they may remember.
 *
 * @param idleGap a thread's window outside any other scope closes after this long without a statement
 * @param maxWindow and after this long in all, however busy the thread
 * @param maxStatementsPerScope distinct statements (fingerprints) followed per scope; more are not judged
 * @param maxCapturesPerScope stack captures per scope
 * @param capturesPerStatement stack captures per statement per scope before sampling
 * @param sampleEvery beyond those, one execution in this many is captured
 * @param maxCallSitesPerStatement call sites told apart per statement per scope
 * @param maxParameterSets parameter sets remembered per statement per scope to spot repeats
 * @since 0.1
 */
public record ScopeSettings(
    Duration idleGap,
    Duration maxWindow,
    int maxStatementsPerScope,
    int maxCapturesPerScope,
    int capturesPerStatement,
    int sampleEvery,
    int maxCallSitesPerStatement,
    int maxParameterSets) {

  /** The documented defaults with the given window timing. */
  public static ScopeSettings defaults(Duration idleGap, Duration maxWindow) {
    return new ScopeSettings(idleGap, maxWindow, 512, 256, 16, 16, 8, 64);
  }
}
