/**
 * The {@code --demo} mode: drives every endpoint pair over HTTP, problem first, then its fixed
 * twin, and says where the QueryLens agent's reports and metrics are. Active only in the {@code
 * demo} profile, which {@code --demo} switches on.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.demo;
