package io.github.milvusmonitored.milvus.internal;

import io.github.milvusmonitored.internal.Redaction;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Every error message of the Milvus release layer, in one place: what happened, with which values,
 * the likely cause, and what to do.
 */
public final class MilvusErrors {

  /** Namespaces a Milvus release must not use, and why. */
  public static final List<String> RESERVED_NAMESPACES =
      List.of("default", "kube-system", "monitoring");

  private MilvusErrors() {}

  public static String reservedNamespace(String namespace) {
    return "Namespace '"
        + namespace
        + "' cannot hold the Milvus release: kube-prometheus already grants"
        + " Prometheus discovery rights in "
        + RESERVED_NAMESPACES
        + ", so a release there would hide a"
        + " missing or broken RBAC patch (the scrape would work without it). Use a namespace of its own,"
        + " e.g. withNamespace(\"milvus\").";
  }

  public static String invalidNamespace(String namespace) {
    return "Namespace '"
        + namespace
        + "' is not a valid Kubernetes namespace name: it must be a DNS-1123"
        + " label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most"
        + " 63 characters).";
  }

  public static String invalidImageTag(String tag) {
    return "Milvus image tag '"
        + tag
        + "' is not an image tag: a tag is 1 to 128 letters, digits, '_', '.' and '-',"
        + " not starting with '.' or '-' (e.g. v2.6.24). Give only the tag to withImageTag(..) (CLI: --image-tag,"
        + " annotation: imageTag), not the image name or a digest.";
  }

  public static String invalidReleaseName(String name) {
    return "Release name '"
        + name
        + "' is not valid for Helm: it must be a DNS-1123 label (lower-case"
        + " letters, digits and '-', starting and ending with a letter or digit) of at most 53 characters,"
        + " e.g. 'my-release'.";
  }

  public static String unknownProfile(String text, Collection<String> valid) {
    return "Unknown Milvus profile '"
        + text
        + "'. Valid profiles: "
        + String.join(", ", valid)
        + " (case"
        + " and '-' for '_' do not matter).";
  }

  public static String scrapeTimeoutNotBelowInterval(String scrapeTimeout, String interval) {
    return "ServiceMonitor scrape timeout "
        + scrapeTimeout
        + " is not below its interval "
        + interval
        + ": the Prometheus operator rejects an endpoint whose scrapeTimeout exceeds its interval, and a"
        + " timeout equal to the interval leaves no time between scrapes. Use a shorter timeout or a"
        + " longer interval (defaults: interval 30s, timeout 10s).";
  }

  public static String invalidChartRepository(String repository) {
    return "Chart repository '"
        + repository
        + "' is not an http(s) address. The Milvus chart lives at"
        + " https://zilliztech.github.io/milvus-helm/; use withLocalChart(..) for a chart on disk.";
  }

  public static String blank(String what) {
    return what + " must not be blank.";
  }

  public static String missingValuesFile(Path file) {
    return "Values file "
        + file.toAbsolutePath()
        + " does not exist or is not a readable file."
        + " Check the path given to withValuesFile(..).";
  }

  public static String unreadableValuesFile(Path file, Exception cause) {
    return "Values file "
        + file.toAbsolutePath()
        + " could not be read as a YAML map of Helm values: "
        + cause.getMessage()
        + ". The file must hold a YAML mapping at its top level, like a Helm values"
        + " file.";
  }

  public static String monitoringSwitchedOff(String key, Object value) {
    return "The values given turn '"
        + key
        + "' to "
        + value
        + ", but the Milvus release exists here to"
        + " be scraped through its ServiceMonitor, which needs metrics.enabled=true and"
        + " metrics.serviceMonitor.enabled=true. Remove '"
        + key
        + "' from your values.";
  }

  public static String missingLocalChart(Path chart) {
    return "Local chart "
        + chart.toAbsolutePath()
        + " does not exist. Give the directory of an unpacked"
        + " Milvus chart or its .tgz archive to withLocalChart(..), or remove it to download the chart"
        + " from the repository.";
  }

  public static String localChartIsNotMilvus(Path chart, String name) {
    return "Local chart "
        + chart.toAbsolutePath()
        + " is named '"
        + name
        + "', not 'milvus'. Point"
        + " withLocalChart(..) at the Milvus chart.";
  }

  public static String localChartWithoutChartYaml(Path chart) {
    return "Local chart "
        + chart.toAbsolutePath()
        + " is a folder without Chart.yaml, so it is no Helm chart. Point"
        + " withLocalChart(..) (CLI: --local-chart) at the Milvus chart's own folder, the one holding Chart.yaml"
        + " (charts/milvus in zilliztech/milvus-helm, not the repository's root), or at a packaged chart (.tgz).";
  }

  public static String localChartVersionMismatch(Path chart, String found, String pinned) {
    return "Local chart "
        + chart.toAbsolutePath()
        + " has version "
        + found
        + " but the configuration"
        + " pins "
        + pinned
        + ". Use the "
        + pinned
        + " chart, or set withChartVersion(\""
        + found
        + "\") if you mean to test that version.";
  }

  public static String repositoryUnreachable(String indexUrl, Exception cause) {
    return "Chart repository index "
        + indexUrl
        + " could not be read: "
        + describe(cause)
        + ". Check the"
        + " network and the repository address, or download the chart once and use withLocalChart(..)"
        + " to work offline.";
  }

  public static String chartNotInRepository(
      String chart, String repository, Collection<String> names) {
    return "Chart '"
        + chart
        + "' is not in repository "
        + repository
        + " (it has: "
        + names
        + ")."
        + " Check withChartName(..) and withChartRepository(..).";
  }

  public static String chartVersionNotFound(
      String chart, String version, String repository, List<String> available) {
    return "Chart "
        + chart
        + " version "
        + version
        + " does not exist in repository "
        + repository
        + ". Newest versions there: "
        + available
        + ". List them all with `helm repo add milvus "
        + repository
        + " && helm search repo milvus/"
        + chart
        + " --versions`, or read "
        + indexUrl(repository)
        + ".";
  }

  public static String chartDownloadFailed(String url, Exception cause) {
    return "Chart archive "
        + url
        + " could not be downloaded: "
        + describe(cause)
        + ". Check the network,"
        + " or download the chart once and use withLocalChart(..).";
  }

  public static String chartDigestMismatch(String url, String expected, String actual) {
    return "Chart archive "
        + url
        + " has sha256 "
        + actual
        + " but the repository index announces "
        + expected
        + ". The download was corrupted or the archive was replaced; retry, and report it to"
        + " the chart's maintainers if it persists.";
  }

  public static String missingKubeconfig(Path kubeconfig) {
    return "Kubeconfig "
        + kubeconfig.toAbsolutePath()
        + " does not exist or is not readable. Pass the"
        + " kubeconfig file of the cluster to install into.";
  }

  public static String clusterUnreachable(String server, Path kubeconfig, Exception cause) {
    return "The Kubernetes API server "
        + server
        + " (from kubeconfig "
        + kubeconfig.toAbsolutePath()
        + ") does not answer: "
        + describe(cause)
        + ". Is the cluster running and is the kubeconfig the"
        + " current one? Check with `kubectl --kubeconfig "
        + kubeconfig.toAbsolutePath()
        + " version`.";
  }

  public static String namespaceHoldsOtherRelease(
      String namespace, List<String> others, String ours) {
    return "Namespace '"
        + namespace
        + "' already holds Helm release(s) "
        + others
        + ", not '"
        + ours
        + "'. Installing next to them could mix two Milvus deployments and their metrics. Use another"
        + " namespace, or remove them with `helm uninstall <name> -n "
        + namespace
        + "`.";
  }

  public static String installFailed(
      String release, String namespace, Duration timeout, Exception cause, String aftermath) {
    return "Helm could not install Milvus release '"
        + release
        + "' in namespace '"
        + namespace
        + "' (waiting up to "
        + MonitoredDuration.humanText(timeout)
        + " for readiness): "
        + describe(cause)
        + ". "
        + aftermath
        + " Likely causes: images that cannot be pulled, too little memory or CPU for the pods, or"
        + " persistent volumes that cannot be bound. Look with `kubectl -n "
        + namespace
        + " get pods,pvc` and `kubectl -n "
        + namespace
        + " describe pods`.";
  }

  public static String failedReleaseRemoved(String release) {
    return "The half-installed release '" + release + "' was uninstalled.";
  }

  public static String failedReleaseKept(String release, String namespace) {
    return "The failed release '"
        + release
        + "' was kept for diagnosis as asked; remove it with `helm"
        + " uninstall "
        + release
        + " -n "
        + namespace
        + "`.";
  }

  public static String failedReleaseCleanupFailed(
      String release, String namespace, Exception cause) {
    return "Removing the half-installed release '"
        + release
        + "' failed too ("
        + describe(cause)
        + "); remove it with `helm uninstall "
        + release
        + " -n "
        + namespace
        + "`.";
  }

  public static String preexistingReleaseLeft(String release) {
    return "The release '" + release + "' existed before this upgrade and was left as it is.";
  }

  public static String helmCallFailed(
      String action, String release, String namespace, Exception cause) {
    return "Helm "
        + action
        + " of release '"
        + release
        + "' in namespace '"
        + namespace
        + "' failed: "
        + describe(cause)
        + ".";
  }

  /** Helm's error and the keys the user set; never the values, which may hold credentials. */
  public static String renderFailed(
      String chart, Path valuesFile, List<String> userKeys, Exception cause) {
    return "Helm could not render chart "
        + chart
        + " with values file "
        + valuesFile.toAbsolutePath()
        + ": "
        + Redaction.text(describe(cause))
        + ". Nothing was installed. The values file merges the profile's"
        + " values, the monitoring settings and the values given (withValues/withValuesFile, in that order); check"
        + " them against the chart's values.yaml, or use a chart version these values fit (withChartVersion)."
        + (userKeys.isEmpty()
            ? " No values were given."
            : " The values given set "
                + String.join(", ", userKeys)
                + " (their values are not shown: they may hold credentials).");
  }

  public static String notInstalledYet() {
    return "This Milvus release has not been installed through this object, so it does not know the"
        + " cluster. Call install(kubeconfig) first, or use the overload that takes a kubeconfig.";
  }

  static String indexUrl(String repository) {
    return repository.endsWith("/") ? repository + "index.yaml" : repository + "/index.yaml";
  }

  private static String describe(Exception cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.trim();
  }
}
