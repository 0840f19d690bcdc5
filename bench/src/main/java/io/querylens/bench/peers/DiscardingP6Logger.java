package io.querylens.bench.peers;

import com.p6spy.engine.logging.Category;
import com.p6spy.engine.spy.appender.FormattedLogger;

/**
 * A P6Spy appender that formats every message as P6Spy's own file and stdout appenders do, then
 * drops it: P6Spy's cost without the cost of the disk. Named by {@code -Dp6spy.config.appender}.
 */
public final class DiscardingP6Logger extends FormattedLogger {
  /** Created by P6Spy, by name. */
  public DiscardingP6Logger() {}

  @Override
  public void logException(Exception e) {}

  @Override
  public void logText(String text) {}

  @Override
  public boolean isCategoryEnabled(Category category) {
    // As FileLogger: categories are filtered by P6Spy's own excludecategories, not here.
    return true;
  }
}
