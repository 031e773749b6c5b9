package io.github.milvusmonitored.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The public API of a set of classes as sorted text, one declaration per line: every public class
 * outside {@code internal} packages that is reachable by users, with its public and protected
 * constructors, methods and fields, generic types included. Checked in beside the module, so a
 * change of the API shows in review as a change of that file.
 */
final class ApiDump {

  private ApiDump() {}

  static String of(JavaClasses classes) {
    List<JavaClass> api = new ArrayList<>();
    classes.forEach(
        c -> {
          if (isApi(c)) {
            api.add(c);
          }
        });
    api.sort(Comparator.comparing(JavaClass::getName));
    StringBuilder out = new StringBuilder();
    for (JavaClass c : api) {
      out.append(declaration(c)).append('\n');
      List<String> members = new ArrayList<>();
      for (JavaField f : c.getFields()) {
        if (visible(f)) {
          members.add(
              "  "
                  + modifiers(f.getModifiers())
                  + "field "
                  + type(f.getType())
                  + " "
                  + f.getName());
        }
      }
      for (JavaCodeUnit u : c.getCodeUnits()) {
        if (visible(u) && !u.getName().equals("<clinit>") && !isSynthetic(u)) {
          members.add(
              "  "
                  + modifiers(u.getModifiers())
                  + (u.getName().equals("<init>")
                      ? "constructor " + c.getSimpleName()
                      : "method " + type(u.getReturnType()) + " " + u.getName())
                  + u.getParameterTypes().stream()
                      .map(ApiDump::type)
                      .collect(Collectors.joining(", ", "(", ")")));
        }
      }
      members.stream().sorted().forEach(m -> out.append(m).append('\n'));
    }
    return out.toString();
  }

  private static boolean isApi(JavaClass c) {
    if (!c.getModifiers().contains(JavaModifier.PUBLIC)
        || c.getPackageName().contains(".internal")
        || c.isAnonymousClass()
        || c.isLocalClass()) {
      return false;
    }
    return c.getEnclosingClass().map(ApiDump::isApi).orElse(true);
  }

  private static boolean visible(JavaMember m) {
    Set<JavaModifier> mods = m.getModifiers();
    boolean protectedInOpenClass =
        mods.contains(JavaModifier.PROTECTED)
            && !m.getOwner().getModifiers().contains(JavaModifier.FINAL);
    return (mods.contains(JavaModifier.PUBLIC) || protectedInOpenClass)
        && !mods.contains(JavaModifier.SYNTHETIC)
        && !mods.contains(JavaModifier.BRIDGE);
  }

  private static boolean isSynthetic(JavaCodeUnit u) {
    // Enums' values()/valueOf() and records' accessors are part of the API; lambdas never are.
    return u.getName().startsWith("lambda$");
  }

  private static String declaration(JavaClass c) {
    String kind =
        c.isInterface()
            ? (c.isAnnotation() ? "@interface" : "interface")
            : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
    StringBuilder d =
        new StringBuilder(modifiers(c.getModifiers())).append(kind).append(' ').append(c.getName());
    c.getRawSuperclass()
        .filter(
            s ->
                !s.getName().equals("java.lang.Object")
                    && !s.getName().equals("java.lang.Enum")
                    && !s.getName().equals("java.lang.Record"))
        .ifPresent(s -> d.append(" extends ").append(type(c.getSuperclass().get())));
    List<String> interfaces =
        c.getInterfaces().stream()
            .map(ApiDump::type)
            .filter(i -> !i.equals("java.lang.annotation.Annotation"))
            .sorted()
            .toList();
    if (!interfaces.isEmpty()) {
      d.append(c.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", interfaces));
    }
    return d.toString();
  }

  private static String modifiers(Set<JavaModifier> modifiers) {
    StringBuilder m = new StringBuilder();
    for (JavaModifier mod :
        List.of(
            JavaModifier.PROTECTED,
            JavaModifier.ABSTRACT,
            JavaModifier.STATIC,
            JavaModifier.FINAL)) {
      if (modifiers.contains(mod)) {
        m.append(mod.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
      }
    }
    return m.toString();
  }

  private static String type(JavaType t) {
    return t.getName();
  }
}
