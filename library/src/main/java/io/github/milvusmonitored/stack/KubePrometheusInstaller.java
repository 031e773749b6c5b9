package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/**
 * Installs kube-prometheus on any cluster reachable with a fabric8 {@link KubernetesClient}.
 *
 * <p>The steps follow the manual procedure: apply {@code manifests/setup}, wait until every CRD is
 * Established, apply {@code manifests/} (the profile's selection), patch ClusterRole {@code
 * prometheus-k8s}.
 *
 * <p>It is safe on a shared cluster: every object it creates carries the labels of its {@link
 * RunOwnership run}; before it applies anything it records which objects exist already, leaves
 * those as they are (a user's {@code monitoring} namespace, a served {@code v1beta1.metrics.k8s.io}
 * APIService, a {@code prometheus-k8s} ClusterRole), and stops when another Prometheus stack is
 * there; {@link #teardown()} removes only what it created.
 *
 * <p>Its settings are immutable; what it records while installing belongs to it alone: a {@code
 * withX} copy is a new installer that has found, created and added nothing yet.
 *
 * <p>Each step is a call of its own, so the stack can be applied while other work goes on once the
 * CRDs are Established:
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

  /**
   * The deadline of each apply or removal step (retries of transient API errors, a namespace still
   * terminating).
   */
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);

  private final InstallerSettings settings;
  // What this installer found, created and added: its own, never a copy's (each withX copy starts
  // an install of its own).
  private final StackInstall install;

  private KubePrometheusInstaller(InstallerSettings settings) {
    this.settings = settings;
    this.install = new StackInstall(settings);
  }

  /**
   * An installer of the {@link StackProfile#MINIMAL} profile with server-side apply, for a new run.
   */
  public static KubePrometheusInstaller create(
      KubernetesClient client, KubePrometheusManifests manifests) {
    return new KubePrometheusInstaller(
        new InstallerSettings(
            client,
            manifests,
            StackProfile.MINIMAL,
            ResourceApplier.SERVER_SIDE,
            Duration.ofSeconds(1),
            RunOwnership.newRun(),
            DEFAULT_STEP_TIMEOUT,
            true));
  }

  /**
   * A new installer with these settings and {@code profile}; what this one recorded is not carried
   * over.
   */
  public KubePrometheusInstaller withProfile(StackProfile newProfile) {
    return new KubePrometheusInstaller(settings.withProfile(newProfile));
  }

  /**
   * A new installer with these settings and {@code applier}; what this one recorded is not carried
   * over.
   */
  public KubePrometheusInstaller withApplier(ResourceApplier newApplier) {
    return new KubePrometheusInstaller(settings.withApplier(newApplier));
  }

  /** How often the CRDs are polled while waiting for them; default 1 s. */
  public KubePrometheusInstaller withPollInterval(Duration newPollInterval) {
    return new KubePrometheusInstaller(settings.withPollInterval(newPollInterval));
  }

  /** The run whose labels the created objects carry; default a new random run id. */
  public KubePrometheusInstaller withRun(RunOwnership newRun) {
    return new KubePrometheusInstaller(settings.withRun(newRun));
  }

  /** The deadline of each apply and removal phase; default {@link #DEFAULT_STEP_TIMEOUT}. */
  public KubePrometheusInstaller withStepTimeout(Duration newStepTimeout) {
    return new KubePrometheusInstaller(settings.withStepTimeout(newStepTimeout));
  }

  /**
   * Whether to stop when another Prometheus stack is found (default true). Turn it off only on a
   * cluster created for the run, where whatever is there came from this library.
   */
  public KubePrometheusInstaller withOtherStackCheck(boolean check) {
    return new KubePrometheusInstaller(settings.withOtherStackCheck(check));
  }

  /** The run whose id the objects this installer creates carry. */
  public RunOwnership run() {
    return settings.run();
  }

  /**
   * Whether this installer created the object (it was absent when the cluster was surveyed), e.g.
   * {@code created("Deployment", "monitoring", "grafana")}; {@code namespace} is null for
   * cluster-scoped objects.
   */
  public boolean created(String kind, String namespace, String name) {
    return install.created(kind, namespace, name);
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

  /**
   * Applies {@code manifests/setup/}: the namespace {@code monitoring} and the CRDs. The first call
   * first records which of the profile's objects already exist and stops, before changing anything,
   * when another Prometheus stack is there.
   *
   * @throws KubePrometheusException naming the other stack's CRDs or operators
   */
  public ApplyReport applySetup() {
    return install.applySetup();
  }

  /**
   * The names of the CRDs in {@code manifests/setup/}, e.g. {@code
   * prometheuses.monitoring.coreos.com}.
   */
  public List<String> crdNames() {
    return install.crdNames();
  }

  /**
   * Waits until every CRD of {@link #crdNames()} has condition Established=True, or throws naming
   * the others.
   */
  public void awaitCrdsEstablished(Duration timeout) {
    install.awaitCrdsEstablished(timeout);
  }

  /** Applies the profile's selection of {@code manifests/}; the CRDs must be Established. */
  public ApplyReport applyStack() {
    return install.applyStack();
  }

  /**
   * Grants Prometheus discovery in every namespace; see {@link PrometheusRbacPatch}. Rules added to
   * a ClusterRole this run did not create are recorded and taken out again by {@link #teardown()}.
   */
  public ApplyReport patchRbac() {
    return install.patchRbac();
  }

  /**
   * Takes back what this installer did: rules it added to a ClusterRole it found are removed, then
   * every object it created and that still carries its run id is deleted, newest first. Objects it
   * found in the cluster are never deleted (reported KEPT), nor objects someone else took over
   * since. Returns without waiting for finalizers (the namespace's termination).
   */
  public ApplyReport teardown() {
    return install.teardown();
  }
}
