package io.querylens.sample.demo;

/**
 * A problem endpoint and its fixed twin.
 *
 * @param findingType the QueryLens finding the problem causes and the fix avoids
 * @param problem the deliberately wrong endpoint
 * @param fixed its fixed twin, same answer
 */
record DemoScenario(String findingType, Endpoint problem, Endpoint fixed) {}
