package io.querylens.junit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes the baseline file:
 * {@code {"schemaVersion": 1, "tests": {"<key>": {"total": 6, "statements": {"<sql>": 5}}}}}.
 *
 * <p>Written for code review: keys sorted, two-space indent, {@code \n} line ends whatever the
 * platform, so that re-recording shows only the counts that changed. Written to a temporary file
 * then moved over the old one, so that a crash never leaves half a file.
 */
final class BaselineFile {
  /** The version of the file's shape; a reader refuses others. */
  static final int SCHEMA_VERSION = 1;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  private static final TypeReference<TreeMap<String, BaselineEntry>> TESTS = new TypeReference<>() {};
  private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private BaselineFile() {}

  /**
   * The entries in {@code file}, by test key.
   *
   * @throws IOException when it cannot be read, is not JSON of this shape, or of another version;
   *     the message says which
   */
  static SortedMap<String, BaselineEntry> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IOException("it is not valid JSON (" + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException("it holds no JSON object");
    }
    int version = root.path("schemaVersion").asInt(-1);
    if (version != SCHEMA_VERSION) {
      throw new IOException("its schemaVersion is " + root.path("schemaVersion")
          + ", but this querylens-junit reads schemaVersion " + SCHEMA_VERSION);
    }
    try {
      SortedMap<String, BaselineEntry> tests = JSON.treeToValue(root.path("tests"), JSON.constructType(TESTS));
      return tests == null ? new TreeMap<>() : tests;
    } catch (JsonProcessingException e) {
      throw new IOException("its \"tests\" are not {\"<test>\": {\"total\": n, \"statements\": {...}}} ("
          + e.getOriginalMessage() + ")", e);
    }
  }

  /** Replaces {@code file} with {@code tests}. */
  static void write(Path file, Map<String, BaselineEntry> tests) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.set("tests", JSON.valueToTree(new TreeMap<>(tests)));
    String json = WRITER.writeValueAsString(root) + "\n";
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temporary, json, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
