package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The labels every object a run creates carries: {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY}
 * and {@value #RUN_ID_LABEL}=the run's id. Removal deletes only objects created by the run that
 * still carry its id, so nothing a user had, or took over since, is ever deleted.
 *
 * <pre>{@code
 * RunOwnership run = RunOwnership.newRun();
 * kubectl get all -A -l milvusmonitored.github.io/run-id=<run.runId()>   // what the run created
 * }</pre>
 *
 * @param runId a label value naming the run, e.g. {@code 3f9c2a71b04e}
 */
public record RunOwnership(String runId) {

  /** The recommended Kubernetes label naming the tool that manages an object. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /** The value of {@value #MANAGED_BY_LABEL} on what this library creates. */
  public static final String MANAGED_BY = "milvus-monitored";

  /** The label holding the id of the run that created the object. */
  public static final String RUN_ID_LABEL = "milvusmonitored.github.io/run-id";

  private static final Pattern LABEL_VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final SecureRandom RANDOM = new SecureRandom();

  public RunOwnership {
    Objects.requireNonNull(runId, "runId");
    if (!LABEL_VALUE.matcher(runId).matches()) {
      throw new IllegalArgumentException(
          "Run id '"
              + runId
              + "' is not a Kubernetes label value (at most 63"
              + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit).");
    }
  }

  /** A run with a new random id of 12 hexadecimal digits. */
  public static RunOwnership newRun() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return new RunOwnership(HexFormat.of().formatHex(bytes));
  }

  /** The labels this run puts on what it creates. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(RUN_ID_LABEL, runId);
    return labels;
  }

  /** {@code resource} with this run's labels added; the argument is not changed. */
  public <T extends HasMetadata> T stamp(T resource) {
    T copy = Serialization.clone(resource);
    ObjectMeta meta = copy.getMetadata();
    Map<String, String> labels =
        meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels());
    labels.putAll(labels());
    meta.setLabels(labels);
    return copy;
  }

  /** Whether {@code resource} still carries this run's id. */
  public boolean createdBy(HasMetadata resource) {
    return resource != null
        && resource.getMetadata().getLabels() != null
        && runId.equals(resource.getMetadata().getLabels().get(RUN_ID_LABEL));
  }

  /**
   * Whether {@code resource} is labelled as managed by this library (by this run or an earlier
   * one).
   */
  public static boolean managedByLibrary(HasMetadata resource) {
    return resource != null
        && resource.getMetadata().getLabels() != null
        && MANAGED_BY.equals(resource.getMetadata().getLabels().get(MANAGED_BY_LABEL));
  }
}
