package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.stack.ApplyReport;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.ResourceApplier;
import io.github.milvusmonitored.stack.RunOwnership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads, applies or deletes one manifest object: transient API errors retried until the phase's
 * deadline, HTTP 403 and field-manager conflicts turned into actionable errors.
 */
public final class ResourceSteps {

  /** A manifest object with the file it came from. */
  public record Item(String file, HasMetadata resource) {}

  private ResourceSteps() {}

  /** The object as the cluster holds it, or null when absent. */
  public static HasMetadata get(KubernetesClient client, Item item, KubeRetry.Deadline deadline) {
    HasMetadata r = item.resource();
    try {
      return KubeRetry.call("get " + describe(r), deadline, () -> client.resource(r).get());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      if (e.getCode() == 403) {
        throw new KubePrometheusException(
            KubePrometheusErrors.forbidden(
                "get", r.getKind(), name(r), serverMessage(e), applyCommand(item)),
            e);
      }
      throw new KubePrometheusException(
          KubePrometheusErrors.applyFailed(item.file(), r.getKind(), name(r), serverMessage(e)), e);
    }
  }

  public static ApplyReport.Entry apply(
      KubernetesClient client,
      ResourceApplier applier,
      ApplyReport.Phase phase,
      Item item,
      KubeRetry.Deadline deadline) {
    HasMetadata r = item.resource();
    try {
      KubeRetry.call("apply " + describe(r), deadline, () -> applier.apply(client, r));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw new KubePrometheusException(
            KubePrometheusErrors.forbidden(
                applier.verb(), r.getKind(), name(r), serverMessage(e), applyCommand(item)),
            e);
      }
      List<String> conflicts = conflicts(e);
      if (e.getCode() == 409 && !conflicts.isEmpty()) {
        throw new KubePrometheusException(
            KubePrometheusErrors.applyConflict(item.file(), r.getKind(), name(r), conflicts), e);
      }
      throw new KubePrometheusException(
          KubePrometheusErrors.applyFailed(item.file(), r.getKind(), name(r), serverMessage(e)), e);
    }
    return entry(phase, ApplyReport.Action.APPLIED, item);
  }

  /**
   * Deletes the object if it still carries {@code run}'s id; reports DELETED, NOT_FOUND or KEPT.
   */
  public static ApplyReport.Entry deleteOwned(
      KubernetesClient client, Item item, RunOwnership run, KubeRetry.Deadline deadline) {
    return deleteOwned(client, item, run, deadline, deleting -> {});
  }

  /**
   * Like {@link #deleteOwned(KubernetesClient, Item, RunOwnership, KubeRetry.Deadline)}, handing
   * the object as read from the cluster (with its uid) to {@code deleting} just before it is
   * deleted.
   */
  public static ApplyReport.Entry deleteOwned(
      KubernetesClient client,
      Item item,
      RunOwnership run,
      KubeRetry.Deadline deadline,
      Consumer<HasMetadata> deleting) {
    HasMetadata r = item.resource();
    try {
      HasMetadata current =
          KubeRetry.call("get " + describe(r), deadline, () -> client.resource(r).get());
      if (current == null) {
        return entry(ApplyReport.Phase.TEARDOWN, ApplyReport.Action.NOT_FOUND, item);
      }
      if (!run.createdBy(current)) {
        return entry(ApplyReport.Phase.TEARDOWN, ApplyReport.Action.KEPT, item);
      }
      deleting.accept(current);
      List<?> deleted =
          KubeRetry.call(
              "delete " + describe(r),
              deadline,
              () ->
                  client
                      .resource(r)
                      .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                      .delete());
      return entry(
          ApplyReport.Phase.TEARDOWN,
          deleted == null || deleted.isEmpty()
              ? ApplyReport.Action.NOT_FOUND
              : ApplyReport.Action.DELETED,
          item);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return entry(ApplyReport.Phase.TEARDOWN, ApplyReport.Action.NOT_FOUND, item);
      }
      if (e.getCode() == 403) {
        throw new KubePrometheusException(
            KubePrometheusErrors.forbidden(
                "delete",
                r.getKind(),
                name(r),
                serverMessage(e),
                "kubectl delete "
                    + r.getKind().toLowerCase(Locale.ROOT)
                    + " "
                    + name(r)
                    + (r.getMetadata().getNamespace() == null
                        ? ""
                        : " -n " + r.getMetadata().getNamespace())),
            e);
      }
      throw e;
    }
  }

  /**
   * Reads {@code objects} again every {@code pollInterval} until each is gone or the deadline is
   * about to pass; returns those still there.
   */
  public static List<HasMetadata> awaitGone(
      KubernetesClient client,
      List<HasMetadata> objects,
      KubeRetry.Deadline deadline,
      Duration pollInterval) {
    List<HasMetadata> left = new ArrayList<>(objects);
    while (true) {
      left.removeIf(
          object ->
              KubeRetry.call(
                      "get " + describe(object), deadline, () -> client.resource(object).get())
                  == null);
      if (left.isEmpty() || deadline.remainingMillis() <= pollInterval.toMillis()) {
        return left;
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return left;
      }
    }
  }

  /** An entry for an object found in the cluster and left as it was. */
  public static ApplyReport.Entry kept(ApplyReport.Phase phase, Item item) {
    return entry(phase, ApplyReport.Action.KEPT, item);
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for cluster-scoped objects. */
  public static String describe(HasMetadata r) {
    String ns = r.getMetadata().getNamespace();
    return r.getKind() + " " + (ns == null ? "" : ns + "/") + name(r);
  }

  static String serverMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }

  // Server-side apply reports each conflicting field with the manager that owns it.
  private static List<String> conflicts(KubernetesClientException e) {
    if (e.getStatus() == null
        || e.getStatus().getDetails() == null
        || e.getStatus().getDetails().getCauses() == null) {
      return List.of();
    }
    return e.getStatus().getDetails().getCauses().stream()
        .filter(c -> "FieldManagerConflict".equals(c.getReason()))
        .map(ResourceSteps::conflict)
        .toList();
  }

  private static String conflict(StatusCause cause) {
    return (cause.getField() == null ? "" : cause.getField() + " ")
        + "("
        + cause.getMessage()
        + ")";
  }

  private static String applyCommand(Item item) {
    return "kubectl apply --server-side -f " + item.file();
  }

  private static ApplyReport.Entry entry(
      ApplyReport.Phase phase, ApplyReport.Action action, Item item) {
    HasMetadata r = item.resource();
    return new ApplyReport.Entry(
        phase, action, item.file(), r.getKind(), r.getMetadata().getNamespace(), name(r));
  }

  private static String name(HasMetadata r) {
    return r.getMetadata().getName();
  }
}
