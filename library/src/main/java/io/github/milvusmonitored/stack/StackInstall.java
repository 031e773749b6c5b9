package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.internal.Concurrently;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.internal.KubeWaits;
import io.github.milvusmonitored.stack.internal.ApiServices;
import io.github.milvusmonitored.stack.internal.CrdEstablishedWaiter;
import io.github.milvusmonitored.stack.internal.KubePrometheusErrors;
import io.github.milvusmonitored.stack.internal.KubeletObjects;
import io.github.milvusmonitored.stack.internal.OperatorGenerated;
import io.github.milvusmonitored.stack.internal.OtherStackDetector;
import io.github.milvusmonitored.stack.internal.ResourceSteps;
import io.github.milvusmonitored.stack.internal.StackLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One install of kube-prometheus by a {@link KubePrometheusInstaller}: its steps, and the ledger of
 * what it found, created and added, which its {@link #teardown()} takes back. Each installer has
 * one of its own; nothing of it is shared with another installer, a {@code withX} copy included.
 */
final class StackInstall {

  // Its lines keep the installer's logger, the name a logging configuration knows.
  private static final Logger LOG = LoggerFactory.getLogger(KubePrometheusInstaller.class);
  private static final String METRICS_API = "v1beta1.metrics.k8s.io";

  private final KubernetesClient client;
  private final KubePrometheusManifests manifests;
  private final StackProfile profile;
  private final ResourceApplier applier;
  private final Duration pollInterval;
  private final RunOwnership run;
  private final Duration stepTimeout;
  private final boolean otherStackCheck;
  private final StackLedger ledger = new StackLedger();

  StackInstall(InstallerSettings settings) {
    this.client = settings.client();
    this.manifests = settings.manifests();
    this.profile = settings.profile();
    this.applier = settings.applier();
    this.pollInterval = settings.pollInterval();
    this.run = settings.run();
    this.stepTimeout = settings.stepTimeout();
    this.otherStackCheck = settings.otherStackCheck();
  }

  /**
   * Whether this installer created the object (it was absent when the cluster was surveyed), e.g.
   * {@code created("Deployment", "monitoring", "grafana")}; {@code namespace} is null for
   * cluster-scoped objects.
   */
  boolean created(String kind, String namespace, String name) {
    return ledger.isCreated(kind, namespace, name);
  }

  /**
   * Applies {@code manifests/setup/}: the namespace {@code monitoring} and the CRDs. The first call
   * first records which of the profile's objects already exist and stops, before changing anything,
   * when another Prometheus stack is there.
   *
   * @throws KubePrometheusException naming the other stack's CRDs or operators
   */
  ApplyReport applySetup() {
    KubeRetry.Deadline deadline = KubeRetry.Deadline.in(stepTimeout);
    survey(deadline);
    return applyAll(ApplyReport.Phase.SETUP, items(manifests.setupFiles()), deadline);
  }

  /**
   * The names of the CRDs in {@code manifests/setup/}, e.g. {@code
   * prometheuses.monitoring.coreos.com}.
   */
  List<String> crdNames() {
    return items(manifests.setupFiles()).stream()
        .map(ResourceSteps.Item::resource)
        .filter(r -> "CustomResourceDefinition".equals(r.getKind()))
        .map(r -> r.getMetadata().getName())
        .toList();
  }

  /**
   * Waits until every CRD of {@link #crdNames()} has condition Established=True, or throws naming
   * the others.
   */
  void awaitCrdsEstablished(Duration timeout) {
    CrdEstablishedWaiter.await(client, crdNames(), timeout, pollInterval, Duration.ofSeconds(10));
  }

  /** Applies the profile's selection of {@code manifests/}; the CRDs must be Established. */
  ApplyReport applyStack() {
    KubeRetry.Deadline deadline = KubeRetry.Deadline.in(stepTimeout);
    survey(deadline);
    return applyAll(ApplyReport.Phase.STACK, items(manifests.stackFiles(profile)), deadline);
  }

  /**
   * Grants Prometheus discovery in every namespace; see {@link PrometheusRbacPatch}. Rules added to
   * a ClusterRole this run did not create are recorded and taken out again by {@link #teardown()}.
   */
  ApplyReport patchRbac() {
    boolean ours = ledger.isCreated("ClusterRole", null, PrometheusRbacPatch.CLUSTER_ROLE);
    return PrometheusRbacPatch.apply(
        client,
        KubeRetry.Deadline.in(stepTimeout),
        added -> {
          if (!ours) {
            ledger.rulesAdded(added);
          }
        });
  }

  /**
   * Takes back what this installer did: rules it added to a ClusterRole it found are removed, then
   * every object it created and that still carries its run id is deleted, newest first. Objects it
   * found in the cluster are never deleted (reported KEPT), nor objects someone else took over
   * since. Returns without waiting for finalizers (the namespace's termination).
   */
  ApplyReport teardown() {
    long started = System.nanoTime();
    KubeRetry.Deadline deadline = KubeRetry.Deadline.in(stepTimeout);
    List<ApplyReport.Entry> entries = new ArrayList<>();
    List<PolicyRule> added = ledger.addedRules();
    if (!added.isEmpty()) {
      entries.add(PrometheusRbacPatch.revert(client, added, deadline));
      ledger.rulesReverted();
    }
    List<ResourceSteps.Item> created = new ArrayList<>(ledger.created());
    Collections.reverse(created);
    List<String> groups = crdGroups(created);
    List<HasMetadata> customResources = new ArrayList<>();
    boolean awaited = false;
    for (ResourceSteps.Item item : created) {
      HasMetadata r = item.resource();
      if (!awaited && "CustomResourceDefinition".equals(r.getKind())) {
        // Once a CRD is gone, the garbage collector cannot resolve an owner of its kind: what the
        // operator generated
        // for the custom resources (StatefulSets, Secrets, Services) would stay for good in a
        // namespace not removed.
        awaitGone(customResources, deadline);
        OperatorGenerated.delete(client, customResources, deadline, pollInterval);
        awaited = true;
      }
      // In a namespace the run created, the namespace's removal takes what the operator made;
      // elsewhere the run
      // removes it itself, before the CRDs.
      boolean custom =
          r.getApiVersion() != null
              && groups.contains(r.getApiVersion().replaceFirst("/.*$", ""))
              && r.getMetadata().getNamespace() != null
              && !ledger.isCreated("Namespace", null, r.getMetadata().getNamespace());
      ApplyReport.Entry entry =
          ResourceSteps.deleteOwned(
              client, item, run, deadline, custom ? customResources::add : deleting -> {});
      entries.add(entry);
    }
    if (!ledger.kubeletObjectsFound()
        && ledger.isCreated("Deployment", "monitoring", "prometheus-operator")) {
      KubeletObjects.delete(client, deadline);
    }
    entries.stream()
        .filter(e -> e.action() == ApplyReport.Action.KEPT)
        .forEach(
            e ->
                LOG.info(
                    "kube-prometheus: teardown left {}: it no longer carries run id {}",
                    e.object(),
                    run.runId()));
    LOG.info(
        "kube-prometheus: teardown of run {} deleted {} of the {} objects it created in {} ms",
        run.runId(),
        entries.stream().filter(e -> e.action() == ApplyReport.Action.DELETED).count(),
        created.size(),
        (System.nanoTime() - started) / 1_000_000);
    return new ApplyReport(entries);
  }

  // The API groups of the CRDs among the items: CRD names are <plural>.<group>.
  private static List<String> crdGroups(List<ResourceSteps.Item> items) {
    return items.stream()
        .map(ResourceSteps.Item::resource)
        .filter(r -> "CustomResourceDefinition".equals(r.getKind()))
        .map(r -> r.getMetadata().getName().substring(r.getMetadata().getName().indexOf('.') + 1))
        .distinct()
        .toList();
  }

  // Deleted custom resources are gone at once unless a finalizer holds them; waits for that, within
  // the deadline.
  private void awaitGone(List<HasMetadata> deleted, KubeRetry.Deadline deadline) {
    if (deleted.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    List<HasMetadata> left = ResourceSteps.awaitGone(client, deleted, deadline, pollInterval);
    if (left.isEmpty()) {
      LOG.info(
          "kube-prometheus: the {} custom resource(s) of run {} in namespaces it did not create are gone after {}"
              + " ms",
          deleted.size(),
          run.runId(),
          (System.nanoTime() - started) / 1_000_000);
    } else {
      LOG.warn(
          "kube-prometheus: {} still there {} ms after their deletion, held by a finalizer (see their"
              + " metadata.finalizers); their CRDs are deleted now and stay Terminating until the finalizer is removed",
          left.stream().map(ResourceSteps::describe).toList(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  // Before anything is applied: what exists already, and whether another stack is there.
  private void survey(KubeRetry.Deadline deadline) {
    if (ledger.surveyed()) {
      return;
    }
    List<ResourceSteps.Item> all = new ArrayList<>(items(manifests.setupFiles()));
    all.addAll(items(manifests.stackFiles(profile)));
    // Independent reads: a few at a time, so a start does not wait one API round trip per object in
    // turn.
    List<HasMetadata> read =
        Concurrently.map(all, item -> ResourceSteps.get(client, item, deadline));
    for (int i = 0; i < all.size(); i++) {
      ledger.found(all.get(i), read.get(i));
    }
    ledger.kubeletObjectsFound(KubeletObjects.present(client, deadline));
    List<String> findings =
        otherStackCheck
            ? OtherStackDetector.findings(client, ledger.allFound(), deadline)
            : List.of();
    if (!findings.isEmpty()) {
      throw new KubePrometheusException(KubePrometheusErrors.otherStack(findings));
    }
    long existing = ledger.allFound().size();
    LOG.info(
        "kube-prometheus: run {}: {} of the {} objects of profile {} exist already and are left as they are",
        run.runId(),
        existing,
        all.size(),
        profile);
  }

  private ApplyReport applyAll(
      ApplyReport.Phase phase, List<ResourceSteps.Item> items, KubeRetry.Deadline deadline) {
    long started = System.nanoTime();
    LOG.info(
        "kube-prometheus {}: applying {} ({} objects, profile {}, {}, run {})",
        manifests.version(),
        phase,
        items.size(),
        profile,
        applier,
        run.runId());
    List<ApplyReport.Entry> entries = new ArrayList<>();
    // Consecutive CRDs (cluster-scoped, independent of each other, and the slowest objects to
    // apply) are sent
    // together; everything else one after the other in file order. The ledger records them in file
    // order.
    List<ResourceSteps.Item> crds = new ArrayList<>();
    for (ResourceSteps.Item item : items) {
      if ("CustomResourceDefinition".equals(item.resource().getKind())) {
        crds.add(item);
        continue;
      }
      entries.addAll(applyTogether(phase, crds, deadline));
      crds.clear();
      entries.add(applyOne(phase, item, deadline));
    }
    entries.addAll(applyTogether(phase, crds, deadline));
    LOG.info(
        "kube-prometheus {}: {} applied in {} ms",
        manifests.version(),
        phase,
        (System.nanoTime() - started) / 1_000_000);
    return new ApplyReport(entries);
  }

  // Each item is recorded (or reported kept) here, in file order; only the applies themselves run
  // together.
  private List<ApplyReport.Entry> applyTogether(
      ApplyReport.Phase phase, List<ResourceSteps.Item> items, KubeRetry.Deadline deadline) {
    List<ResourceSteps.Item> recorded = new ArrayList<>();
    for (ResourceSteps.Item item : items) {
      recorded.add(ledger.before(item.resource()).isPresent() ? null : record(item));
    }
    return Concurrently.map(
        IntStream.range(0, items.size()).boxed().toList(),
        i ->
            recorded.get(i) == null
                ? applyOne(phase, items.get(i), deadline) // kept, as applyOne says
                : ResourceSteps.apply(client, applier, phase, recorded.get(i), deadline));
  }

  // Stamps the item with the run's labels and records it as created by this run.
  private ResourceSteps.Item record(ResourceSteps.Item item) {
    ResourceSteps.Item stamped = new ResourceSteps.Item(item.file(), run.stamp(item.resource()));
    ledger.created(stamped);
    return stamped;
  }

  private ApplyReport.Entry applyOne(
      ApplyReport.Phase phase, ResourceSteps.Item item, KubeRetry.Deadline deadline) {
    HasMetadata resource = item.resource();
    HasMetadata before = ledger.before(resource).orElse(null);
    if ("Namespace".equals(resource.getKind()) && isTerminating(before)) {
      String name = resource.getMetadata().getName();
      Duration left = Duration.ofMillis(Math.max(1, deadline.remainingMillis()));
      KubeWaits.namespaceNotTerminating(
          client,
          name,
          left,
          () ->
              new KubePrometheusException(
                  KubePrometheusErrors.namespaceStillTerminating(name, left)));
      before = null;
    }
    if (before != null) {
      // Never applied over: another tool's object, or an earlier run's that a later change (the
      // RBAC
      // patch) may own fields of; a server-side apply would conflict or overwrite.
      if ("APIService".equals(resource.getKind())
          && METRICS_API.equals(resource.getMetadata().getName())) {
        LOG.info(
            "kube-prometheus: APIService {} exists already ({}); prometheus-adapter's APIService is"
                + " skipped and the existing one left alone (kubectl top and HPAs keep using it)",
            METRICS_API,
            ApiServices.backend(before));
      } else {
        LOG.info(
            "kube-prometheus: {} exists already ({}): left as it is",
            ResourceSteps.describe(resource),
            RunOwnership.managedByLibrary(before)
                ? "left by an earlier milvus-monitored run"
                : "not milvus-monitored's");
      }
      return ResourceSteps.kept(phase, item);
    }
    return ResourceSteps.apply(client, applier, phase, record(item), deadline);
  }

  private static boolean isTerminating(HasMetadata namespace) {
    return namespace instanceof Namespace ns
        && ns.getStatus() != null
        && "Terminating".equals(ns.getStatus().getPhase());
  }

  private List<ResourceSteps.Item> items(List<ManifestFile> files) {
    List<ResourceSteps.Item> items = new ArrayList<>();
    for (ManifestFile file : files) {
      for (HasMetadata resource : KubePrometheusManifests.resources(file, profile)) {
        items.add(new ResourceSteps.Item(file.path(), resource));
      }
    }
    return items;
  }
}
