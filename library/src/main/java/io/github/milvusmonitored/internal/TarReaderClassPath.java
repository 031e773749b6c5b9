package io.github.milvusmonitored.internal;

import java.security.CodeSource;
import java.util.Optional;

/**
 * Checks, before a tar archive is read, that the class path has the commons-lang3 the tar reader
 * needs.
 *
 * <p>commons-compress 1.28 calls {@code org.apache.commons.lang3.SystemProperties} (commons-lang3
 * 3.13+) whenever it makes a tar entry, reading included. Maven keeps the first of two versions
 * found at the same depth, so a project that declares {@code milvus-sdk-java} 2.6.22 (which brings
 * commons-lang3 3.12.0) before this library gets 3.12.0, and reading an archive would end in a
 * {@code NoClassDefFoundError}. This check turns that into a message that says what to declare.
 */
public final class TarReaderClassPath {

  static final String NEEDED_CLASS = "org.apache.commons.lang3.SystemProperties";
  private static final String ANY_LANG3_CLASS = "org.apache.commons.lang3.StringUtils";

  private TarReaderClassPath() {}

  /** The problem with this library's class path, if the tar reader cannot run on it. */
  public static Optional<String> problem(String reading) {
    return problem(TarReaderClassPath.class.getClassLoader(), reading);
  }

  static Optional<String> problem(ClassLoader loader, String reading) {
    if (present(loader, NEEDED_CLASS)) {
      return Optional.empty();
    }
    return Optional.of(
        "Cannot read "
            + reading
            + ": the tar reader (commons-compress 1.28) needs"
            + " commons-lang3 3.13 or newer, and the class path has "
            + foundLang3(loader)
            + "."
            + " Likely cause: a dependency declared before milvus-monitored brings an older commons-lang3"
            + " at the same depth (milvus-sdk-java 2.6.22 brings 3.12.0), and Maven keeps the first one"
            + " declared. Fix: add org.apache.commons:commons-lang3:3.18.0 to your test dependencies, or"
            + " declare milvus-monitored-junit (or milvus-monitored) before milvus-sdk-java.");
  }

  private static boolean present(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  private static String foundLang3(ClassLoader loader) {
    try {
      Class<?> any = Class.forName(ANY_LANG3_CLASS, false, loader);
      CodeSource source = any.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null
          ? "an older commons-lang3"
          : "an older commons-lang3 (" + source.getLocation().getPath().replaceAll(".*/", "") + ")";
    } catch (ClassNotFoundException | LinkageError absent) {
      return "no commons-lang3 at all";
    }
  }
}
