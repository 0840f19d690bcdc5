package example.corpus;

/**
 * One labelled case of the N+1 corpus: a small piece of application code that either has a query
 * problem QueryLens must report or looks like one and must not be reported.
 *
 * <p>The expected findings are written in the source, on the line the finding's call site must
 * name: a trailing comment {@code // expect: TYPE [TYPE ...] [scope="name"]}, where each {@code TYPE}
 * is {@code N_PLUS_ONE}, {@code REPEATED_QUERY} or {@code UNBATCHED_WRITES} (one token per finding at
 * that line) and the optional {@code scope} is the scope name every one of them must carry. A
 * scenario without such a comment expects no finding at all.
 *
 * <p>{@link CorpusMain} runs each step on its own platform thread (the workload on a thread named
 * after the scenario), one scenario after the other, so no two scenarios ever share a scope and the
 * set-up never shares one with the workload. Whatever {@link #prepare()} and {@link #close()} run
 * must itself be free of findings: schema by DDL or Hibernate's schema export, data by one {@code
 * executeBatch}.
 */
public interface Scenario {

  /** Creates the scenario's schema, data and servers. */
  default void prepare() throws Exception {}

  /** Runs the workload whose findings are labelled. */
  void run() throws Exception;

  /** Releases what {@link #prepare()} made; runs even when {@link #run()} failed. */
  default void close() throws Exception {}

  /** The scenario's name: its class's simple name, also the name of the thread {@link #run()} runs on. */
  default String name() {
    return getClass().getSimpleName();
  }
}
