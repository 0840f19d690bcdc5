package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records the statements each test of the class (or the annotated test) runs, so that the other
 * QueryLens annotations, a {@link QueryRecording} parameter and the baseline can check them.
 *
 * <p>Each test is one unit of work, from just before the test method starts to just after it ends:
 * {@code @BeforeAll}, {@code @BeforeEach} and {@code @AfterEach} methods are not counted. Every
 * other QueryLens annotation registers the extension too, so {@code @QueryLens} is only needed
 * where no expectation is declared (for a baseline, or to inject {@link QueryRecording}).
 *
 * <pre>{@code
 * @QueryLens
 * @NoNPlusOne
 * class OrderServiceTest {
 *   @Test
 *   @ExpectQueries(select = 1)
 *   void listsOrders() { service.list(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(QueryLensExtension.class)
public @interface QueryLens {}
