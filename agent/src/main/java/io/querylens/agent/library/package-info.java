/**
 * Library mode: QueryLens for applications that cannot use {@code -javaagent}, fed by P6Spy instead
 * of instrumentation.
 *
 * <p>With {@code querylens-agent.jar} and P6Spy on the class path, either register the module with
 * P6Spy, in {@code spy.properties} or as a system property:
 *
 * <pre>{@code
 * modulelist=io.querylens.agent.library.QueryLensP6Module
 * -Dp6spy.config.modulelist=io.querylens.agent.library.QueryLensP6Module
 * }</pre>
 *
 * <p>or list {@code io.querylens.agent.library.QueryLensJdbcEventListener} in the application's
 * {@code META-INF/services/com.p6spy.engine.event.JdbcEventListener}, which P6Spy reads whatever its
 * {@code modulelist}. The connections must go through P6Spy: {@code jdbc:p6spy:} URLs (also as a
 * pool's {@code jdbcUrl}), or a {@code com.p6spy.engine.spy.P6DataSource}. QueryLens's own options come
 * from {@code -Dquerylens.*} and {@code QUERYLENS_*} as for the agent; the pipeline is the agent's own
 * (recorder, detectors, reports, metrics), so findings and figures are the same.
 *
 * <p>What library mode cannot see, having no instrumentation: time spent waiting for a pooled
 * connection ({@code POOL_WAIT}); HTTP requests as scopes; statements on connections that bypass
 * P6Spy; which statements a pool runs for itself, when P6Spy sits below the pool (a configured test
 * query or init SQL then counts as the application's); rows read from {@code getGeneratedKeys()},
 * which P6Spy does not wrap. Lock-wait probes need a connection opened through {@code jdbc:p6spy:} whose URL alone (no separate
 * user and password) opens another.
 *
 * <p>When the agent runs in the same JVM, library mode stands aside: the agent already sees every
 * statement, below P6Spy.
 *
 * <p>All parameters and return values in this package are non-null unless documented otherwise.
 *
 * @since 0.1
 */
package io.querylens.agent.library;
