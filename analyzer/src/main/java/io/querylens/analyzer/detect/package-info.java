/**
 * Detectors that judge the statements of one scope (N+1, repeated queries, unbatched writes) and the
 * registry that turns their findings into one report entry per type, scope name, statement and call
 * site.
 */
package io.querylens.analyzer.detect;
