package io.github.milvusmonitored.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.github.milvusmonitored.metrics.MilvusSelector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a dashboard into kube-prometheus's Grafana with its variables bound to a release, so that
 * it opens showing that release without importing anything by hand.
 *
 * <p>kube-prometheus v0.18.0's Grafana has no dashboard sidecar: its file provider reads {@code
 * /grafana-dashboard-definitions/0}, where the Deployment mounts one ConfigMap per dashboard (read
 * from its manifests). The provisioning follows that convention: a ConfigMap {@value #CONFIG_MAP}
 * in {@code monitoring} and a volume mounted at {@value #MOUNT_PATH} in the {@code grafana}
 * container. The variables {@code namespace}, {@code instance} and {@code app_name} become
 * single-value lists holding the release's values, the data source variable selects the provisioned
 * data source {@code prometheus}.
 *
 * <pre>{@code
 * GrafanaProvisioning.provision(client, GrafanaDashboard.load(DashboardSource.officialMilvus("v2.6.15")),
 *     MilvusSelector.of("milvus", "my-release"));
 * }</pre>
 */
public final class GrafanaProvisioning {

  /** The ConfigMap holding the dashboard, in namespace {@code monitoring}. */
  public static final String CONFIG_MAP = "grafana-dashboard-milvus";

  /** Where the Grafana container sees it. */
  public static final String MOUNT_PATH = "/grafana-dashboard-definitions/0/milvus";

  /** The dashboard's file name inside the ConfigMap. */
  public static final String FILE = "milvus-dashboard.json";

  private static final Logger LOG = LoggerFactory.getLogger(GrafanaProvisioning.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMESPACE = "monitoring";
  private static final String DATASOURCE = "prometheus";

  private GrafanaProvisioning() {}

  /**
   * Writes the ConfigMap and mounts it into the {@code monitoring/grafana} Deployment (once). The
   * ConfigMap is owned by that Deployment (an owner reference), so it is removed with Grafana, also
   * from a namespace that stays.
   */
  public static void provision(
      KubernetesClient client, GrafanaDashboard dashboard, MilvusSelector release) {
    var grafana = client.apps().deployments().inNamespace(NAMESPACE).withName("grafana");
    Deployment deployment = grafana.get();
    if (deployment == null) {
      throw new DashboardException(
          "Cannot import dashboard '"
              + dashboard.title()
              + "' into Grafana: Deployment "
              + NAMESPACE
              + "/grafana does not exist. It comes with the FULL kube-prometheus profile.");
    }
    ConfigMap configMap = configMap(dashboard, release);
    configMap
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName("grafana")
                    .withUid(deployment.getMetadata().getUid())
                    .build()));
    client.resource(configMap).createOr(NonDeletingOperation::update);
    if (!isMounted(grafana.get())) {
      grafana.edit(GrafanaProvisioning::mount);
    }
    LOG.info(
        "Grafana: dashboard '{}' provisioned for {}/{} (ConfigMap {}/{})",
        dashboard.title(),
        release.namespace(),
        release.instance(),
        NAMESPACE,
        CONFIG_MAP);
  }

  /** The ConfigMap holding {@code dashboard} bound to {@code release}. */
  public static ConfigMap configMap(GrafanaDashboard dashboard, MilvusSelector release) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(CONFIG_MAP)
        .withNamespace(NAMESPACE)
        .withLabels(
            Map.of(
                "app.kubernetes.io/name",
                "grafana",
                "app.kubernetes.io/part-of",
                "milvus-monitored"))
        .endMetadata()
        .withData(Map.of(FILE, bind(dashboard, release)))
        .build();
  }

  /** The dashboard's JSON with the release's variables fixed and the data source selected. */
  public static String bind(GrafanaDashboard dashboard, MilvusSelector release) {
    try {
      JsonNode tree = JSON.readTree(dashboard.json());
      ObjectNode root =
          (ObjectNode) (tree.path("dashboard").isObject() ? tree.path("dashboard") : tree);
      root.putNull("id");
      Map<String, String> values =
          Map.of(
              "namespace",
              release.namespace(),
              "instance",
              release.instance(),
              "app_name",
              "milvus");
      for (JsonNode node : root.path("templating").path("list")) {
        ObjectNode v = (ObjectNode) node;
        String name = v.path("name").asText();
        if (values.containsKey(name)) {
          fix(v, values.get(name));
        } else if ("datasource".equals(v.path("type").asText())) {
          current(v, DATASOURCE);
        }
      }
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new DashboardException(
          "Cannot bind dashboard " + dashboard.origin() + " to the release: " + e, e);
    }
  }

  private static void fix(ObjectNode v, String value) {
    v.remove(Set.of("definition", "datasource", "regex", "refresh", "sort", "allValue"));
    v.put("type", "custom").put("query", value).put("multi", false).put("includeAll", false);
    current(v, value);
    ArrayNode options = v.putArray("options");
    options.addObject().put("selected", true).put("text", value).put("value", value);
  }

  private static void current(ObjectNode v, String value) {
    v.putObject("current").put("selected", true).put("text", value).put("value", value);
  }

  private static boolean isMounted(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getVolumes().stream()
        .anyMatch(v -> CONFIG_MAP.equals(v.getName()));
  }

  private static Deployment mount(Deployment d) {
    var pod = d.getSpec().getTemplate().getSpec();
    if (isMounted(d)) {
      return d;
    }
    pod.getVolumes()
        .add(
            new VolumeBuilder()
                .withName(CONFIG_MAP)
                .withNewConfigMap()
                .withName(CONFIG_MAP)
                .endConfigMap()
                .build());
    Container grafana =
        pod.getContainers().stream()
            .filter(c -> "grafana".equals(c.getName()))
            .findFirst()
            .orElse(pod.getContainers().get(0));
    grafana
        .getVolumeMounts()
        .add(
            new VolumeMountBuilder()
                .withName(CONFIG_MAP)
                .withMountPath(MOUNT_PATH)
                .withReadOnly(false)
                .build());
    return d;
  }
}
