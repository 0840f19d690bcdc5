package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when it runs an N+1 query: the same SELECT from the same line of code once per row
 * of a parent query (at least the agent's {@code nPlusOneThreshold} times, 3 by default, with
 * different parameters).
 *
 * <p>The failure names the line ({@code Class.method(File.java:42)}, which IDEs link), how many
 * executions, the parent query and how to fix it, for instance with {@code JOIN FETCH}. Batched
 * fetches ({@code IN} lists, {@code @BatchSize}) are not N+1 queries.
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(QueryLensExtension.class)
public @interface NoNPlusOne {}
