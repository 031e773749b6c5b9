package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an installer found in the cluster before it applied anything, and what it then created or
 * added, so that removal takes back exactly that. One per install: never shared between installers.
 */
public final class StackLedger {

  /** An object's identity. */
  public record Key(String apiVersion, String kind, String namespace, String name) {
    public static Key of(HasMetadata r) {
      return new Key(
          r.getApiVersion(),
          r.getKind(),
          r.getMetadata().getNamespace(),
          r.getMetadata().getName());
    }
  }

  private final Map<Key, Optional<HasMetadata>> found = new LinkedHashMap<>();
  private final List<ResourceSteps.Item> created = new ArrayList<>();
  private final List<PolicyRule> addedRules = new ArrayList<>();
  private boolean kubeletObjectsFound;

  /** Whether the survey of the cluster was taken. */
  public synchronized boolean surveyed() {
    return !found.isEmpty();
  }

  /** Records what the cluster held for {@code item} before anything was applied (null: absent). */
  public synchronized void found(ResourceSteps.Item item, HasMetadata existing) {
    found.put(Key.of(item.resource()), Optional.ofNullable(existing));
  }

  /**
   * What the cluster held for {@code resource} before anything was applied; empty when absent or
   * never surveyed.
   */
  public synchronized Optional<HasMetadata> before(HasMetadata resource) {
    return found.getOrDefault(Key.of(resource), Optional.empty());
  }

  /** Every object found before anything was applied. */
  public synchronized List<HasMetadata> allFound() {
    return found.values().stream().flatMap(Optional::stream).toList();
  }

  /** Records that this run creates {@code item} (it did not exist before). */
  public synchronized void created(ResourceSteps.Item item) {
    if (created.stream().noneMatch(c -> Key.of(c.resource()).equals(Key.of(item.resource())))) {
      created.add(item);
    }
  }

  /** Whether this run created the object. */
  public synchronized boolean isCreated(String kind, String namespace, String name) {
    return created.stream()
        .map(c -> Key.of(c.resource()))
        .anyMatch(
            k ->
                k.kind().equals(kind)
                    && Objects.equals(k.namespace(), namespace)
                    && k.name().equals(name));
  }

  /** What this run created, in order of creation. */
  public synchronized List<ResourceSteps.Item> created() {
    return List.copyOf(created);
  }

  /** Records rules this run added to a ClusterRole it did not create. */
  public synchronized void rulesAdded(List<PolicyRule> rules) {
    addedRules.addAll(rules);
  }

  /**
   * Rules this run added to a ClusterRole it did not create; cleared by {@link #rulesReverted()}.
   */
  public synchronized List<PolicyRule> addedRules() {
    return List.copyOf(addedRules);
  }

  /**
   * Records whether the operator's kubelet objects were in the cluster before anything was applied.
   */
  public synchronized void kubeletObjectsFound(boolean present) {
    kubeletObjectsFound = present;
  }

  /** Whether the operator's kubelet objects were in the cluster before anything was applied. */
  public synchronized boolean kubeletObjectsFound() {
    return kubeletObjectsFound;
  }

  public synchronized void rulesReverted() {
    addedRules.clear();
  }
}
