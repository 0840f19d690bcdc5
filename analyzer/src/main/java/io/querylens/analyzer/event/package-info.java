/** Statement events: what the agent observes of each execution, and who listens to it. */
package io.querylens.analyzer.event;
