package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Name resolution as a container on the real node sees it: a pod of the lab's DNS check image
 * (lab/images/lookup) resolves the names with the resolver configuration the kubelet gave it (the
 * cluster DNS Service, the pod's search domains) and prints what it got.
 */
final class ContainerDns {

  static final String IMAGE = "lab.local/lookup:v1";
  private static final String POD = "dns-lookup";

  private ContainerDns() {}

  /** Each name with what the container resolved it to, or {@code error: ...}. */
  static Map<String, String> lookup(KubernetesClient admin, String namespace, List<String> names) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(POD)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName("lookup")
            .withImage(IMAGE)
            .withImagePullPolicy("Never")
            .withArgs(names)
            .endContainer()
            .endSpec()
            .build();
    admin.pods().resource(pod).create();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      String phase = "";
      while (System.nanoTime() < deadline) {
        Pod now = admin.pods().inNamespace(namespace).withName(POD).get();
        phase = now.getStatus() == null ? "" : String.valueOf(now.getStatus().getPhase());
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
          break;
        }
        LabProcess.sleep(Duration.ofMillis(250));
      }
      String log = admin.pods().inNamespace(namespace).withName(POD).getLog();
      if (!phase.equals("Succeeded")) {
        throw new AssertionError(
            "The DNS check pod " + namespace + "/" + POD + " ended " + phase + "; its log: " + log);
      }
      System.out.println("real node: container DNS\n" + log.strip());
      Map<String, String> resolved = new LinkedHashMap<>();
      log.lines()
          .filter(l -> l.contains(" -> "))
          .forEach(
              l ->
                  resolved.put(
                      l.substring(0, l.indexOf(" -> ")), l.substring(l.indexOf(" -> ") + 4)));
      return resolved;
    } finally {
      admin.pods().inNamespace(namespace).withName(POD).withGracePeriod(0).delete();
      long gone = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (admin.pods().inNamespace(namespace).withName(POD).get() != null
          && System.nanoTime() < gone) {
        LabProcess.sleep(Duration.ofMillis(250));
      }
    }
  }
}
