package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.github.milvusmonitored.stack.internal.RuleFileErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's rules applied as a PrometheusRule for one run, carrying the run's labels; {@link
 * #close()} deletes it while it still carries the run's id. The operator turns it into a rule file
 * the selecting Prometheus loads.
 *
 * <pre>{@code
 * try (AppliedRules rules = env.applyRules(Path.of("milvus-alerts.yaml"))) {
 *   assertThatAlert(env.prometheus(), "MilvusSearchFailing").eventually(ofMinutes(2)).isFiring();
 * }
 * }</pre>
 */
public final class AppliedRules implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AppliedRules.class);

  private final KubernetesClient client;
  private final String namespace;
  private final PrometheusRuleFile file;
  private final RunOwnership run;
  private final AtomicBoolean removed = new AtomicBoolean();

  private AppliedRules(
      KubernetesClient client, String namespace, PrometheusRuleFile file, RunOwnership run) {
    this.client = client;
    this.namespace = namespace;
    this.file = file;
    this.run = run;
  }

  /**
   * Creates {@code file}'s PrometheusRule in {@code namespace} with {@code run}'s labels and {@code
   * selectorLabels} (those the Prometheus's {@code ruleSelector} requires); refuses when a
   * PrometheusRule of that name exists that the run did not create.
   */
  public static AppliedRules apply(
      KubernetesClient client,
      PrometheusRuleFile file,
      String namespace,
      RunOwnership run,
      Map<String, String> selectorLabels) {
    Map<String, String> labels = new LinkedHashMap<>(file.labels());
    labels.putAll(selectorLabels);
    labels.putAll(run.labels());
    GenericKubernetesResource rule =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind("PrometheusRule")
            .withNewMetadata()
            .withName(file.name())
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("groups", file.groups()))
            .build();
    GenericKubernetesResource existing = rules(client, namespace).withName(file.name()).get();
    if (existing != null && !run.createdBy(existing)) {
      throw new RuleFileException(RuleFileErrors.taken(namespace, file.name(), file.source()));
    }
    if (existing == null) {
      rules(client, namespace).resource(rule).create();
    } else {
      rules(client, namespace).resource(rule).update();
    }
    LOG.info(
        "[rules] PrometheusRule {}/{} applied from {} (alerts {}), labelled {}",
        namespace,
        file.name(),
        file.source(),
        file.alertNames(),
        labels);
    return new AppliedRules(client, namespace, file, run);
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      rules(KubernetesClient client, String namespace) {
    return client
        .genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
        .inNamespace(namespace);
  }

  /** The PrometheusRule's namespace. */
  public String namespace() {
    return namespace;
  }

  /** The PrometheusRule's name. */
  public String name() {
    return file.name();
  }

  /** The alerting rules it defines. */
  public List<String> alertNames() {
    return file.alertNames();
  }

  /** Deletes the PrometheusRule while it still carries the run's id; a second call does nothing. */
  @Override
  public void close() {
    if (!removed.compareAndSet(false, true)) {
      return;
    }
    GenericKubernetesResource current = rules(client, namespace).withName(file.name()).get();
    if (current == null) {
      return;
    }
    if (!run.createdBy(current)) {
      LOG.info(
          "[cleanup] PrometheusRule {}/{} no longer carries run id {}: left in place",
          namespace,
          file.name(),
          run.runId());
      return;
    }
    rules(client, namespace).withName(file.name()).delete();
    LOG.info("[cleanup] PrometheusRule {}/{} deleted", namespace, file.name());
  }
}
