package io.github.milvusmonitored.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conditions about who may use an {@code internal} package. */
final class ModuleWalls {

  private ModuleWalls() {}

  /**
   * Classes of {@code <root>.<p>.internal..} may be used only by {@code <root>.<p>..}; the ground
   * floor {@code <root>.internal} by every package of the module.
   */
  static ArchRule internalsStayInTheirPackage(String root) {
    Pattern internal = Pattern.compile(Pattern.quote(root) + "\\.([a-z0-9_]+)\\.internal(\\..*)?");
    return classes()
        .should(
            new ArchCondition<>("use no other package's internal classes") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass();
                  Matcher m = internal.matcher(target.getPackageName());
                  if (m.matches() && !ArchitectureTest.inPackage(origin, root + "." + m.group(1))) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                }
              }
            });
  }

  /** Every class lies in one of {@code packages} or below. */
  static ArchCondition<JavaClass> resideIn(List<String> packages) {
    return new ArchCondition<>("reside in one of " + packages) {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        Optional<String> home =
            packages.stream().filter(p -> ArchitectureTest.inPackage(c, p)).findFirst();
        if (home.isEmpty()) {
          events.add(SimpleConditionEvent.violated(c, c.getName() + " is in no layer"));
        }
      }
    };
  }
}
