/**
 * The report model: what {@code querylens-report.json} holds, as Java records with Jackson
 * annotations, and {@link io.querylens.analyzer.report.ReportAssembler}, which builds it from the
 * statistics.
 *
 * <p>The JSON shape is public contract, described by {@code docs/report-schema.json} and versioned
 * by {@link io.querylens.analyzer.report.Report#SCHEMA_VERSION}: rename nothing, and add fields
 * only where the schema leaves room. Instants are ISO-8601 strings (so that no Jackson module is
 * needed to write or read them); durations are milliseconds rounded to 3 decimals.
 *
 * <p>All records are immutable. All parameters and return values in this package are non-null
 * unless documented otherwise.
 *
 * @since 0.1
 */
package io.querylens.analyzer.report;
