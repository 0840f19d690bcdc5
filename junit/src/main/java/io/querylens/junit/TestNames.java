package io.querylens.junit;

import java.lang.reflect.Method;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The names a test goes by: in failure messages ({@code OrderServiceTest.listsOrders()}), in the
 * baseline file ({@code com.example.OrderServiceTest#listsOrders()}) and in the agent (an id unique
 * in this JVM, short enough for an HTTP header).
 */
final class TestNames {
  /** A segment of a unique id that an invocation of a test (or class) template adds. */
  private static final Pattern INVOCATION = Pattern.compile("\\[[a-z-]*template-invocation:#(\\d+)]");
  private static final AtomicLong ids = new AtomicLong();

  private TestNames() {}

  /**
   * {@code OrderServiceTest.listsOrders()}; for an invocation of a parameterized or repeated test the
   * invocation's display name follows, e.g. {@code PriceTest.rounds() [2] 0.5}.
   */
  static String displayName(ExtensionContext context) {
    String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
        + "()";
    return invocations(context).isEmpty() ? name : name + " " + context.getDisplayName();
  }

  /**
   * {@code com.example.OrderServiceTest#listsOrders()}: the class, the method with its parameters'
   * simple type names, and for an invocation of a test template its index, e.g. {@code
   * com.example.PriceTest#rounds(double) [2]}. Stable from run to run.
   */
  static String baselineKey(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    StringJoiner parameters = new StringJoiner(", ", "(", ")");
    for (Class<?> type : method.getParameterTypes()) {
      parameters.add(type.getSimpleName());
    }
    String key = context.getRequiredTestClass().getName() + "#" + method.getName() + parameters;
    String invocations = invocations(context);
    return invocations.isEmpty() ? key : key + " [" + invocations + "]";
  }

  /** A new id, unique among the tests of this JVM: {@code test-17}. */
  static String newTestId() {
    return "test-" + ids.incrementAndGet();
  }

  /**
   * The invocation's index (from 1) for a test template, such as a parameterized test; under a class
   * template too, the class invocation's index first ({@code 2, 1}); empty for a plain test.
   */
  private static String invocations(ExtensionContext context) {
    StringJoiner indexes = new StringJoiner(", ");
    Matcher matcher = INVOCATION.matcher(context.getUniqueId());
    while (matcher.find()) {
      indexes.add(matcher.group(1));
    }
    return indexes.toString();
  }
}
