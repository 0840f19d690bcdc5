package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * At most how many statements of each kind the test runs; a member left at {@code -1} is not checked.
 *
 * <p>Counts are JDBC executions: an {@code executeBatch} is one, whatever its size. Statements are
 * sorted into kinds by their operation ({@link QueryKind}); {@code WITH ... SELECT} is a SELECT, and
 * {@link #total()} counts every statement, DDL, {@code CALL} and {@code MERGE} included.
 *
 * <p>On a test method it replaces the same annotation on the class (members are not merged). Setting
 * no member at all, or a negative one other than {@code -1}, is a configuration error. A breach reads
 * {@code total: expected at most 3 but was 6 (@ExpectMaxQueries)}.
 *
 * <pre>{@code
 * @Test
 * @ExpectMaxQueries(total = 3)
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
public @interface ExpectMaxQueries {
  /** At most this many SELECT statements ({@code WITH ... SELECT} included), or {@code -1}. */
  int select() default -1;

  /** At most this many INSERT statements, or {@code -1}. */
  int insert() default -1;

  /** At most this many UPDATE statements, or {@code -1}. */
  int update() default -1;

  /** At most this many DELETE statements, or {@code -1}. */
  int delete() default -1;

  /** At most this many statements of any kind, or {@code -1}. */
  int total() default -1;
}
