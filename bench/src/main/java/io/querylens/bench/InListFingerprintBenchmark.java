package io.querylens.bench;

import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lexer on a 1 MB statement, a literal {@code IN} list of about 120,000 numbers, as code that
 * builds its {@code IN} list by concatenation sends it: linear time, one pass, no recursion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class InListFingerprintBenchmark {
  /** The statement's length in characters. */
  public static final int LENGTH = 1 << 20;

  private String inList;

  /** Builds the statement. */
  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder builder = new StringBuilder(LENGTH).append("select id, name from customer where id in (");
    for (int i = 0; builder.length() < LENGTH - 10; i++) {
      builder.append(i == 0 ? "" : ", ").append(1_000_000 + i);
    }
    inList = builder.append(')').toString();
  }

  /** Normalizes the 1 MB statement. */
  @Benchmark
  public NormalizedSql normalizeOneMegabyteInList() {
    return Fingerprinter.normalize(inList);
  }
}
