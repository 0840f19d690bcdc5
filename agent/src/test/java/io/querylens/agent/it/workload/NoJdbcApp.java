package io.querylens.agent.it.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An application that never touches JDBC: its output must be the same with and without the agent. */
public final class NoJdbcApp {

  private NoJdbcApp() {}

  /** Prints a deterministic computation and its arguments. */
  public static void main(String[] args) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      numbers.add(i * 7919 % 1009);
    }
    Collections.sort(numbers);
    long sum = 0;
    for (int n : numbers) {
      sum += n;
    }
    System.out.println("hello " + String.join(" ", args));
    System.out.println("sum " + sum + " median " + numbers.get(numbers.size() / 2));
  }
}
