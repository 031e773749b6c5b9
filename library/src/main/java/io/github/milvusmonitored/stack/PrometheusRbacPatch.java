package io.github.milvusmonitored.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.milvusmonitored.stack.internal.KubePrometheusErrors;
import io.github.milvusmonitored.stack.internal.RbacRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Prometheus discover targets in every namespace by extending ClusterRole {@code prometheus-k8s}.
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
  public static final List<PolicyRule> RULES = List.of(
      rule("", "pods", "services", "endpoints"),
      rule("discovery.k8s.io", "endpointslices"));

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusRbacPatch.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PrometheusRbacPatch() {}

  /** The JSON Patch that appends every rule of {@link #RULES}. */
  public static String jsonPatch() {
    return jsonPatch(RULES);
  }

  /** {@code kubectl patch clusterrole prometheus-k8s --type=json -p='...'} with {@link #jsonPatch()}. */
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
    var roles = client.rbac().clusterRoles().withName(CLUSTER_ROLE);
    ClusterRole role;
    try {
      role = roles.get();
    } catch (KubernetesClientException e) {
      throw forbiddenOr(e, "get", jsonPatch());
    }
    if (role == null) {
      throw new KubePrometheusException(KubePrometheusErrors.clusterRoleMissing(CLUSTER_ROLE));
    }
    List<PolicyRule> missing = missingRules(role);
    if (missing.isEmpty()) {
      LOG.info("kube-prometheus: ClusterRole {} already grants the discovery rules", CLUSTER_ROLE);
      return report(ApplyReport.Action.ALREADY_PRESENT);
    }
    String patch = role.getRules() == null || role.getRules().isEmpty() ? jsonPatchReplacingEmpty(missing) : jsonPatch(missing);
    try {
      roles.patch(PatchContext.of(PatchType.JSON), patch);
    } catch (KubernetesClientException e) {
      throw forbiddenOr(e, "patch", patch);
    }
    LOG.info("kube-prometheus: ClusterRole {} patched with {}", CLUSTER_ROLE, patch);
    return report(ApplyReport.Action.PATCHED);
  }

  static String jsonPatch(List<PolicyRule> rules) {
    return toJson(rules.stream().map(r -> op("/rules/-", ruleJson(r))).toList());
  }

  private static String jsonPatchReplacingEmpty(List<PolicyRule> rules) {
    return toJson(List.of(op("/rules", rules.stream().map(PrometheusRbacPatch::ruleJson).toList())));
  }

  private static String kubectlCommand(String patch) {
    return "kubectl patch clusterrole " + CLUSTER_ROLE + " --type=json -p='" + patch + "'";
  }

  private static RuntimeException forbiddenOr(KubernetesClientException e, String verb, String patch) {
    if (e.getCode() == 403) {
      String serverMessage = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
      return new KubePrometheusException(KubePrometheusErrors.forbidden(
          verb, "clusterroles.rbac.authorization.k8s.io", CLUSTER_ROLE, serverMessage, kubectlCommand(patch)), e);
    }
    return e;
  }

  private static ApplyReport report(ApplyReport.Action action) {
    return new ApplyReport(List.of(new ApplyReport.Entry(
        ApplyReport.Phase.RBAC, action, "PrometheusRbacPatch", "ClusterRole", null, CLUSTER_ROLE)));
  }

  private static PolicyRule rule(String apiGroup, String... resources) {
    return new PolicyRuleBuilder()
        .withApiGroups(apiGroup).withResources(resources).withVerbs("get", "list", "watch").build();
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

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of maps of strings always serialises", e);
    }
  }
}
