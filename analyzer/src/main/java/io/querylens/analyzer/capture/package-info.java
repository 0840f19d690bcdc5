/**
 * What one test (or any caller that asks) ran: its statements with their counts and the findings
 * raised in its units of work, gathered across the threads that worked for it, for test-suite
 * assertions.
 */
package io.querylens.analyzer.capture;
