package io.querylens.exporter.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The samples of a Prometheus text-format scrape, to assert on series by name and labels. */
final class PrometheusScrape {
  /** One line of the scrape: a series and its value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final String text;
  private final List<Sample> samples;

  private PrometheusScrape(String text, List<Sample> samples) {
    this.text = text;
    this.samples = samples;
  }

  static PrometheusScrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      samples.add(sample(line));
    }
    return new PrometheusScrape(text, samples);
  }

  String text() {
    return text;
  }

  List<Sample> samples() {
    return samples;
  }

  /** The samples named {@code name} whose labels include all of {@code labels} (name, value, name, value...). */
  List<Sample> matching(String name, String... labels) {
    Map<String, String> wanted = pairs(labels);
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet()))
        .collect(Collectors.toList());
  }

  /** The value of the one sample named {@code name} with exactly {@code labels}; fails if there is none. */
  double value(String name, String... labels) {
    Map<String, String> wanted = pairs(labels);
    List<Sample> found = samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
        .collect(Collectors.toList());
    if (found.size() != 1) {
      throw new AssertionError("expected one sample " + name + wanted + " but found " + found.size()
          + " in the scrape:\n" + text);
    }
    return found.get(0).value();
  }

  /** Whether a sample named {@code name} with exactly {@code labels} is in the scrape. */
  boolean has(String name, String... labels) {
    Map<String, String> wanted = pairs(labels);
    return samples.stream().anyMatch(s -> s.name().equals(name) && s.labels().equals(wanted));
  }

  /** The distinct values of {@code label} among the samples named {@code name}. */
  Set<String> labelValues(String name, String label) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().containsKey(label))
        .map(s -> s.labels().get(label))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The sum of the values of the samples named {@code name}. */
  double sum(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
  }

  private static Map<String, String> pairs(String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return map;
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2; // past ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      rest = i + 1;
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] fields = line.substring(rest).trim().split(" ");
    return new Sample(name, labels, parseValue(fields[0]));
  }

  private static double parseValue(String value) {
    switch (value) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(value);
    }
  }
}
