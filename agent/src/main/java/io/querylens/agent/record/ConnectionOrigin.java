package io.querylens.agent.record;

import java.lang.ref.WeakReference;
import java.util.Properties;

/**
 * How the application opened a connection: the driver object, URL and properties, so the agent can
 * open one more like it to ask the database about locks, never taking one from the application's
 * pool. The driver is held weakly (an application may unload it); the properties may hold a
 * password and are never logged or reported.
 */
final class ConnectionOrigin {
  final WeakReference<Object> driver;
  final String url;
  final Properties properties;

  ConnectionOrigin(Object driver, String url, Properties properties) {
    this.driver = new WeakReference<>(driver);
    this.url = url;
    this.properties = properties;
  }

  static ConnectionOrigin of(Object driver, String url, Object properties) {
    Properties copy = new Properties();
    if (properties instanceof Properties) {
      copy.putAll((Properties) properties);
    }
    return new ConnectionOrigin(driver, url, copy);
  }
}
