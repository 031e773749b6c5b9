package io.github.milvusmonitored.cluster;

import io.github.milvusmonitored.internal.Checks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to start k3s in Docker.
 *
 * <pre>{@code
 * K3sClusterConfig config = K3sClusterConfig.defaults().withImage("rancher/k3s:v1.36.1-k3s1").withReuse(true);
 * }</pre>
 *
 * @param image the rancher/k3s image; kube-prometheus v0.18.0 supports Kubernetes 1.33 to 1.36
 * @param reuse keep the container after the JVM exits and find it again next time (Testcontainers
 *     reuse; needs {@code testcontainers.reuse.enable=true} in {@code
 *     ~/.testcontainers.properties})
 * @param sharedRootMount make the container's {@code /} a shared mount so node-exporter can start
 * @param startupTimeout how long k3s may take to report its node controller synced
 * @param registriesYaml content of {@code /etc/rancher/k3s/registries.yaml} (mirrors, credentials),
 *     copied in before k3s starts, or {@code null} for none; see {@code RegistryMirrors}
 * @param imageArchives image archives copied into {@code /var/lib/rancher/k3s/agent/images/} before
 *     k3s starts, which k3s imports when it starts (e.g. k3s's own {@code
 *     k3s-airgap-images-amd64.tar.zst})
 */
public record K3sClusterConfig(
    String image,
    boolean reuse,
    boolean sharedRootMount,
    Duration startupTimeout,
    String registriesYaml,
    List<Path> imageArchives) {

  /** Where k3s reads its registry configuration. */
  public static final String REGISTRIES_PATH = "/etc/rancher/k3s/registries.yaml";

  /** Where k3s looks for image archives to import when it starts. */
  public static final String IMAGE_ARCHIVE_DIRECTORY = "/var/lib/rancher/k3s/agent/images/";

  private static final List<String> ARCHIVE_SUFFIXES =
      List.of(".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.lz4", ".tar.bz2");

  /** The default image: inside kube-prometheus v0.18.0's supported range. */
  public static final String DEFAULT_IMAGE = "rancher/k3s:v1.35.0-k3s1";

  public K3sClusterConfig {
    Objects.requireNonNull(image, "image");
    if (!image.matches(
        "([\\w.-]+(:\\d+)?/)?[\\w./-]*k3s[\\w.-]*(:[\\w.-]+)?(@sha256:[0-9a-f]{64})?")) {
      throw new IllegalArgumentException(
          "k3s image must be a rancher/k3s image reference such as "
              + DEFAULT_IMAGE
              + " (or a mirror of it), got '"
              + image
              + "'.");
    }
    Checks.positive("k3s startup timeout", startupTimeout);
    imageArchives = List.copyOf(imageArchives == null ? List.of() : imageArchives);
    for (Path archive : imageArchives) {
      String name = archive.getFileName() == null ? "" : archive.getFileName().toString();
      if (!Files.isRegularFile(archive) || ARCHIVE_SUFFIXES.stream().noneMatch(name::endsWith)) {
        throw new IllegalArgumentException(
            "k3s image archive "
                + archive.toAbsolutePath()
                + " is not an existing"
                + " file ending in one of "
                + ARCHIVE_SUFFIXES
                + ", which k3s imports at start. Check the path, or"
                + " create it with 'docker save -o images.tar <image>...'.");
      }
    }
  }

  /** The default image, no reuse, private root mount, 3 minutes to start. */
  public static K3sClusterConfig defaults() {
    return new K3sClusterConfig(
        DEFAULT_IMAGE, false, false, Duration.ofMinutes(3), null, List.of());
  }

  public K3sClusterConfig withImage(String image) {
    return new K3sClusterConfig(
        image, reuse, sharedRootMount, startupTimeout, registriesYaml, imageArchives);
  }

  public K3sClusterConfig withReuse(boolean reuse) {
    return new K3sClusterConfig(
        image, reuse, sharedRootMount, startupTimeout, registriesYaml, imageArchives);
  }

  public K3sClusterConfig withSharedRootMount(boolean shared) {
    return new K3sClusterConfig(
        image, reuse, shared, startupTimeout, registriesYaml, imageArchives);
  }

  public K3sClusterConfig withStartupTimeout(Duration timeout) {
    return new K3sClusterConfig(
        image, reuse, sharedRootMount, timeout, registriesYaml, imageArchives);
  }

  /**
   * Sets the content of k3s's {@code registries.yaml}; {@code RegistryMirrors.applyTo(..)} writes
   * it.
   */
  public K3sClusterConfig withRegistriesYaml(String yaml) {
    return new K3sClusterConfig(image, reuse, sharedRootMount, startupTimeout, yaml, imageArchives);
  }

  /** Adds image archives that k3s imports when it starts, before any pod is scheduled. */
  public K3sClusterConfig withImageArchives(Path... archives) {
    List<Path> all = new ArrayList<>(imageArchives);
    all.addAll(List.of(archives));
    return new K3sClusterConfig(image, reuse, sharedRootMount, startupTimeout, registriesYaml, all);
  }

  /**
   * The k3s server arguments. Traefik is not needed; k3s's metrics-server registers the same
   * APIService ({@code v1beta1.metrics.k8s.io}) as kube-prometheus's prometheus-adapter.
   *
   * <p>From Kubernetes 1.35 the kubelet refuses to start on a cgroup v1 host unless its {@code
   * failCgroupV1} setting is false (KEP-5573); {@value #ALLOW_CGROUP_V1} sets it through the
   * kubelet flag {@code --fail-cgroupv1}, which exists from Kubernetes 1.31 (read in the kubelet's
   * v1.35.0 and v1.36.1 sources), so images older than that do not get it. On cgroup v2 hosts the
   * setting changes nothing.
   */
  public List<String> serverArguments(String tlsSan) {
    List<String> arguments =
        new ArrayList<>(
            List.of("server", "--disable=traefik,metrics-server", "--tls-san=" + tlsSan));
    if (knowsFailCgroupV1Flag()) {
      arguments.add(ALLOW_CGROUP_V1);
    }
    return List.copyOf(arguments);
  }

  /** The k3s argument that lets the kubelet run on cgroup v1 hosts. */
  public static final String ALLOW_CGROUP_V1 = "--kubelet-arg=fail-cgroupv1=false";

  /**
   * Whether the image's kubelet has {@code --fail-cgroupv1}: Kubernetes 1.31 or later, or a tag we
   * cannot read.
   */
  boolean knowsFailCgroupV1Flag() {
    Matcher version =
        Pattern.compile(":v?(\\d+)\\.(\\d+)[^/]*$")
            .matcher(image.replaceFirst("@sha256:[0-9a-f]{64}$", ""));
    if (!version.find()) {
      return true;
    }
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    return major > 1 || (major == 1 && minor >= 31);
  }
}
