package io.querylens.exporter.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code querylens-report.json} files back, for the command line's merge, diff and render.
 *
 * <p>Reads every schema version up to {@link Report#SCHEMA_VERSION}; fields a later version added
 * are ignored, and a report of an unknown version is refused with what to do about it.
 */
public final class ReportReader {
  private final ObjectMapper mapper = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** Reads the report in {@code file}; every problem is an {@link InvalidReportException} naming the file. */
  public Report read(Path file) {
    JsonNode root;
    try {
      root = mapper.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InvalidReportException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidReportException(file + ": not a QueryLens JSON report (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || !root.isObject() || !root.path("schemaVersion").isInt()) {
      throw new InvalidReportException(file + ": not a QueryLens JSON report (no schemaVersion)");
    }
    int version = root.path("schemaVersion").asInt();
    if (version < 1 || version > Report.SCHEMA_VERSION) {
      throw new InvalidReportException(file + ": schemaVersion " + version + " is not one this QueryLens reads (1 to "
          + Report.SCHEMA_VERSION + "); use the QueryLens version that wrote it, or a newer one");
    }
    try {
      return mapper.treeToValue(root, Report.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidReportException(file + ": not a complete QueryLens report (" + firstLine(e.getMessage()) + ")");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** A file that is not a report this version can read; the message says which file and why. */
  public static final class InvalidReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidReportException(String message) {
      super(message);
    }
  }
}
