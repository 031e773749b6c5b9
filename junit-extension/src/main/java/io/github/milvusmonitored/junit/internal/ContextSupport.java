package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.junit.MilvusMonitored;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Finds the annotation and the class-level context of whatever context JUnit hands over. */
final class ContextSupport {

  static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create("io.github.milvusmonitored.junit");

  private ContextSupport() {}

  /**
   * {@code @MilvusMonitored} on the test class, on a superclass (inherited), through a composed
   * annotation, or on an enclosing class of a {@code @Nested} class.
   */
  static Optional<MilvusMonitored> annotation(ExtensionContext context) {
    for (Class<?> type = context.getTestClass().orElse(null);
        type != null;
        type = enclosing(type)) {
      Optional<MilvusMonitored> found =
          AnnotationSupport.findAnnotation(type, MilvusMonitored.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The nearest context that belongs to a class rather than to a method or an invocation. */
  static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static Class<?> enclosing(Class<?> type) {
    return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
  }
}
