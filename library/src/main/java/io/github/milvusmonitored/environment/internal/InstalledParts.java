package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.stack.KubePrometheusInstaller;
import io.github.milvusmonitored.stack.RunOwnership;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this run installed, so that removal touches exactly that and nothing a user had before, in
 * the reverse order of installation.
 */
public final class InstalledParts {

  private static final Logger LOG = LoggerFactory.getLogger(InstalledParts.class);

  /**
   * The label the charts' StatefulSets select on, with the release's name: their claims carry it
   * too.
   */
  static final String RELEASE_LABEL = "app.kubernetes.io/instance";

  private final Deque<Step> undo = new ArrayDeque<>();

  private record Step(String what, Runnable action) {}

  /**
   * Records that this run used {@code installer}: its teardown deletes only the objects it created
   * that still carry the run's id, and takes out the RBAC rules it added to a role it found.
   */
  public synchronized void stackInstalled(KubePrometheusInstaller installer) {
    undo.push(
        new Step(
            "what kube-prometheus run " + installer.run().runId() + " created or added",
            installer::teardown));
  }

  /**
   * Records that this run created {@code namespace}; it is deleted only while it still carries
   * {@code run}'s id.
   */
  public synchronized void namespaceCreated(
      KubernetesClient client, String namespace, RunOwnership run) {
    undo.push(
        new Step(
            "namespace " + namespace,
            () -> {
              KubeRetry.Deadline deadline = KubeRetry.Deadline.in(Duration.ofMinutes(1));
              Namespace current =
                  KubeRetry.call(
                      "get namespace " + namespace,
                      deadline,
                      () -> client.namespaces().withName(namespace).get());
              if (current == null) {
                return;
              }
              if (!run.createdBy(current)) {
                LOG.info(
                    "[cleanup] namespace {} no longer carries run id {}: left in place",
                    namespace,
                    run.runId());
                return;
              }
              KubeRetry.call(
                  "delete namespace " + namespace,
                  deadline,
                  () -> client.namespaces().withName(namespace).delete());
            }));
  }

  /**
   * Records that the release this run is about to install may make claims: Helm's uninstall leaves
   * those a StatefulSet made from its volumeClaimTemplates (etcd's {@code data-<release>-etcd-0}),
   * which carry the StatefulSet's selector, {@value #RELEASE_LABEL}=release. Removal deletes those
   * in {@code namespace}, except {@code before}, the ones that were there before the install.
   * Record it before {@link #releaseInstalled}, so that it runs after the uninstall.
   */
  public synchronized void releaseClaimsCreated(
      KubernetesClient client, String namespace, String release, Set<String> before) {
    undo.push(
        new Step(
            "volume claims of Helm release " + namespace + "/" + release,
            () -> {
              KubeRetry.Deadline deadline = KubeRetry.Deadline.in(Duration.ofMinutes(1));
              Set<String> made =
                  new TreeSet<>(
                      KubeRetry.call(
                          "list claims of release " + release,
                          deadline,
                          () -> releaseClaims(client, namespace, release)));
              made.removeAll(before);
              for (String claim : made) {
                KubeRetry.call(
                    "delete claim " + namespace + "/" + claim,
                    deadline,
                    () ->
                        client
                            .persistentVolumeClaims()
                            .inNamespace(namespace)
                            .withName(claim)
                            .delete());
              }
              if (!made.isEmpty()) {
                LOG.info(
                    "[cleanup] deleted the volume claims the release's StatefulSets made in {}: {}",
                    namespace,
                    made);
              }
            }));
  }

  /**
   * The names of the claims in {@code namespace} labelled {@value #RELEASE_LABEL}={@code release}.
   */
  public static Set<String> releaseClaims(
      KubernetesClient client, String namespace, String release) {
    return client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .withLabel(RELEASE_LABEL, release)
        .list()
        .getItems()
        .stream()
        .map(c -> c.getMetadata().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Records that this run installed the Milvus release. */
  public synchronized void releaseInstalled(MilvusHelmRelease release, Path kubeconfig) {
    undo.push(
        new Step(
            "Helm release " + release.config().namespace() + "/" + release.config().releaseName(),
            () -> release.uninstall(kubeconfig)));
  }

  /**
   * Records {@code removal} of {@code what} this run created; it must delete only what still
   * carries the run's id.
   */
  public synchronized void removeWithRun(String what, Runnable removal) {
    undo.push(new Step(what, removal));
  }

  /** Whether anything was recorded. */
  public synchronized boolean isEmpty() {
    return undo.isEmpty();
  }

  /** Removes everything recorded, newest first; a failing step is logged and the rest still run. */
  public synchronized void removeAll() {
    while (!undo.isEmpty()) {
      Step step = undo.pop();
      try {
        LOG.info("[cleanup] removing {}", step.what());
        step.action().run();
      } catch (RuntimeException | LinkageError e) {
        // One part that cannot be removed (a Helm library that failed to load, too) must not keep
        // the others.
        LOG.warn(
            "[cleanup] could not remove {}: {}. Remove it by hand.", step.what(), e.toString());
      }
    }
  }

  /** Forgets everything recorded: the caller keeps it installed. */
  public synchronized void keepAll() {
    undo.forEach(s -> LOG.info("[cleanup] keeping {}", s.what()));
    undo.clear();
  }
}
