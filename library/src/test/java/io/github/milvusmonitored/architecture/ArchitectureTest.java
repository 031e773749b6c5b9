package io.github.milvusmonitored.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's walls, as docs/architecture.md draws them: layers that import one way only, each
 * package's {@code internal} closed to every other package, no cycle between packages and no {@code
 * main}.
 */
class ArchitectureTest {

  private static final String ROOT = "io.github.milvusmonitored";

  /** The layers in the order data flows through them; a layer may use only the layers before it. */
  static final List<Layer> LAYERS =
      List.of(
          new Layer("ground floor", "internal", "time"),
          new Layer("Prometheus client", "prometheus"),
          new Layer("cluster", "cluster"),
          new Layer("stack", "stack"),
          new Layer("Milvus release", "milvus"),
          new Layer("catalogue", "catalogue"),
          new Layer("images", "images"),
          new Layer("access", "access"),
          new Layer("Milvus metrics", "metrics"),
          new Layer("dashboard audit", "dashboard"),
          new Layer("upgrade check", "upgrade"),
          new Layer("assertions", "assertions"),
          new Layer("diagnostics", "diagnostics"),
          new Layer("environment", "environment"));

  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);
  }

  @Test
  void every_package_of_the_library_belongs_to_a_layer() {
    classes()
        .should(
            ModuleWalls.resideIn(
                LAYERS.stream()
                    .flatMap(l -> Arrays.stream(l.packages()))
                    .map(p -> ROOT + "." + p)
                    .toList()))
        .because(
            "a package outside the layers would escape every rule here; add it to LAYERS and"
                + " docs/architecture.md")
        .check(library);
  }

  @Test
  void layers_import_one_way_only() {
    LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (Layer layer : LAYERS) {
      rule =
          rule.layer(layer.name())
              .definedBy(
                  Arrays.stream(layer.packages())
                      .map(p -> ROOT + "." + p + "..")
                      .toArray(String[]::new));
    }
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      String[] above =
          LAYERS.subList(i + 1, LAYERS.size()).stream().map(Layer::name).toArray(String[]::new);
      rule = rule.whereLayer(LAYERS.get(i).name()).mayOnlyBeAccessedByLayers(above);
    }
    rule = rule.whereLayer(LAYERS.get(LAYERS.size() - 1).name()).mayNotBeAccessedByAnyLayer();
    rule.check(library);
  }

  @Test
  void no_package_uses_another_packages_internals() {
    ModuleWalls.internalsStayInTheirPackage(ROOT).check(library);
  }

  @Test
  void packages_have_no_cycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(library);
  }

  @Test
  void the_library_has_no_main() {
    ArchRule rule =
        noMethods()
            .should()
            .haveName("main")
            .because("the command line lives in the cli module; the library is used, not run");
    rule.check(library);
  }

  record Layer(String name, String... packages) {}

  static boolean inPackage(JavaClass c, String pkg) {
    return c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + ".");
  }
}
