package io.github.milvusmonitored.cluster.internal;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.github.milvusmonitored.cluster.ClusterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses, before anything is downloaded, the kubeconfig of an existing cluster that cannot work: a
 * missing or unreadable file, one that does not parse, or a context it does not hold. Offline, such
 * a mistake would otherwise show up as a failed download.
 */
public final class KubeconfigPrecheck {

  private KubeconfigPrecheck() {}

  /**
   * Checks the kubeconfig at {@code path} and {@code context} in it (its current context when
   * null).
   */
  public static void check(Path path, String context) {
    String source = path + (context == null ? "" : " (context " + context + ")");
    if (!Files.isRegularFile(path)) {
      throw ClusterErrors.missingKubeconfig(path.toString());
    }
    Config parsed;
    try {
      parsed = KubeConfigUtils.parseConfigFromString(Files.readString(path));
    } catch (IOException | RuntimeException e) {
      throw ClusterErrors.unreadableKubeconfig(source, e);
    }
    if (parsed == null) {
      throw ClusterErrors.unreadableKubeconfig(
          source, new IllegalArgumentException("the file is empty"));
    }
    List<String> contexts =
        parsed.getContexts() == null
            ? List.of()
            : parsed.getContexts().stream().map(NamedContext::getName).toList();
    String wanted = context != null ? context : parsed.getCurrentContext();
    if (wanted == null || wanted.isBlank() || !contexts.contains(wanted)) {
      throw unknown(source, wanted, contexts);
    }
  }

  private static ClusterException unknown(String source, String context, List<String> contexts) {
    return ClusterErrors.unknownContext(
        source, context == null ? "(no current-context)" : context, contexts);
  }
}
