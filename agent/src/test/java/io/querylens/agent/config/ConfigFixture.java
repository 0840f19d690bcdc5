package io.querylens.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Builds the three option sources for a test and captures the warnings a load produces. */
final class ConfigFixture {

  private String agentArgs;
  private final Properties properties = new Properties();
  private final Map<String, String> environment = new LinkedHashMap<>();
  final List<String> warnings = new ArrayList<>();

  static ConfigFixture sources() {
    return new ConfigFixture();
  }

  ConfigFixture agentArgs(String args) {
    this.agentArgs = args;
    return this;
  }

  ConfigFixture property(String name, String value) {
    properties.setProperty(name, value);
    return this;
  }

  ConfigFixture env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  AgentConfig load() {
    warnings.clear();
    return AgentConfig.load(agentArgs, properties, environment, warnings::add);
  }

  /** Loads with only an agent argument, for the many tests about one value's syntax. */
  static ConfigFixture withArgs(String args) {
    return sources().agentArgs(args);
  }
}
