/** From advice callbacks to statement events: SQL remembered per statement, timing, rows, fingerprints. */
package io.querylens.agent.record;
