package io.github.milvusmonitored.cluster.internal;

import io.github.milvusmonitored.cluster.ClusterException;
import io.github.milvusmonitored.internal.Causes;
import io.github.milvusmonitored.internal.Redaction;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Every message the cluster layer raises. */
public final class ClusterErrors {

  private ClusterErrors() {}

  /**
   * The kubeconfig could not be parsed. The parser's own message quotes the offending line, which
   * may hold a token or a key: only its problem and position are kept, and it is not chained as the
   * cause.
   */
  public static ClusterException unreadableKubeconfig(String source, Throwable cause) {
    return new ClusterException(
        "Could not read the kubeconfig "
            + source
            + ": "
            + Redaction.parserMessage(Causes.root(cause))
            + ". Check that the file is a kubeconfig (apiVersion: v1, kind: Config) and that the context"
            + " exists (kubectl --kubeconfig <file> config get-contexts).");
  }

  public static ClusterException missingKubeconfig(String source) {
    return new ClusterException(
        "No kubeconfig at "
            + source
            + ". Pass the path of an existing kubeconfig"
            + " file, or set KUBECONFIG; to start a throwaway k3s instead, do not configure an existing cluster.");
  }

  public static ClusterException unknownContext(
      String source, String context, Collection<String> known) {
    return new ClusterException(
        "Context '"
            + context
            + "' is not in the kubeconfig "
            + source
            + ". Contexts there: "
            + known
            + ".");
  }

  public static ClusterException noCurrentContext(String source, Collection<String> known) {
    return new ClusterException(
        "The kubeconfig "
            + source
            + " sets no current-context and none was chosen."
            + " Contexts there: "
            + known
            + ". Choose one with the context setting (milvus.monitored.context,"
            + " MILVUS_MONITORED_CONTEXT) or 'kubectl config use-context <name>'.");
  }

  public static ClusterException incompleteContext(
      String source, String context, String part, String name, Collection<String> known) {
    return new ClusterException(
        "Context '"
            + context
            + "' in the kubeconfig "
            + source
            + " names "
            + part
            + " '"
            + name
            + "', which no file there defines ("
            + part
            + "s: "
            + known
            + "). Fix the context with"
            + " 'kubectl config set-context "
            + context
            + " --"
            + part
            + "=<name>'.");
  }

  /**
   * The API server gave no version: a refused connection says so ("connection refused", nothing
   * listens there); a timeout names the one deadline; any other failure gives its own words.
   */
  public static ClusterException notAnswering(
      String source, String server, Duration timeout, Throwable cause) {
    String what =
        Causes.isRefused(cause)
            ? "refused the connection (connection refused): nothing listens at that address and port"
            : cause instanceof TimeoutException
                ? "did not answer within " + MonitoredDuration.humanText(timeout)
                : "could not be asked for its version: " + rootMessage(cause);
    return new ClusterException(
        "The Kubernetes API server "
            + server
            + " (from "
            + source
            + ") "
            + what
            + ". Check that the cluster is running and reachable from here (kubectl cluster-info), and that the"
            + " kubeconfig's credentials are current.",
        cause);
  }

  public static ClusterException dockerMissing(Throwable cause) {
    return new ClusterException(
        "k3s needs a Docker engine, but Testcontainers found none: "
            + rootMessage(cause)
            + ". Start Docker (or set DOCKER_HOST), check 'docker info', or use an existing cluster through a"
            + " kubeconfig instead.",
        cause);
  }

  /**
   * Testcontainers could not start Ryuk, its resource reaper, whose image it pulls before the first
   * container: a host without a registry, or one whose registry mirror lacks the image.
   */
  public static ClusterException ryukUnavailable(String ryukImage, Throwable cause) {
    return new ClusterException(
        "Testcontainers could not start its resource reaper Ryuk (image "
            + ryukImage
            + "): "
            + rootMessage(cause)
            + ". Without a registry that serves that image, either set"
            + " TESTCONTAINERS_RYUK_DISABLED=true (containers this run starts are then removed by its own close, not"
            + " by Ryuk when the JVM dies), or name a copy your registry has: ryuk.container.image=<image> in"
            + " ~/.testcontainers.properties, or TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX=<mirror>/ for every Docker Hub"
            + " image. Testcontainers retries a pull for TESTCONTAINERS_PULL_TIMEOUT seconds (120 by default) before it"
            + " gives up.",
        cause);
  }

  /** Whether {@code failure} is Testcontainers failing to fetch or start its Ryuk container. */
  public static boolean isRyukFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("ryuk")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The kubelet's own words when it refuses a cgroup v1 host (Kubernetes 1.35 and 1.36 sources).
   */
  public static final String KUBELET_CGROUP_V1_REFUSAL =
      "kubelet is configured to not run on a host using cgroup v1";

  /**
   * k3s did not start.
   *
   * @param dockerCgroupVersion the Docker host's cgroup version ("1", "2"), or null if unknown
   * @param containerLog the k3s container's log, or null if unreadable
   */
  public static ClusterException k3sFailed(
      String image,
      Duration timeout,
      Throwable cause,
      String dockerCgroupVersion,
      String containerLog) {
    String base =
        "k3s ("
            + image
            + ") did not start within "
            + MonitoredDuration.humanText(timeout)
            + ": "
            + rootMessage(cause)
            + ". ";
    if (containerLog != null && containerLog.contains(KUBELET_CGROUP_V1_REFUSAL)) {
      return new ClusterException(
          base
              + "The Docker host runs cgroup v1 and the kubelet refused it: its log says '"
              + KUBELET_CGROUP_V1_REFUSAL
              + "'. milvus-monitored passes --kubelet-arg=fail-cgroupv1=false to k3s v1.31"
              + " and later, so this image's kubelet ignores or lacks that setting. Move the Docker host to cgroup v2"
              + " (kernel argument systemd.unified_cgroup_hierarchy=1; on WSL2 kernelCommandLine = cgroup_no_v1=all in"
              + " .wslconfig; 'docker info' then shows Cgroup Version: 2), or choose another k3s image"
              + " (k3sImage, MILVUS_MONITORED_K3S_IMAGE).",
          cause);
    }
    String cgroup =
        "1".equals(dockerCgroupVersion)
            ? "The Docker host runs cgroup v1 ('docker info': Cgroup Version: 1), which Kubernetes 1.35 and later refuse"
                + " unless told otherwise; milvus-monitored passes --kubelet-arg=fail-cgroupv1=false, so look in the"
                + " container's log for 'cgroup v1' before anything else, and prefer a cgroup v2 host. "
            : "";
    return new ClusterException(
        base
            + cgroup
            + "k3s runs privileged: rootless Docker and some CI runners refuse"
            + " that. A first start also pulls the image (about 70 MB); pull it beforehand with 'docker pull "
            + image
            + "'.",
        cause);
  }

  static String rootMessage(Throwable t) {
    Throwable root = Causes.root(t);
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
