/**
 * JUnit 5 assertions on the statements a test runs: {@link io.querylens.junit.QueryLens @QueryLens}
 * records each test, and annotations such as {@link io.querylens.junit.ExpectQueries
 * @ExpectQueries} or {@link io.querylens.junit.NoNPlusOne @NoNPlusOne} fail it, with one message
 * that points at the line of code, when it ran other statements than expected.
 *
 * <p>The statements come from the QueryLens agent: the one on the test JVM's command line
 * ({@code -javaagent:querylens-agent.jar}), else the agent jar on the test class path, which the
 * extension attaches to the running JVM itself, or, with {@code -Dquerylens.junit.mode=library},
 * the P6Spy library mode.
 *
 * <p>What is counted: the statements the test method itself runs, from {@code
 * BeforeTestExecutionCallback} to {@code AfterTestExecutionCallback}, on its thread and in the HTTP
 * requests it sends to a server in the same JVM. Fixture set-up in {@code @BeforeAll} and {@code
 * @BeforeEach} methods, and clean-up in {@code @AfterEach}, is never counted; set-up inside the test
 * method is left out with {@link io.querylens.junit.QueryRecording#notCounted
 * QueryRecording.notCounted}.
 *
 * <p>Only the annotations, {@link io.querylens.junit.QueryRecording}, {@link
 * io.querylens.junit.RecordedQueries}, {@link io.querylens.junit.QueryAssertions} and {@link
 * io.querylens.junit.QueryKind} are API; every other type is package-private. Parameters and return
 * values are non-null unless their documentation says otherwise (no nullness annotations are on the
 * class path, so this is stated here instead of with {@code @NullMarked}).
 *
 * @since 0.1
 */
package io.querylens.junit;
