package io.querylens.agent.it;

import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.workload.WorkloadMode;

/**
 * One workload run in a child JVM under the agent.
 *
 * @param mode the connection stack it used
 * @param token the suffix of its table names
 * @param result what the child left behind
 */
record WorkloadRun(WorkloadMode mode, String token, ChildResult result) {

  /** The report, after asserting the child exited normally and ran to the end. */
  QueryReport report() {
    result.assertExitedNormally();
    return result.report();
  }
}
