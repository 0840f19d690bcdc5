package io.querylens.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The baseline for one test run: checks each test against its entry in the baseline file, or, with
 * {@code -Dquerylens.baseline.record=true}, records each test and writes the file when the run ends.
 *
 * <p>Lives in the root store, so Jupiter closes it, and thereby writes the file, after the last test
 * (as an {@code AutoCloseable} from JUnit 5.13, as a {@code CloseableResource} before).
 * Recording merges: entries of tests that did not run (or failed) are kept as they were. Thread-safe
 * for parallel runs.
 */
@SuppressWarnings("deprecation") // CloseableResource: see TestRun
final class BaselineRun implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  static final String FILE_PROPERTY = "querylens.baseline.file";
  static final String RECORD_PROPERTY = "querylens.baseline.record";
  static final String DEFAULT_FILE = "querylens-baseline.json";

  private final Path file;
  private final boolean recording;
  /** The file's entries; empty when it does not exist. */
  private final SortedMap<String, BaselineEntry> baseline;
  /** Why the file cannot be used, or null. */
  private final String unusable;
  private final Map<String, BaselineEntry> recorded = new ConcurrentHashMap<>();
  // guarded by this
  private boolean written;

  private BaselineRun(Path file, boolean recording) {
    this.file = file;
    this.recording = recording;
    SortedMap<String, BaselineEntry> entries = new TreeMap<>();
    String problem = null;
    if (Files.exists(file)) {
      try {
        entries = BaselineFile.read(file);
      } catch (IOException e) {
        problem = e.getMessage();
      }
    }
    this.baseline = entries;
    this.unusable = problem;
  }

  /**
   * The baseline that {@code settings} ({@link #FILE_PROPERTY}, {@link #RECORD_PROPERTY}, read as
   * configuration parameters or system properties) describe; the file, relative to the working
   * directory unless absolute, is read now.
   */
  static BaselineRun open(Function<String, String> settings) {
    String name = settings.apply(FILE_PROPERTY);
    Path file = Paths.get(name == null || name.isBlank() ? DEFAULT_FILE : name.trim()).toAbsolutePath().normalize();
    return new BaselineRun(file, Boolean.parseBoolean(settings.apply(RECORD_PROPERTY)));
  }

  /**
   * Throws when the file exists but cannot be read: before a test runs, so that it does not pass
   * unchecked.
   */
  void requireUsable() {
    if (unusable != null) {
      throw new ExtensionConfigurationException("QueryLens cannot use the baseline " + file + ": " + unusable
          + (recording ? "; delete it to record a new one" : "; fix it, or delete it and record a new one"
              + " with -D" + RECORD_PROPERTY + "=true"));
    }
  }

  /**
   * Takes a test's statements into account: recorded, or checked against its entry.
   *
   * @param key the test's baseline key
   * @param failed whether the test failed by itself: it is not recorded then
   * @param breaches gets the breach when the test ran more than its baseline
   * @param notes gets the note when it ran fewer
   */
  void afterTest(String key, RecordedQueries now, boolean failed, List<Breach> breaches,
      Consumer<String> notes) {
    if (recording) {
      if (!failed) {
        recorded.put(key, BaselineEntry.of(now));
      }
      return;
    }
    BaselineEntry entry = baseline.get(key);
    if (entry == null) {
      return;
    }
    Breach exceeded = BaselineComparison.exceeded(entry, now, file);
    if (exceeded != null) {
      breaches.add(exceeded);
      return;
    }
    String shrank = BaselineComparison.shrank(entry, now);
    if (shrank != null) {
      notes.accept(shrank);
    }
  }

  /** When recording, writes the file: the old entries, replaced by this run's; once. */
  @Override
  public synchronized void close() {
    if (!recording || recorded.isEmpty() || unusable != null || written) {
      return;
    }
    written = true;
    SortedMap<String, BaselineEntry> merged = new TreeMap<>(baseline);
    merged.putAll(recorded);
    try {
      BaselineFile.write(file, merged);
    } catch (IOException e) {
      throw new UncheckedIOException("QueryLens could not write the baseline " + file + ": " + e, e);
    }
  }
}
