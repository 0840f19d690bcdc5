package io.querylens.sample.demo;

/**
 * What one endpoint did during its share of the demo.
 *
 * @param requests requests sent
 * @param failures requests that failed (an exception, or a status other than 2xx)
 * @param meanMillis mean response time
 * @param maxMillis slowest response time
 * @param firstFailure the first failure, for the log; {@code null} when none failed
 */
record PhaseResult(
    int requests,
    int failures,
    double meanMillis,
    double maxMillis,
    String firstFailure) {}
