package io.querylens.junit;

import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;

/**
 * The extension behind {@link QueryLens} and the expectation annotations: records each test method
 * in the agent, then fails the test, with one message listing every breach, when its statements
 * break its expectations or its baseline; resolves {@link QueryRecording} parameters.
 *
 * <p>Recording starts in {@code beforeTestExecution} and ends in {@code afterTestExecution}, so
 * {@code @BeforeAll}/{@code @BeforeEach}/{@code @AfterEach} methods are never counted. A test that
 * failed by itself keeps its own failure; the QueryLens one is added to it as suppressed.
 */
final class QueryLensExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(QueryLensExtension.class);

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    List<Expectation> expectations = ExpectationReader.read(context);
    BaselineRun baseline = baseline(context);
    baseline.requireUsable();
    TestHooksBridge hooks = RecorderConnection.hooks(settings(context));
    TestCapture capture = TestCapture.open(hooks, TestNames.newTestId(), TestNames.displayName(context));
    context.getStore(NAMESPACE).put(TestRun.class, new TestRun(capture, expectations));
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    TestRun run = context.getStore(NAMESPACE).remove(TestRun.class, TestRun.class);
    if (run == null) {
      return; // beforeTestExecution failed, and said why
    }
    RecordedQueries recorded = run.capture().finish();
    Optional<Throwable> failure = context.getExecutionException();
    List<Breach> breaches = new ArrayList<>();
    for (Expectation expectation : run.expectations()) {
      expectation.evaluate(recorded, breaches);
    }
    baseline(context).afterTest(TestNames.baselineKey(context), recorded, failure.isPresent(),
        breaches, note -> {
          System.out.println(note);
          context.publishReportEntry("querylens.baseline", note);
        });
    if (breaches.isEmpty()) {
      return;
    }
    AssertionFailedError error = new AssertionFailedError(FailureMessage.of(breaches, recorded));
    if (failure.isPresent()) {
      failure.get().addSuppressed(error); // the test's own failure comes first
    } else {
      throw error;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == QueryRecording.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Executable executable = parameter.getDeclaringExecutable();
    TestRun run = context.getStore(NAMESPACE).get(TestRun.class, TestRun.class);
    if (run == null || !executable.equals(context.getTestMethod().orElse(null))) {
      throw new ParameterResolutionException("QueryRecording can only be a parameter of a test method, not of "
          + executable.getName() + "(): the recording starts right before the test method runs (set-up in"
          + " @BeforeAll and @BeforeEach methods is never counted)");
    }
    return new CaptureRecording(run.capture());
  }

  private static BaselineRun baseline(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(BaselineRun.class, type -> BaselineRun.open(settings(context)), BaselineRun.class);
  }

  /** Settings by name: JUnit configuration parameters, which fall back to system properties. */
  private static Function<String, String> settings(ExtensionContext context) {
    return name -> context.getConfigurationParameter(name).orElse(null);
  }

  /**
   * A test being recorded: its capture, closed by Jupiter with the store should the test end
   * without {@link #afterTestExecution}, and its expectations, read before it ran.
   *
   * <p>Both {@code AutoCloseable}, which JUnit 5.13 closes and prefers, and the deprecated {@code
   * CloseableResource}, which is all that earlier releases (Spring Boot 3.5 brings 5.12) close.
   */
  @SuppressWarnings("deprecation")
  private record TestRun(TestCapture capture, List<Expectation> expectations)
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      capture.close();
    }
  }
}
