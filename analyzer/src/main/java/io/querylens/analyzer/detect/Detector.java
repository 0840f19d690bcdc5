package io.querylens.analyzer.detect;

/**
 * Looks at each execution in a scope, after the scope has counted it, and decides whether it
 * starts or extends a finding. One detector per kind of finding; a new kind is a new class added to
 * {@link Detectors#standard}.
 *
 * <p>Called on the application's thread for every statement: implementations read the counters the
 * scope keeps, allocate nothing and never block.
 *
 * @since 0.1
 */
public interface Detector {
  /** Inspects {@code execution}; raises or extends findings through it. */
  void inspect(Execution execution);
}
