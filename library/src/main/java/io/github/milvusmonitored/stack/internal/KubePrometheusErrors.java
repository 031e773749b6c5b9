package io.github.milvusmonitored.stack.internal;

import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every error message of the kube-prometheus domain: what happened, values, cause, what to do. */
public final class KubePrometheusErrors {

  private KubePrometheusErrors() {}

  public static String unknownVersion(String version, List<String> shipped) {
    return "No checksum list ships for kube-prometheus "
        + version
        + "; shipped: "
        + shipped
        + ". "
        + "Use a shipped version, or parse your own list with ManifestChecksums.parse(version, text) "
        + "(sha256sum manifests/*.yaml manifests/setup/*.yaml) and pass it with withChecksums(..).";
  }

  public static String badChecksumLine(String version, int lineNumber, String line) {
    return "Checksum list "
        + version
        + ", line "
        + lineNumber
        + " is not '<64 hex digits>  manifests/<file>'"
        + " or repeats a path: '"
        + line
        + "'. Regenerate the list with sha256sum from the manifests' parent folder.";
  }

  public static String archiveMissing(Path archive) {
    return "kube-prometheus archive "
        + archive.toAbsolutePath()
        + " does not exist or is not a file. "
        + "Check the path, or download it from "
        + "https://github.com/prometheus-operator/kube-prometheus/archive/refs/tags/<version>.tar.gz.";
  }

  public static String archiveUnreadable(Path archive, IOException e) {
    return "Cannot read kube-prometheus archive "
        + archive.toAbsolutePath()
        + " as tar.gz: "
        + clause(e)
        + ". Likely cause: an incomplete download or a file that is not a gzip-compressed tar. "
        + "Download it again.";
  }

  public static String folderUnreadable(Path folder, IOException e) {
    return "Cannot read the kube-prometheus manifests under "
        + folder.toAbsolutePath()
        + ": "
        + clause(e)
        + ". Check the folder's permissions.";
  }

  public static String noManifestsIn(String source) {
    return "No kube-prometheus manifests found in "
        + source
        + ": expected manifests/setup/ at its root"
        + " or under one top folder (archive), or the folder to be a checkout or manifests/ itself. "
        + "Point to an unpacked kube-prometheus release or its tag archive.";
  }

  public static String missingFile(String path) {
    return path + ": missing";
  }

  public static String checksumDiffers(String path, String expected, String actual) {
    return path + ": sha256 expected " + expected + ", actual " + actual;
  }

  public static String unexpectedFile(String path) {
    return path + ": not in the checksum list (unexpected extra file)";
  }

  public static String verificationFailed(String source, String version, List<String> problems) {
    return "kube-prometheus manifests from "
        + source
        + " do not match the "
        + version
        + " checksum list ("
        + problems.size()
        + " problem(s)):\n  "
        + String.join("\n  ", problems)
        + "\nLikely cause: a manifest was edited, or the source holds another kube-prometheus version than "
        + version
        + ". What to do: use the unmodified "
        + version
        + " release (a cached download is "
        + "replaced automatically), or select the checksum list of the version you have, or pass a "
        + "checksum list of your own edited copy with withChecksums(..).";
  }

  public static String cacheUnwritable(Path cacheDirectory, IOException e) {
    return "Cannot write the kube-prometheus cache "
        + cacheDirectory.toAbsolutePath()
        + ": "
        + clause(e)
        + ". Choose a writable folder with ManifestSource.download(..).withCacheDirectory(..).";
  }

  public static String downloadFailed(ManifestSource.Download source, String reason) {
    return "Downloading kube-prometheus from "
        + source.uri()
        + " failed: "
        + reason
        + ". "
        + "Likely cause: no internet access, a proxy that needs -Dhttps.proxyHost/-Dhttps.proxyPort, "
        + "or a version tag that does not exist. What to do: download the archive elsewhere and use "
        + "ManifestSource.archive(path), or put it at "
        + source.cachedArchive().toAbsolutePath()
        + ".";
  }

  public static String unparsable(String path, RuntimeException e) {
    return "Cannot parse manifest " + path + " as Kubernetes YAML: " + e.getMessage();
  }

  public static String notAResource(String path, String type) {
    return "Manifest "
        + path
        + " holds a document that is not a Kubernetes object with metadata: "
        + type;
  }

  public static String unknownProfile(String value, List<String> valid) {
    return "Unknown kube-prometheus profile '"
        + value
        + "'; valid (case-insensitive): "
        + valid
        + ".";
  }

  public static String crdsNotEstablished(
      Duration timeout, Map<String, String> states, List<String> waiting, int total) {
    StringBuilder each = new StringBuilder();
    for (String name : waiting) {
      each.append("\n  ").append(name).append(": ").append(states.getOrDefault(name, "not read"));
    }
    return waiting.size()
        + " of "
        + total
        + " kube-prometheus CRDs were not Established within "
        + MonitoredDuration.humanText(timeout)
        + ": "
        + waiting
        + "."
        + each
        + "\nLikely cause: a slow or overloaded API server, "
        + "a CRD the server refused (condition NamesAccepted=False), or one the apply never created (not found). "
        + "What to do: look at 'kubectl get crd "
        + waiting.get(0)
        + " -o yaml' (status.conditions), then retry with"
        + " a longer deadline.";
  }

  public static String forbidden(
      String verb, String resource, String name, String serverMessage, String kubectl) {
    return "The cluster forbade '"
        + verb
        + "' on "
        + resource
        + " '"
        + name
        + "' (HTTP 403: "
        + serverMessage
        + "). Installing kube-prometheus needs cluster-admin rights (CRDs, ClusterRoles). What to do: use a "
        + "kubeconfig with cluster-admin, or ask an administrator to run:\n  "
        + kubectl;
  }

  public static String applyConflict(
      String path, String kind, String name, List<String> conflicts) {
    return "Server-side apply of "
        + kind
        + " '"
        + name
        + "' from "
        + path
        + " conflicts with fields another"
        + " field manager owns: "
        + String.join("; ", conflicts)
        + ". milvus-monitored never force-applies over"
        + " what another tool manages. Likely cause: another Prometheus stack or a Helm release installed this"
        + " object. What to do: run on a dedicated cluster (the default k3s), or remove that tool's object if it"
        + " is a leftover; an administrator who wants to take it over can run:\n  kubectl apply --server-side"
        + " --force-conflicts -f "
        + path;
  }

  public static String otherStack(List<String> findings) {
    return "Another Prometheus stack is in this cluster:\n  "
        + String.join("\n  ", findings)
        + "\nNothing was changed: installing kube-prometheus over it would replace its CRDs and run a second,"
        + " unrestricted Prometheus operator next to it. Ways forward: use that stack as it is (stack=existing:"
        + " @MilvusMonitored(stack = \"existing\"), system property milvus.monitored.stack, or"
        + " EnvironmentConfig.withStack(StackMode.EXISTING)), run on a dedicated cluster (the default"
        + " k3s: leave the kubeconfig setting unset), or a cluster whose only Prometheus stack is a"
        + " kube-prometheus in namespace 'monitoring' (a healthy one is used as it is and never removed), or"
        + " remove the other stack if it is a leftover.";
  }

  public static String namespaceStillTerminating(String namespace, Duration timeout) {
    return "Namespace '"
        + namespace
        + "' was still Terminating after "
        + MonitoredDuration.humanText(timeout)
        + " (an earlier"
        + " run's removal, or a user's). Its finalizers are waiting for something: 'kubectl get namespace "
        + namespace
        + " -o yaml' shows the conditions (status.conditions). Retry when it is gone.";
  }

  public static String clusterRoleMissing(String name) {
    return "ClusterRole '"
        + name
        + "' does not exist, so its RBAC patch cannot be applied. Likely cause: "
        + "the kube-prometheus stack (manifests/prometheus-clusterRole.yaml) was not applied yet. "
        + "Apply the stack before patching.";
  }

  public static String applyFailed(String path, String kind, String name, String reason) {
    return "Applying "
        + kind
        + " '"
        + name
        + "' from "
        + path
        + " failed: "
        + reason
        + ". If it says "
        + "'no matches for kind', the CRDs were not Established yet: await them before applying the stack.";
  }

  /** An exception as a clause to continue a sentence: without its trailing period. */
  private static String clause(Exception e) {
    String text = e.toString();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
