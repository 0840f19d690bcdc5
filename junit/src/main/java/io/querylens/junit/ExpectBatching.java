package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when it writes row by row: many single-row executions of one INSERT, UPDATE or
 * DELETE (at least the agent's {@code unbatchedWriteThreshold}, 10 by default), each its own round
 * trip, where one {@code executeBatch} (or Hibernate's {@code hibernate.jdbc.batch_size}) would do.
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(QueryLensExtension.class)
public @interface ExpectBatching {}
