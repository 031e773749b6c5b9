package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.stack.ApplyReport;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.ResourceApplier;
import java.util.List;

/** Applies or deletes one manifest object and turns HTTP 403 into an actionable error. */
public final class ResourceSteps {

  /** A manifest object with the file it came from. */
  public record Item(String file, HasMetadata resource) {}

  private ResourceSteps() {}

  public static ApplyReport.Entry apply(KubernetesClient client, ResourceApplier applier, ApplyReport.Phase phase, Item item) {
    HasMetadata r = item.resource();
    try {
      applier.apply(client, r);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        String target = item.file().startsWith("manifests/setup/") ? folderOf(item.file()) : item.file();
        String kubectl = "kubectl apply --server-side --force-conflicts -f " + target;
        throw new KubePrometheusException(KubePrometheusErrors.forbidden(
            applier.verb(), r.getKind(), name(r), serverMessage(e), kubectl), e);
      }
      throw new KubePrometheusException(KubePrometheusErrors.applyFailed(item.file(), r.getKind(), name(r), serverMessage(e)), e);
    }
    return entry(phase, ApplyReport.Action.APPLIED, item);
  }

  public static ApplyReport.Entry delete(KubernetesClient client, Item item) {
    HasMetadata r = item.resource();
    List<?> deleted;
    try {
      deleted = client.resource(r).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return entry(ApplyReport.Phase.TEARDOWN, ApplyReport.Action.NOT_FOUND, item);
      }
      if (e.getCode() == 403) {
        throw new KubePrometheusException(KubePrometheusErrors.forbidden("delete", r.getKind(), name(r), serverMessage(e),
            "kubectl delete --ignore-not-found=true -f manifests/ -f manifests/setup"), e);
      }
      throw e;
    }
    return entry(ApplyReport.Phase.TEARDOWN,
        deleted == null || deleted.isEmpty() ? ApplyReport.Action.NOT_FOUND : ApplyReport.Action.DELETED, item);
  }

  private static ApplyReport.Entry entry(ApplyReport.Phase phase, ApplyReport.Action action, Item item) {
    HasMetadata r = item.resource();
    return new ApplyReport.Entry(phase, action, item.file(), r.getKind(), r.getMetadata().getNamespace(), name(r));
  }

  private static String name(HasMetadata r) {
    return r.getMetadata().getName();
  }

  private static String folderOf(String file) {
    return file.substring(0, file.lastIndexOf('/') + 1);
  }

  private static String serverMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
  }
}
