package io.github.milvusmonitored.junit.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Names the folder of a test's diagnostics: {@code <reportDirectory>/<class>/<test>/}, absolute.
 */
final class ReportFolders {

  private static final int MAX_NAME = 100;

  private ReportFolders() {}

  static Path forTest(Path reportDirectory, ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    String className =
        testClass
            .getName()
            .substring(
                testClass.getPackageName().isEmpty() ? 0 : testClass.getPackageName().length() + 1);
    String test = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
    boolean invocation = context.getParent().flatMap(ExtensionContext::getTestMethod).isPresent();
    if (invocation) {
      test =
          test
              + "-"
              + context.getDisplayName(); // parameterized and repeated tests get one folder each
    }
    return reportDirectory
        .resolve(safe(className))
        .resolve(safe(test))
        .toAbsolutePath()
        .normalize();
  }

  static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._$-]+", "_").replaceAll("^_+|_+$", "");
    return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME) : cleaned;
  }
}
