/**
 * SQL fingerprinting: {@link io.querylens.analyzer.fingerprint.Fingerprinter} turns a JDBC SQL
 * string into a literal-free {@link io.querylens.analyzer.fingerprint.NormalizedSql} with a
 * stable fingerprint.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise (no
 * nullness annotations are on the classpath, so this is stated here instead of with
 * {@code @NullMarked}).
 */
package io.querylens.analyzer.fingerprint;
