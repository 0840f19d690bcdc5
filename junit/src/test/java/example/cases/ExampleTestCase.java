package example.cases;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class the module's tests run through the EngineTestKit to see how QueryLens judges it;
 * many fail on purpose. Surefire leaves them out (tag {@code example}), and so does any other run
 * without the configuration parameter {@link OnlyThroughTestKit#PARAMETER}, such as an IDE's.
 *
 * <p>Classes live under {@code example.}, not {@code io.querylens.}: QueryLens never takes its own
 * frames for the application's line of code.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("example")
@ExtendWith(OnlyThroughTestKit.class)
public @interface ExampleTestCase {}
