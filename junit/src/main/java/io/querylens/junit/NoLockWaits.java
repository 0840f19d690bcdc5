package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when one of its statements waited for a database lock: a lock wait longer than the
 * agent's {@code lockWaitThreshold} ({@code LOCK_WAIT}), a lock timeout ({@code LOCK_TIMEOUT}) or a
 * deadlock ({@code DEADLOCK}).
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(QueryLensExtension.class)
public @interface NoLockWaits {}
