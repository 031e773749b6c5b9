package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link KubePrometheusInstaller} is set up with; immutable, so that {@code withX} copies
 * share nothing that changes. What an install records as it goes is a {@link StackInstall}'s.
 */
record InstallerSettings(
    KubernetesClient client,
    KubePrometheusManifests manifests,
    StackProfile profile,
    ResourceApplier applier,
    Duration pollInterval,
    RunOwnership run,
    Duration stepTimeout,
    boolean otherStackCheck) {

  InstallerSettings {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(manifests, "manifests");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(applier, "applier");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(stepTimeout, "stepTimeout");
  }

  InstallerSettings withProfile(StackProfile newProfile) {
    return new InstallerSettings(
        client, manifests, newProfile, applier, pollInterval, run, stepTimeout, otherStackCheck);
  }

  InstallerSettings withApplier(ResourceApplier newApplier) {
    return new InstallerSettings(
        client, manifests, profile, newApplier, pollInterval, run, stepTimeout, otherStackCheck);
  }

  InstallerSettings withPollInterval(Duration newPollInterval) {
    return new InstallerSettings(
        client, manifests, profile, applier, newPollInterval, run, stepTimeout, otherStackCheck);
  }

  InstallerSettings withRun(RunOwnership newRun) {
    return new InstallerSettings(
        client, manifests, profile, applier, pollInterval, newRun, stepTimeout, otherStackCheck);
  }

  InstallerSettings withStepTimeout(Duration newStepTimeout) {
    return new InstallerSettings(
        client, manifests, profile, applier, pollInterval, run, newStepTimeout, otherStackCheck);
  }

  InstallerSettings withOtherStackCheck(boolean check) {
    return new InstallerSettings(
        client, manifests, profile, applier, pollInterval, run, stepTimeout, check);
  }
}
