package io.github.milvusmonitored.lab;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the JVM's one {@link Lab}: started by the first test that asks for it, stopped when
 * the test run ends (the root store closes it). A lab that cannot start fails the test; it never
 * skips.
 */
public final class LabExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LabExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The JVM's lab, started on first use. */
  public static Lab shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Resource.class, type -> new Resource(Lab.start()), Resource.class)
        .lab;
  }

  private record Resource(Lab lab)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      lab.close();
    }
  }
}
