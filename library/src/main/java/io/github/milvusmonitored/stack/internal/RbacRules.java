package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

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
          boolean granted = existing.stream().anyMatch(rule -> isUnrestricted(rule)
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

  private static boolean isUnrestricted(PolicyRule rule) {
    return rule.getResourceNames() == null || rule.getResourceNames().isEmpty();
  }

  private static boolean matches(List<String> values, String wanted) {
    return values != null && (values.contains(wanted) || values.contains("*"));
  }
}
