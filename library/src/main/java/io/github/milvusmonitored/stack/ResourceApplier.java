package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Applies one Kubernetes object to a cluster.
 *
 * <p>{@link #SERVER_SIDE} is what kube-prometheus needs on real clusters: six of its CRDs are too
 * large for the annotation that client-side apply writes. {@link #CREATE_OR_REPLACE} serves servers
 * without server-side apply, such as fabric8's mock server.
 *
 * <pre>{@code
 * KubePrometheusInstaller.create(client, manifests).withApplier(ResourceApplier.CREATE_OR_REPLACE);
 * }</pre>
 */
public interface ResourceApplier {

  /** The field manager that owns the fields set by {@link #SERVER_SIDE}. */
  String FIELD_MANAGER = "milvus-monitored";

  /**
   * Server-side apply with field manager {@value #FIELD_MANAGER}, without forcing (like {@code
   * kubectl apply --server-side}): a field another manager owns is a conflict (HTTP 409) reported
   * with that manager, never taken over.
   */
  ResourceApplier SERVER_SIDE =
      of(
          "SERVER_SIDE",
          "patch",
          (client, resource) ->
              client.resource(resource).fieldManager(FIELD_MANAGER).serverSideApply());

  /** Create, or replace the whole object when it exists. */
  ResourceApplier CREATE_OR_REPLACE =
      of(
          "CREATE_OR_REPLACE",
          "create",
          (client, resource) -> client.resource(resource).createOr(NonDeletingOperation::update));

  /** Sends {@code resource} to the cluster and returns the object the server stored. */
  HasMetadata apply(KubernetesClient client, HasMetadata resource);

  /** The RBAC verb the cluster checks for this kind of apply, named in "forbidden" errors. */
  String verb();

  /** An applier from a function, e.g. one that records or decorates another. */
  static ResourceApplier of(
      String name, String verb, BiFunction<KubernetesClient, HasMetadata, HasMetadata> apply) {
    Objects.requireNonNull(apply, "apply");
    return new ResourceApplier() {
      @Override
      public HasMetadata apply(KubernetesClient client, HasMetadata resource) {
        return apply.apply(client, resource);
      }

      @Override
      public String verb() {
        return verb;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
