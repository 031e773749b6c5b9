package io.github.milvusmonitored.lab;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the JVM's one {@link Lab}: started by the first test that asks for it, stopped when
 * the JVM exits (a shutdown hook). The JVM, not the test run, owns it because a build that hands a
 * fork its test classes one at a time (Failsafe with several forks) ends a test run per class. A
 * lab that cannot start fails the test, and every later test of the JVM with the same cause; it
 * never skips.
 */
public final class LabExtension implements ParameterResolver {

  private static Lab lab;
  private static RuntimeException failure;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The JVM's lab, started on first use. */
  public static synchronized Lab shared(ExtensionContext context) {
    if (failure != null) {
      throw new LabException(
          "The lab of this JVM could not start (first failure below); not trying again", failure);
    }
    if (lab == null) {
      try {
        lab = Lab.start();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "lab-close"));
    }
    return lab;
  }
}
