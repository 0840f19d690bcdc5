/**
 * Call sites: the application's line of code behind a statement, found by walking the stack past
 * JDK, driver, pool, ORM, framework and proxy frames.
 */
package io.querylens.analyzer.callsite;
