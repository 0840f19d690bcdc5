package io.querylens.exporter.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes report files the one safe way: a temporary file in the same directory, forced to disk,
 * readable by its owner only where the file system allows, then renamed over the target atomically,
 * so a reader sees the old file or the new one, never half of one.
 */
public final class ReportFiles {
  // Reports name the application's tables and statements: keep them from other local users.
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private ReportFiles() {}

  /**
   * Writes {@code content} to {@code dir/fileName}, replacing any earlier file. Creates the directory
   * if missing; on failure removes the temporary file and leaves the earlier file as it was.
   *
   * @return the absolute path written
   * @throws IOException if the directory cannot be created or the file cannot be written
   */
  public static Path write(Path dir, String fileName, byte[] content) throws IOException {
    Path absolute = dir.toAbsolutePath();
    Files.createDirectories(absolute);
    Path target = absolute.resolve(fileName);
    return write(target, content);
  }

  /** Writes {@code content} to {@code target} as {@link #write(Path, String, byte[])} does. */
  public static Path write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    // A dot-name so that a temporary file left by a killed JVM does not look like a report.
    String prefix = "." + target.getFileName() + "-";
    Path temp = posix
        ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, prefix, ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
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
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target.toAbsolutePath();
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
