package io.querylens.exporter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a {@link Report} as {@code querylens-report.json}, pretty-printed, readable by its owner
 * only, and replaced atomically so that a reader never sees half a report.
 *
 * <p>Thread-safe: the underlying Jackson writer is immutable, and concurrent {@link #write} calls
 * each go through their own temporary file (the last move wins). Not on any hot path.
 *
 * @since 0.1
 */
public final class JsonReportWriter {
  /** The report's file name inside the report directory. */
  public static final String FILE_NAME = "querylens-report.json";

  private final ObjectWriter writer;

  /** Creates a writer. */
  public JsonReportWriter() {
    this.writer =
        JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build()
            .writerWithDefaultPrettyPrinter();
  }

  /**
   * Returns the report as pretty-printed JSON, ending with a newline.
   *
   * @param report the report
   * @return the JSON text
   * @throws UncheckedIOException if Jackson cannot serialize the report (a bug in the model)
   */
  public String toJson(Report report) {
    try {
      return writer.writeValueAsString(Objects.requireNonNull(report, "report")) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("querylens - could not serialize the report", e);
    }
  }

  /**
   * Writes the report to {@code <reportDir>/querylens-report.json}, replacing any earlier one.
   *
   * <p>Creates the directory if missing. Writes a temporary file in the same directory, forces it
   * to disk, then renames it over the report with an atomic move (a plain replacing move where the
   * file system cannot move atomically), so readers see either the old report or the new one. Where
   * the file system supports POSIX permissions the file is {@code rw-------}; elsewhere its
   * permissions are the file system's default. On failure the temporary file is removed and the
   * earlier report is left as it was.
   *
   * @param report the report
   * @param reportDir the directory to write into; relative paths resolve against the working
   *     directory
   * @return the absolute path of the written file
   * @throws IOException if the directory cannot be created or the file cannot be written
   */
  public Path write(Report report, Path reportDir) throws IOException {
    return ReportFiles.write(reportDir, FILE_NAME, toJson(report).getBytes(StandardCharsets.UTF_8));
  }
}
