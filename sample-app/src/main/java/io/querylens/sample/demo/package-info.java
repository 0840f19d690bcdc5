/**
 * The {@code --demo} mode: drives every endpoint pair over HTTP, problem first, then its fixed
 * twin, and points at the QueryLens agent's own lines for where its reports and metrics are. Active
 * only in the {@code demo} profile, which {@code --demo} switches on.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.demo;
