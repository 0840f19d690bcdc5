package io.querylens.sample.demo;

import java.time.Duration;

/**
 * What one endpoint did during its share of the demo.
 *
 * @param requests requests sent
 * @param failures requests that failed (an exception, or a status other than 2xx)
 * @param elapsed how long the phase took, until its last response
 * @param meanMillis mean response time
 * @param maxMillis slowest response time
 * @param firstFailure the first failure, for the log; {@code null} when none failed
 */
record PhaseResult(
    int requests,
    int failures,
    Duration elapsed,
    double meanMillis,
    double maxMillis,
    String firstFailure) {}
