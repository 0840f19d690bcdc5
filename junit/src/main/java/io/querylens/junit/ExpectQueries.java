package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly how many statements of each kind the test runs; a member left at {@code -1} is not checked.
 *
 * <p>Counts are JDBC executions: an {@code executeBatch} is one, whatever its size. Statements are
 * sorted into kinds by their operation ({@link QueryKind}); {@code WITH ... SELECT} is a SELECT, and
 * {@link #total()} counts every statement, DDL, {@code CALL} and {@code MERGE} included.
 *
 * <p>On a test method it replaces the same annotation on the class (members are not merged). Setting
 * no member at all, or a negative one other than {@code -1}, is a configuration error. A breach reads
 * {@code SELECT: expected 1 but was 6 (@ExpectQueries)}.
 *
 * <pre>{@code
 * @Test
 * @ExpectQueries(select = 1, insert = 0)
 * void test() { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(QueryLensExtension.class)
public @interface ExpectQueries {
  /** The exact number of SELECT statements ({@code WITH ... SELECT} included), or {@code -1}. */
  int select() default -1;

  /** The exact number of INSERT statements, or {@code -1}. */
  int insert() default -1;

  /** The exact number of UPDATE statements, or {@code -1}. */
  int update() default -1;

  /** The exact number of DELETE statements, or {@code -1}. */
  int delete() default -1;

  /** The exact number of statements of any kind, or {@code -1}. */
  int total() default -1;
}
