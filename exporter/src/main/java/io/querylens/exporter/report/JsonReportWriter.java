package io.querylens.exporter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

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

  // Reports name the application's tables and statements: keep them from other local users.
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

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
    byte[] json = toJson(report).getBytes(StandardCharsets.UTF_8);
    Path dir = reportDir.toAbsolutePath();
    Files.createDirectories(dir);
    Path target = dir.resolve(FILE_NAME);
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    // A dot-name so that a temporary file left by a killed JVM does not look like a report.
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                ".querylens-report-",
                ".json.tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, ".querylens-report-", ".json.tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(json);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // Without this a crash right after the rename can leave an empty file under the final
        // name on some file systems (ext4 delayed allocation).
        channel.force(true);
      }
      if (posix) {
        restrictToOwner(temp);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      // createTempFile already asked for rw-------; say it again in case a file system honoured
      // the attribute loosely. A file system that refuses is one whose permissions we cannot set.
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (IOException | UnsupportedOperationException e) {
      // ignored, as documented
    }
  }
}
