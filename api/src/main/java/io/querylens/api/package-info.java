/**
 * The application-side QueryLens API: explicit units of work. A no-op without the agent.
 *
 * @since 0.1
 */
package io.querylens.api;
