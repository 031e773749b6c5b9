package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.stack.internal.CrdEstablishedWaiter;
import io.github.milvusmonitored.stack.internal.ResourceSteps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs kube-prometheus on any cluster reachable with a fabric8 {@link KubernetesClient}.
 *
 * <p>The steps follow the manual procedure: apply {@code manifests/setup}, wait until every CRD is
 * Established, apply {@code manifests/} (the profile's selection), patch ClusterRole
 * {@code prometheus-k8s}. Each step is a call of its own, so the stack can be applied while other
 * work goes on once the CRDs are Established:
 *
 * <pre>{@code
 * KubePrometheusInstaller installer = KubePrometheusInstaller.create(client, KubePrometheusManifests.load());
 * installer.applySetup();
 * installer.awaitCrdsEstablished(Duration.ofMinutes(2));
 * CompletableFuture<ApplyReport> stack = CompletableFuture.supplyAsync(installer::applyStack);
 * // ... install Milvus ...
 * stack.join();
 * installer.patchRbac();
 * }</pre>
 */
public final class KubePrometheusInstaller {

  /** The CRD deadline {@link #install()} uses. */
  public static final Duration DEFAULT_CRD_TIMEOUT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(KubePrometheusInstaller.class);

  private final KubernetesClient client;
  private final KubePrometheusManifests manifests;
  private final StackProfile profile;
  private final ResourceApplier applier;
  private final Duration pollInterval;

  private KubePrometheusInstaller(KubernetesClient client, KubePrometheusManifests manifests,
      StackProfile profile, ResourceApplier applier, Duration pollInterval) {
    this.client = Objects.requireNonNull(client, "client");
    this.manifests = Objects.requireNonNull(manifests, "manifests");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.applier = Objects.requireNonNull(applier, "applier");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** An installer of the {@link StackProfile#MINIMAL} profile with server-side apply. */
  public static KubePrometheusInstaller create(KubernetesClient client, KubePrometheusManifests manifests) {
    return new KubePrometheusInstaller(client, manifests, StackProfile.MINIMAL, ResourceApplier.SERVER_SIDE, Duration.ofSeconds(1));
  }

  public KubePrometheusInstaller withProfile(StackProfile newProfile) {
    return new KubePrometheusInstaller(client, manifests, newProfile, applier, pollInterval);
  }

  public KubePrometheusInstaller withApplier(ResourceApplier newApplier) {
    return new KubePrometheusInstaller(client, manifests, profile, newApplier, pollInterval);
  }

  /** How often the CRDs are polled while waiting for them; default 1 s. */
  public KubePrometheusInstaller withPollInterval(Duration newPollInterval) {
    return new KubePrometheusInstaller(client, manifests, profile, applier, newPollInterval);
  }

  /** Runs every step: setup, CRD wait ({@link #DEFAULT_CRD_TIMEOUT}), stack, RBAC patch. */
  public ApplyReport install() {
    return install(DEFAULT_CRD_TIMEOUT);
  }

  /** Runs every step with the given deadline for the CRDs. */
  public ApplyReport install(Duration crdTimeout) {
    ApplyReport report = applySetup();
    awaitCrdsEstablished(crdTimeout);
    return report.plus(applyStack()).plus(patchRbac());
  }

  /** Applies {@code manifests/setup/}: the namespace {@code monitoring} and the CRDs. */
  public ApplyReport applySetup() {
    return applyAll(ApplyReport.Phase.SETUP, items(manifests.setupFiles()));
  }

  /** The names of the CRDs in {@code manifests/setup/}, e.g. {@code prometheuses.monitoring.coreos.com}. */
  public List<String> crdNames() {
    return items(manifests.setupFiles()).stream().map(ResourceSteps.Item::resource)
        .filter(r -> "CustomResourceDefinition".equals(r.getKind()))
        .map(r -> r.getMetadata().getName()).toList();
  }

  /** Waits until every CRD of {@link #crdNames()} has condition Established=True, or throws naming the others. */
  public void awaitCrdsEstablished(Duration timeout) {
    CrdEstablishedWaiter.await(client, crdNames(), timeout, pollInterval, Duration.ofSeconds(10));
  }

  /** Applies the profile's selection of {@code manifests/}; the CRDs must be Established. */
  public ApplyReport applyStack() {
    return applyAll(ApplyReport.Phase.STACK, items(manifests.stackFiles(profile)));
  }

  /** Grants Prometheus discovery in every namespace; see {@link PrometheusRbacPatch}. */
  public ApplyReport patchRbac() {
    return PrometheusRbacPatch.apply(client);
  }

  /**
   * Deletes what this installer applies, stack then setup, each in reverse order, ignoring objects
   * already gone (like {@code kubectl delete --ignore-not-found -f manifests/ -f manifests/setup}).
   * Returns without waiting for finalizers (the namespace's termination).
   */
  public ApplyReport teardown() {
    long started = System.nanoTime();
    List<ResourceSteps.Item> stack = new ArrayList<>(items(manifests.stackFiles(profile)));
    List<ResourceSteps.Item> setup = new ArrayList<>(items(manifests.setupFiles()));
    Collections.reverse(stack);
    Collections.reverse(setup);
    stack.addAll(setup);
    List<ApplyReport.Entry> entries = stack.stream().map(item -> ResourceSteps.delete(client, item)).toList();
    LOG.info("kube-prometheus: teardown deleted {} of {} objects in {} ms",
        entries.stream().filter(e -> e.action() == ApplyReport.Action.DELETED).count(), entries.size(),
        (System.nanoTime() - started) / 1_000_000);
    return new ApplyReport(entries);
  }

  private ApplyReport applyAll(ApplyReport.Phase phase, List<ResourceSteps.Item> items) {
    long started = System.nanoTime();
    LOG.info("kube-prometheus {}: applying {} ({} objects, profile {}, {})",
        manifests.version(), phase, items.size(), profile, applier);
    List<ApplyReport.Entry> entries = new ArrayList<>();
    for (ResourceSteps.Item item : items) {
      entries.add(ResourceSteps.apply(client, applier, phase, item));
    }
    LOG.info("kube-prometheus {}: {} applied in {} ms", manifests.version(), phase, (System.nanoTime() - started) / 1_000_000);
    return new ApplyReport(entries);
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
