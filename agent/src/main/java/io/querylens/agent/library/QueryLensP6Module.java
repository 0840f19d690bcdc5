package io.querylens.agent.library;

import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.spy.P6Factory;
import com.p6spy.engine.spy.P6LoadableOptions;
import com.p6spy.engine.spy.option.P6OptionsRepository;
import java.util.Map;
import javax.management.StandardMBean;

/**
 * The P6Spy module that starts library mode: {@code modulelist=io.querylens.agent.library.QueryLensP6Module}
 * in {@code spy.properties}, or {@code -Dp6spy.config.modulelist=...}. Keep P6Spy's other modules in the
 * list to keep what they do ({@code com.p6spy.engine.logging.P6LogFactory} writes {@code spy.log}).
 *
 * <p>Created by P6Spy, by name, each time it loads its options; every instance hands out the same
 * listener. Thread-safe.
 *
 * @since 0.1
 */
public final class QueryLensP6Module implements P6Factory {
  /** Called by P6Spy. */
  public QueryLensP6Module() {}

  /** QueryLens takes no P6Spy options: its own come from {@code -Dquerylens.*} and {@code QUERYLENS_*}. */
  @Override
  public P6LoadableOptions getOptions(P6OptionsRepository optionsRepository) {
    return new Options();
  }

  /**
   * Starts library mode ({@link LibraryMode#start()}) and returns its listener, or null (P6Spy's "none")
   * when library mode stands aside, so that P6Spy does not call it at all.
   */
  @Override
  public JdbcEventListener getJdbcEventListener() {
    return LibraryMode.start() ? QueryLensJdbcEventListener.shared() : null;
  }

  /**
   * No options. P6Spy registers every module's options as a JMX {@link StandardMBean} (unless {@code
   * jmx=false}) and fails to start with anything else, so this is one, without attributes.
   */
  public static final class Options extends StandardMBean implements P6LoadableOptions, OptionsMBean {
    /** Options with nothing in them. */
    public Options() {
      super(OptionsMBean.class, false);
    }

    @Override
    public void load(Map<String, String> options) {}

    @Override
    public Map<String, String> getDefaults() {
      return Map.of();
    }
  }

  /** The management interface of {@link Options}: empty. */
  public interface OptionsMBean {}
}
