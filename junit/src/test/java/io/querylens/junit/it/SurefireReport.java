package io.querylens.junit.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The outcome of each test in one surefire {@code TEST-*.xml} report. */
final class SurefireReport {
  /** How one test ended: {@code passed}, {@code failure}, {@code error} or {@code skipped}. */
  record Outcome(String status, String type, String message) {
    boolean passed() {
      return status.equals("passed");
    }

    @Override
    public String toString() {
      return message == null ? status : status + " (" + type + "): " + message;
    }
  }

  private final Path file;
  private final Map<String, Outcome> outcomes;

  private SurefireReport(Path file, Map<String, Outcome> outcomes) {
    this.file = file;
    this.outcomes = outcomes;
  }

  static SurefireReport read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("no surefire report " + file + ": the consumer's tests did not run");
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
      Map<String, Outcome> outcomes = new LinkedHashMap<>();
      NodeList cases = suite.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testCase = (Element) cases.item(i);
        outcomes.put(testCase.getAttribute("name"), outcomeOf(testCase));
      }
      return new SurefireReport(file, outcomes);
    } catch (Exception e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  /** The outcome of the test method {@code name}. */
  Outcome outcome(String name) {
    Outcome outcome = outcomes.get(name);
    if (outcome == null) {
      throw new AssertionError(file.getFileName() + " has no test " + name + "; it has " + outcomes.keySet());
    }
    return outcome;
  }

  private static Outcome outcomeOf(Element testCase) {
    for (String status : new String[] {"failure", "error", "skipped"}) {
      NodeList found = testCase.getElementsByTagName(status);
      if (found.getLength() > 0) {
        Element element = (Element) found.item(0);
        return new Outcome(status, element.getAttribute("type"), element.getAttribute("message"));
      }
    }
    return new Outcome("passed", null, null);
  }
}
