/** Wires the agent to the exporter's meters: the agent's own figures. */
package io.querylens.agent.metrics;
