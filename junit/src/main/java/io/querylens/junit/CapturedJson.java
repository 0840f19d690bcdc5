package io.querylens.junit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.querylens.analyzer.capture.CapturedQueries;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.JUnitException;

/**
 * Reads what the agent sends back for a test: the JSON of the analyzer's {@link CapturedQueries}.
 *
 * <p>The agent's copy of the analyzer is relocated inside its jar, so the two sides share no class,
 * only this JSON; its {@code schemaVersion} is checked first, so that an agent of another version
 * fails with a message rather than with wrong counts. Thread-safe.
 */
final class CapturedJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CapturedJson() {}

  /**
   * Parses {@code json}.
   *
   * @throws ExtensionConfigurationException when the agent wrote another schema version
   * @throws JUnitException when it is not JSON of {@link CapturedQueries}
   */
  static CapturedQueries parse(String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new JUnitException("QueryLens could not read what the agent recorded: " + e.getOriginalMessage(), e);
    }
    int version = tree.path("schemaVersion").asInt(-1);
    if (version != CapturedQueries.SCHEMA_VERSION) {
      throw new ExtensionConfigurationException("QueryLens: the agent recorded the test in schema version " + version
          + ", but this querylens-junit reads schema version " + CapturedQueries.SCHEMA_VERSION
          + "; use querylens-junit and querylens-agent of the same release");
    }
    try {
      return JSON.treeToValue(tree, CapturedQueries.class);
    } catch (JsonProcessingException e) {
      throw new JUnitException("QueryLens could not read what the agent recorded: " + e.getOriginalMessage(), e);
    }
  }
}
