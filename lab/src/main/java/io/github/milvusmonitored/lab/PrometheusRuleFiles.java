package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule files of a Prometheus pod: the ConfigMaps the operator generates from PrometheusRules
 * ({@code prometheus-<name>-rulefiles-<n>}), which the pod mounts under {@value #MOUNT_ROOT}. The
 * lab copies each into a folder of the pod's own (as a kubelet syncs a ConfigMap volume, every
 * second here) and points the generated configuration's {@code rule_files} at those folders, since
 * every Prometheus of the lab shares the host's file system where the pod has {@value #MOUNT_ROOT}
 * to itself.
 */
final class PrometheusRuleFiles {

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusRuleFiles.class);
  static final String MOUNT_ROOT = "/etc/prometheus/rules/";

  private final String namespace;
  private final Path root;

  /** Folder under {@link #root} (the mount path's last part) to the ConfigMap mounted there. */
  private final Map<String, String> mounts;

  private PrometheusRuleFiles(String namespace, Path root, Map<String, String> mounts) {
    this.namespace = namespace;
    this.root = root;
    this.mounts = mounts;
  }

  static PrometheusRuleFiles of(Pod pod, Path root) throws IOException {
    Map<String, String> configMaps = new LinkedHashMap<>();
    for (Volume v : pod.getSpec().getVolumes()) {
      if (v.getConfigMap() != null) {
        configMaps.put(v.getName(), v.getConfigMap().getName());
      }
    }
    Map<String, String> mounts = new LinkedHashMap<>();
    Container prometheus =
        pod.getSpec().getContainers().stream()
            .filter(c -> "prometheus".equals(c.getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new LabException(
                        "Pod "
                            + pod.getMetadata().getNamespace()
                            + "/"
                            + pod.getMetadata().getName()
                            + " has no container 'prometheus'; the operator's StatefulSet changed shape"));
    for (VolumeMount m : prometheus.getVolumeMounts()) {
      if (m.getMountPath().startsWith(MOUNT_ROOT) && configMaps.containsKey(m.getName())) {
        String folder = m.getMountPath().substring(MOUNT_ROOT.length()).replaceAll("/+$", "");
        mounts.put(folder, configMaps.get(m.getName()));
        Files.createDirectories(root.resolve(folder));
      }
    }
    return new PrometheusRuleFiles(pod.getMetadata().getNamespace(), root, Map.copyOf(mounts));
  }

  /**
   * The config-reloader's {@code --watched-dir} arguments, as the operator gives them in the pod.
   */
  List<String> watchedDirArguments() {
    List<String> args = new ArrayList<>();
    mounts.keySet().forEach(folder -> args.add("--watched-dir=" + root.resolve(folder)));
    return args;
  }

  /** The gzipped configuration with {@value #MOUNT_ROOT} replaced by the pod's rule folder. */
  byte[] relocate(byte[] gzipped) throws IOException {
    String config;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String relocated = config.replace(MOUNT_ROOT, root.toString() + "/");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(relocated.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** Copies each ConfigMap's keys into its folder; removes the files of keys that are gone. */
  void sync(KubernetesClient client) {
    mounts.forEach(
        (folder, name) -> {
          try {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
            Map<String, String> data =
                map == null || map.getData() == null ? Map.of() : map.getData();
            Path dir = root.resolve(folder);
            for (Map.Entry<String, String> file : data.entrySet()) {
              write(dir.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
            }
            try (Stream<Path> present = Files.list(dir)) {
              for (Path p : present.toList()) {
                if (!data.containsKey(p.getFileName().toString())) {
                  Files.delete(p);
                  LOG.info(
                      "lab: rule file {} removed (no longer in ConfigMap {}/{})",
                      p.getFileName(),
                      namespace,
                      name);
                }
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot sync rule ConfigMap " + namespace + "/" + name, e);
          }
        });
  }

  private static void write(Path file, byte[] data) throws IOException {
    if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), data)) {
      return;
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, data);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    LOG.info("lab: rule file {} written from its ConfigMap", file.getFileName());
  }
}
