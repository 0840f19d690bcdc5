package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when any single execution of a statement took longer than {@link #value()}
 * milliseconds.
 *
 * <p>The failure names the line that ran the statement when the agent took its stack, which it does
 * for executions that reach its {@code slowQueryThreshold} (500 ms by default); for a lower limit,
 * lower that threshold too to see the line. On a test method it replaces the annotation on the class.
 *
 * <pre>{@code
 * @Test
 * @ExpectMaxQueryTime(200)
 * void searchIsFast() { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(QueryLensExtension.class)
public @interface ExpectMaxQueryTime {
  /** The longest an execution may take, in milliseconds; must be positive. */
  long value();
}
