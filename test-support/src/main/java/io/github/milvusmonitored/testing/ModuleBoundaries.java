package io.github.milvusmonitored.testing;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The wall between modules: a module's classes use the {@code internal} packages of their own
 * packages only, never another module's. What a module needs from another is public API (and
 * therefore in the library's API baseline).
 *
 * <pre>{@code
 * ModuleBoundaries.of("junit-extension", "io.github.milvusmonitored.junit").assertNoForeignInternals();
 * }</pre>
 */
public final class ModuleBoundaries {

  private static final String ROOT = "io.github.milvusmonitored";

  private final String module;
  private final List<String> ownPackages;
  private final List<String> folders;

  private ModuleBoundaries(String module, List<String> ownPackages, List<String> folders) {
    this.module = module;
    this.ownPackages = List.copyOf(ownPackages);
    this.folders = List.copyOf(folders);
  }

  /**
   * The module, run from its own folder, whose classes lie in {@code ownPackages} and below; its
   * main and test classes are checked.
   */
  public static ModuleBoundaries of(String module, String... ownPackages) {
    return new ModuleBoundaries(
        module, List.of(ownPackages), List.of("target/classes", "target/test-classes"));
  }

  /** The same check on the module's main classes only. */
  public ModuleBoundaries mainClassesOnly() {
    return new ModuleBoundaries(module, ownPackages, List.of("target/classes"));
  }

  /**
   * Every use of another module's internal class, as {@code origin -> target}; empty when there is
   * none.
   */
  public List<String> foreignInternals() {
    List<Path> compiled = new ArrayList<>();
    for (String folder : folders) {
      if (Files.isDirectory(Path.of(folder))) {
        compiled.add(Path.of(folder));
      }
    }
    if (compiled.isEmpty()) {
      throw new IllegalStateException(
          "No compiled classes under "
              + Path.of("target").toAbsolutePath()
              + ": run this from the module's folder after it was compiled.");
    }
    JavaClasses classes = new ClassFileImporter().importPaths(compiled);
    TreeSet<String> uses = new TreeSet<>();
    for (JavaClass origin : classes) {
      for (Dependency d : origin.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (target.startsWith(ROOT + ".") && isInternal(target) && !own(target)) {
          uses.add(origin.getName() + " -> " + d.getTargetClass().getName());
        }
      }
    }
    return List.copyOf(uses);
  }

  /** Fails naming every use of another module's internal class. */
  public void assertNoForeignInternals() {
    List<String> uses = foreignInternals();
    if (!uses.isEmpty()) {
      throw new AssertionError(
          "Module "
              + module
              + " uses internals of other modules ("
              + uses.size()
              + "); use"
              + " their public API instead:\n  "
              + String.join("\n  ", uses));
    }
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  private boolean own(String pkg) {
    return ownPackages.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
  }
}
