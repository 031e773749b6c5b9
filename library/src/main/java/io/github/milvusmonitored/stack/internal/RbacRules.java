package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Whether existing RBAC rules already grant what a wanted rule grants (wildcards understood). */
public final class RbacRules {

  private RbacRules() {}

  public static boolean grants(List<PolicyRule> existing, PolicyRule wanted) {
    if (existing == null) {
      return false;
    }
    for (String group : wanted.getApiGroups()) {
      for (String resource : wanted.getResources()) {
        for (String verb : wanted.getVerbs()) {
          boolean granted =
              existing.stream()
                  .anyMatch(
                      rule ->
                          isUnrestricted(rule)
                              && matches(rule.getApiGroups(), group)
                              && matches(rule.getResources(), resource)
                              && matches(rule.getVerbs(), verb));
          if (!granted) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * For each of {@code rules}, the index of its last occurrence in {@code existing} (same API
   * groups, resources and verbs, without resource names), each index used once; rules not found are
   * skipped.
   */
  public static List<Integer> lastIndexesOf(List<PolicyRule> existing, List<PolicyRule> rules) {
    List<Integer> indexes = new ArrayList<>();
    if (existing == null) {
      return indexes;
    }
    for (PolicyRule rule : rules) {
      for (int i = existing.size() - 1; i >= 0; i--) {
        if (!indexes.contains(i) && same(existing.get(i), rule)) {
          indexes.add(i);
          break;
        }
      }
    }
    return indexes;
  }

  private static boolean same(PolicyRule a, PolicyRule b) {
    return Objects.equals(a.getApiGroups(), b.getApiGroups())
        && Objects.equals(a.getResources(), b.getResources())
        && Objects.equals(a.getVerbs(), b.getVerbs())
        && isUnrestricted(a)
        && (a.getNonResourceURLs() == null || a.getNonResourceURLs().isEmpty());
  }

  private static boolean isUnrestricted(PolicyRule rule) {
    return rule.getResourceNames() == null || rule.getResourceNames().isEmpty();
  }

  private static boolean matches(List<String> values, String wanted) {
    return values != null && (values.contains(wanted) || values.contains("*"));
  }
}
