/**
 * Scopes, the units of work findings belong to (requests, transactions, tests, explicit scopes and
 * per-thread windows), and the per-scope bookkeeping the detectors read.
 */
package io.querylens.analyzer.scope;
