package io.querylens.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import example.cases.NPlusOneCases;
import example.cases.OnlyThroughTestKit;
import io.querylens.analyzer.callsite.Framework;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.detect.Suggestions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@code example.cases} test classes through the EngineTestKit and reads how their tests ended. */
final class Examples {
  private final EngineExecutionResults results;

  private Examples(EngineExecutionResults results) {
    this.results = results;
  }

  /**
   * Runs {@code testClass} with {@code parameters} as extra configuration parameters; system
   * properties are configuration parameters too, as under a real launcher.
   */
  static Examples run(Class<?> testClass, Map<String, String> parameters) {
    return new Examples(EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .enableImplicitConfigurationParameters(true)
        .configurationParameter(OnlyThroughTestKit.PARAMETER, "true")
        .configurationParameters(parameters)
        .execute());
  }

  static Examples run(Class<?> testClass) {
    return run(testClass, Map.of());
  }

  EngineExecutionResults results() {
    return results;
  }

  /**
   * How each test ended, by method name; for an invocation of a template the method name, a space and
   * the invocation's display name ({@code perInvocation [2] 2}).
   */
  Map<String, TestExecutionResult> outcomes() {
    Map<String, TestExecutionResult> outcomes = new LinkedHashMap<>();
    for (Event event : results.testEvents().finished().list()) {
      String name = event.getTestDescriptor().getSource()
          .filter(MethodSource.class::isInstance)
          .map(source -> ((MethodSource) source).getMethodName())
          .orElse(event.getTestDescriptor().getDisplayName());
      if (event.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("test-template-invocation")) {
        name = name + " " + event.getTestDescriptor().getDisplayName();
      }
      outcomes.put(name, event.getRequiredPayload(TestExecutionResult.class));
    }
    return outcomes;
  }

  /** The outcome of the test method {@code method}. */
  TestExecutionResult outcome(String method) {
    TestExecutionResult outcome = outcomes().get(method);
    if (outcome == null) {
      throw new AssertionError("no test " + method + " finished; outcomes: " + outcomes()
          + "; container failures: " + containerFailures());
    }
    return outcome;
  }

  /** The failure of the test method {@code method}. */
  Throwable failure(String method) {
    Optional<Throwable> failure = outcome(method).getThrowable();
    if (outcome(method).getStatus() != TestExecutionResult.Status.FAILED || failure.isEmpty()) {
      throw new AssertionError(method + " did not fail: " + outcome(method));
    }
    return failure.get();
  }

  /** The message of the failure of {@code method}. */
  String message(String method) {
    return failure(method).getMessage();
  }

  /** Whether {@code method} passed; an AssertionError with its failure if not. */
  void assertPassed(String method) {
    TestExecutionResult outcome = outcome(method);
    if (outcome.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
      AssertionError error = new AssertionError(method + " did not pass: " + outcome.getStatus()
          + outcome.getThrowable().map(t -> "\n" + t.getMessage()).orElse(""));
      outcome.getThrowable().ifPresent(error::initCause);
      throw error;
    }
  }

  /** Failures of containers (classes, the engine): misuse or a failed baseline write. */
  Map<String, Throwable> containerFailures() {
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (Event event : results.containerEvents().failed().list()) {
      event.getRequiredPayload(TestExecutionResult.class).getThrowable()
          .ifPresent(t -> failures.put(event.getTestDescriptor().getDisplayName(), t));
    }
    return failures;
  }

  /**
   * The message of {@code CountCases.ExactCounts.selectBreach()}, the same whatever records the statements
   * (the agent attached or on the command line, or P6Spy's library mode).
   */
  static String expectedSelectBreachMessage() {
    return """
        QueryLens: ExactCounts.selectBreach() broke 1 query expectation
          SELECT: expected 1 but was 3 (@ExpectQueries)
        Statements run by the test (3):
             3 × select name from item where id = ?""";
  }

  /**
   * The message of {@code NPlusOneCases.lazyCustomersInALoop()}, the same whatever records the
   * statements (the agent, or P6Spy's library mode).
   */
  static String expectedNPlusOneMessage() {
    return """
        QueryLens: NPlusOneCases.lazyCustomersInALoop() broke 2 query expectations
          SELECT: expected 1 but was 6 (@ExpectQueries)
          N+1 query at example.cases.NPlusOneCases.lazyCustomersInALoop(NPlusOneCases.java:%d) (@NoNPlusOne)
            5 executions of: select c1_0.id, c1_0.name from customer c1_0 where c1_0.id = ?
            parent query: select co1_0.id, co1_0.customer_id from orders co1_0 order by co1_0.id (5 rows)
            fix: %s
        Statements run by the test (6):
             1 × select co1_0.id, co1_0.customer_id from orders co1_0 order by co1_0.id
             5 × select c1_0.id, c1_0.name from customer c1_0 where c1_0.id = ?"""
        .formatted(NPlusOneCases.loopLine, Suggestions.forFinding(FindingType.N_PLUS_ONE, Framework.HIBERNATE));
  }
}
