package io.querylens.junit;

import io.querylens.analyzer.detect.FindingType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads a test's expectations from its annotations: each annotation on the test method, else on its
 * class (or a superclass, or the class enclosing a {@code @Nested} class), in the order their
 * breaches are reported.
 *
 * <p>A method's annotation replaces the same annotation of its class as a whole; members are not
 * merged. Values that can never work throw {@link ExtensionConfigurationException}.
 */
final class ExpectationReader {
  private ExpectationReader() {}

  /** The expectations of the test {@code context} runs. */
  static List<Expectation> read(ExtensionContext context) {
    List<Expectation> expectations = new ArrayList<>();
    find(context, ExpectQueries.class).ifPresent(a -> counts(expectations, "@ExpectQueries", true,
        a.select(), a.insert(), a.update(), a.delete(), a.total()));
    find(context, ExpectMaxQueries.class).ifPresent(a -> counts(expectations, "@ExpectMaxQueries", false,
        a.select(), a.insert(), a.update(), a.delete(), a.total()));
    find(context, NoNPlusOne.class).ifPresent(a ->
        expectations.add(FindingExpectation.none("@NoNPlusOne", FindingType.N_PLUS_ONE)));
    find(context, NoRepeatedQueries.class).ifPresent(a ->
        expectations.add(FindingExpectation.none("@NoRepeatedQueries", FindingType.REPEATED_QUERY)));
    find(context, ExpectBatching.class).ifPresent(a ->
        expectations.add(FindingExpectation.none("@ExpectBatching", FindingType.UNBATCHED_WRITES)));
    find(context, ExpectMaxQueryTime.class).ifPresent(a -> expectations.add(queryTime(a)));
    find(context, NoLockWaits.class).ifPresent(a -> expectations.add(FindingExpectation.none("@NoLockWaits",
        FindingType.LOCK_WAIT, FindingType.LOCK_TIMEOUT, FindingType.DEADLOCK)));
    return expectations;
  }

  private static <A extends Annotation> Optional<A> find(ExtensionContext context, Class<A> annotation) {
    Method method = context.getRequiredTestMethod();
    Optional<A> found = AnnotationSupport.findAnnotation(method, annotation);
    // Walked by hand: ExtensionContext.getEnclosingTestClasses() needs JUnit 5.13.3, and Spring Boot 3.5 brings 5.12.
    for (Class<?> type = context.getRequiredTestClass(); found.isEmpty() && type != null; type = enclosing(type)) {
      found = AnnotationSupport.findAnnotation(type, annotation);
    }
    return found;
  }

  /** The class a {@code @Nested} (inner) class is declared in, or null. */
  private static Class<?> enclosing(Class<?> type) {
    return type.isMemberClass() && !Modifier.isStatic(type.getModifiers()) ? type.getEnclosingClass() : null;
  }

  private static void counts(List<Expectation> expectations, String source, boolean exact,
      int select, int insert, int update, int delete, int total) {
    int[] values = {select, insert, update, delete, total};
    QueryKind[] kinds = {QueryKind.SELECT, QueryKind.INSERT, QueryKind.UPDATE, QueryKind.DELETE, null};
    String[] members = {"select", "insert", "update", "delete", "total"};
    boolean any = false;
    for (int i = 0; i < values.length; i++) {
      if (values[i] < -1) {
        throw new ExtensionConfigurationException(source + "(" + members[i] + " = " + values[i]
            + ") is not a count: give 0 or more, or leave it out (-1) not to check it");
      }
      if (values[i] >= 0) {
        expectations.add(new CountExpectation(kinds[i], values[i], exact, source));
        any = true;
      }
    }
    if (!any) {
      throw new ExtensionConfigurationException(source + " checks nothing: give at least one of select, insert,"
          + " update, delete or total, e.g. " + source + "(select = 1)");
    }
  }

  private static Expectation queryTime(ExpectMaxQueryTime annotation) {
    if (annotation.value() <= 0) {
      throw new ExtensionConfigurationException("@ExpectMaxQueryTime(" + annotation.value()
          + ") is not a duration: give the longest an execution may take, in milliseconds,"
          + " e.g. @ExpectMaxQueryTime(200)");
    }
    return new QueryTimeExpectation(annotation.value(), "@ExpectMaxQueryTime");
  }
}
