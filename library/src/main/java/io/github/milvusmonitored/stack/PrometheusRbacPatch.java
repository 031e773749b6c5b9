package io.github.milvusmonitored.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.stack.internal.KubePrometheusErrors;
import io.github.milvusmonitored.stack.internal.RbacRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Prometheus discover targets in every namespace by extending ClusterRole {@code
 * prometheus-k8s}.
 *
 * <p>kube-prometheus grants discovery rights only in {@code default}, {@code kube-system} and
 * {@code monitoring}. Without this patch a ServiceMonitor in another namespace (Milvus's) yields a
 * scrape pool with no active targets. kube-prometheus v0.17+ discovers through EndpointSlices, so
 * the patch grants {@code endpointslices} in {@code discovery.k8s.io} besides pods, services and
 * endpoints. The patch is idempotent: rules already granted are not added again.
 *
 * <pre>{@code
 * ApplyReport report = PrometheusRbacPatch.apply(client);
 * System.out.println(PrometheusRbacPatch.kubectlCommand()); // for an administrator
 * }</pre>
 */
public final class PrometheusRbacPatch {

  /** The ClusterRole bound to Prometheus's service account {@code monitoring/prometheus-k8s}. */
  public static final String CLUSTER_ROLE = "prometheus-k8s";

  /** The rules the patch grants. */
  public static final List<PolicyRule> RULES =
      List.of(
          rule("", "pods", "services", "endpoints"), rule("discovery.k8s.io", "endpointslices"));

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusRbacPatch.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PrometheusRbacPatch() {}

  /** The JSON Patch that appends every rule of {@link #RULES}. */
  public static String jsonPatch() {
    return jsonPatch(RULES);
  }

  /**
   * {@code kubectl patch clusterrole prometheus-k8s --type=json -p='...'} with {@link
   * #jsonPatch()}.
   */
  public static String kubectlCommand() {
    return kubectlCommand(jsonPatch());
  }

  /** The rules of {@link #RULES} that {@code role} does not grant yet. */
  public static List<PolicyRule> missingRules(ClusterRole role) {
    return RULES.stream().filter(wanted -> !RbacRules.grants(role.getRules(), wanted)).toList();
  }

  /**
   * Adds the missing rules to ClusterRole {@value #CLUSTER_ROLE}; reports PATCHED, or
   * ALREADY_PRESENT when nothing was missing.
   */
  public static ApplyReport apply(KubernetesClient client) {
    return apply(
        client, KubeRetry.Deadline.in(KubePrometheusInstaller.DEFAULT_STEP_TIMEOUT), added -> {});
  }

  /**
   * Like {@link #apply(KubernetesClient)}, retrying transient API errors until {@code deadline};
   * {@code added} is told the rules the patch added (not called when none were missing).
   */
  static ApplyReport apply(
      KubernetesClient client, KubeRetry.Deadline deadline, Consumer<List<PolicyRule>> added) {
    var roles = client.rbac().clusterRoles().withName(CLUSTER_ROLE);
    String[] step = {"get", jsonPatch()};
    List<PolicyRule> missing;
    try {
      // Read and patch are retried together: a JSON patch is not idempotent, so a retry reads the
      // role again.
      missing =
          KubeRetry.call(
              "patch ClusterRole " + CLUSTER_ROLE,
              deadline,
              () -> {
                step[0] = "get";
                ClusterRole role = roles.get();
                if (role == null) {
                  throw new KubePrometheusException(
                      KubePrometheusErrors.clusterRoleMissing(CLUSTER_ROLE));
                }
                List<PolicyRule> toAdd = missingRules(role);
                if (!toAdd.isEmpty()) {
                  step[0] = "patch";
                  step[1] =
                      role.getRules() == null || role.getRules().isEmpty()
                          ? jsonPatchReplacingEmpty(toAdd)
                          : jsonPatch(toAdd);
                  roles.patch(PatchContext.of(PatchType.JSON), step[1]);
                }
                return toAdd;
              });
    } catch (KubernetesClientException e) {
      throw forbiddenOr(e, step[0], step[1]);
    }
    if (missing.isEmpty()) {
      LOG.info("kube-prometheus: ClusterRole {} already grants the discovery rules", CLUSTER_ROLE);
      return report(ApplyReport.Action.ALREADY_PRESENT);
    }
    added.accept(missing);
    LOG.info("kube-prometheus: ClusterRole {} patched with {}", CLUSTER_ROLE, step[1]);
    return report(ApplyReport.Action.PATCHED);
  }

  /**
   * Takes {@code added} (rules an earlier {@link #apply} added) out of ClusterRole {@value
   * #CLUSTER_ROLE} again, one occurrence each, the last one first; every other rule stays. Reports
   * REVERTED, or NOT_FOUND when the role or the rules are gone.
   */
  static ApplyReport.Entry revert(
      KubernetesClient client, List<PolicyRule> added, KubeRetry.Deadline deadline) {
    var roles = client.rbac().clusterRoles().withName(CLUSTER_ROLE);
    ClusterRole role = KubeRetry.call("get ClusterRole " + CLUSTER_ROLE, deadline, roles::get);
    List<Integer> indexes =
        role == null ? List.of() : RbacRules.lastIndexesOf(role.getRules(), added);
    if (indexes.isEmpty()) {
      LOG.info(
          "kube-prometheus: ClusterRole {} no longer holds the rules this run added", CLUSTER_ROLE);
      return report(ApplyReport.Action.NOT_FOUND).entries().get(0);
    }
    List<Map<String, Object>> ops = new ArrayList<>();
    indexes.stream()
        .sorted(Comparator.reverseOrder())
        .forEach(
            i -> {
              // "test" first: if the role changed since it was read, nothing is removed.
              ops.add(
                  Map.of(
                      "op",
                      "test",
                      "path",
                      "/rules/" + i,
                      "value",
                      fullRuleJson(role.getRules().get(i))));
              ops.add(Map.of("op", "remove", "path", "/rules/" + i));
            });
    String patch = toJson(ops);
    try {
      KubeRetry.call(
          "patch ClusterRole " + CLUSTER_ROLE,
          deadline,
          () -> roles.patch(PatchContext.of(PatchType.JSON), patch));
    } catch (KubernetesClientException e) {
      throw forbiddenOr(e, "patch", patch);
    }
    LOG.info(
        "kube-prometheus: removed the {} rule(s) this run added to ClusterRole {}; its other rules are unchanged",
        indexes.size(),
        CLUSTER_ROLE);
    return new ApplyReport.Entry(
        ApplyReport.Phase.TEARDOWN,
        ApplyReport.Action.REVERTED,
        "PrometheusRbacPatch",
        "ClusterRole",
        null,
        CLUSTER_ROLE);
  }

  static String jsonPatch(List<PolicyRule> rules) {
    return toJson(rules.stream().map(r -> op("/rules/-", ruleJson(r))).toList());
  }

  private static String jsonPatchReplacingEmpty(List<PolicyRule> rules) {
    return toJson(
        List.of(op("/rules", rules.stream().map(PrometheusRbacPatch::ruleJson).toList())));
  }

  private static String kubectlCommand(String patch) {
    return "kubectl patch clusterrole " + CLUSTER_ROLE + " --type=json -p='" + patch + "'";
  }

  private static RuntimeException forbiddenOr(
      KubernetesClientException e, String verb, String patch) {
    if (e.getCode() == 403) {
      String serverMessage =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return new KubePrometheusException(
          KubePrometheusErrors.forbidden(
              verb,
              "clusterroles.rbac.authorization.k8s.io",
              CLUSTER_ROLE,
              serverMessage,
              kubectlCommand(patch)),
          e);
    }
    return e;
  }

  private static ApplyReport report(ApplyReport.Action action) {
    return new ApplyReport(
        List.of(
            new ApplyReport.Entry(
                ApplyReport.Phase.RBAC,
                action,
                "PrometheusRbacPatch",
                "ClusterRole",
                null,
                CLUSTER_ROLE)));
  }

  private static PolicyRule rule(String apiGroup, String... resources) {
    return new PolicyRuleBuilder()
        .withApiGroups(apiGroup)
        .withResources(resources)
        .withVerbs("get", "list", "watch")
        .build();
  }

  private static Map<String, Object> op(String path, Object value) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("op", "add");
    op.put("path", path);
    op.put("value", value);
    return op;
  }

  private static Map<String, Object> ruleJson(PolicyRule rule) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("apiGroups", rule.getApiGroups());
    json.put("resources", rule.getResources());
    json.put("verbs", rule.getVerbs());
    return json;
  }

  private static Map<String, Object> fullRuleJson(PolicyRule rule) {
    return JSON.convertValue(rule, new TypeReference<Map<String, Object>>() {});
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of maps of strings always serialises", e);
    }
  }
}
