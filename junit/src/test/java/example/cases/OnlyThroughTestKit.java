package example.cases;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs an {@link ExampleTestCase} only when the EngineTestKit asks for it. */
public final class OnlyThroughTestKit implements ExecutionCondition {
  /** The configuration parameter the kit sets to {@code true}. */
  public static final String PARAMETER = "querylens.examples";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
        ? ConditionEvaluationResult.enabled("run through the EngineTestKit")
        : ConditionEvaluationResult.disabled("an example the module's tests run through the EngineTestKit");
  }
}
