package io.github.milvusmonitored.metrics.internal;

import io.github.milvusmonitored.metrics.ComponentTargets;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.stack.PrometheusRbacPatch;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.List;

/** The explanations MilvusMetrics gives, in one place. */
public final class MilvusDiagnosis {

  private MilvusDiagnosis() {}

  public static String up(MilvusSelector r) {
    return "Milvus release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "' is scraped and up.";
  }

  public static String down(MilvusSelector r) {
    return "Prometheus found the Milvus target of '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "' but its last scrape failed or has not happened yet (see lastError). Check that the Milvus"
        + " pod is Ready and that port 9091 serves /metrics (kubectl -n "
        + r.namespace()
        + " port-forward svc/<service> 9091 then curl localhost:9091/metrics).";
  }

  public static String noActiveTargets(MilvusSelector r, List<String> pools, boolean listed) {
    String what =
        listed
            ? "Scrape pool " + pools + " exists but has NO active targets"
            : "Scrape job "
                + pools
                + " is configured but discovery found NO targets for it (Prometheus created"
                + " no scrape pool: releases before 2.55 list none for a job whose discovery sent nothing)";
    return what
        + ": this is the RBAC symptom."
        + " The Prometheus operator turned the ServiceMonitor into a job, but Prometheus's service"
        + " account may not list endpointslices/endpoints/services/pods in namespace '"
        + r.namespace()
        + "', so discovery finds nothing (the Prometheus log says '... is forbidden'). kube-prometheus"
        + " grants discovery only in default, kube-system and monitoring. Fix: patch ClusterRole"
        + " prometheus-k8s, granting get/list/watch on pods, services, endpoints AND"
        + " discovery.k8s.io/endpointslices (v0.17+ discovers through EndpointSlices): "
        + PrometheusRbacPatch.kubectlCommand();
  }

  public static String dropped(MilvusSelector r, List<String> pools, int dropped) {
    return "Prometheus discovered "
        + dropped
        + " endpoint(s) in namespace '"
        + r.namespace()
        + "' for "
        + pools
        + " but relabelling dropped them all: the ServiceMonitor's selector or port name does"
        + " not match the Milvus Service. Compare the ServiceMonitor's spec.selector and endpoint port"
        + " ('metrics') with the Service's labels and ports (kubectl -n "
        + r.namespace()
        + " get servicemonitor,svc -o yaml).";
  }

  public static String noScrapePool(MilvusSelector r, List<String> allPools) {
    List<String> expected =
        r.serviceMonitorNames().stream()
            .map(name -> "serviceMonitor/" + r.namespace() + "/" + name + "/<n>")
            .toList();
    return "Prometheus has no scrape job for Milvus release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "': none of "
        + expected
        + " (standalone, cluster) is among its jobs (pools: "
        + allPools
        + "). The ServiceMonitor was not picked up: check that the Milvus chart ran with"
        + " metrics.serviceMonitor.enabled=true (kubectl -n "
        + r.namespace()
        + " get servicemonitor),"
        + " that the ServiceMonitor CRD was installed before the release, and that the Prometheus"
        + " resource's serviceMonitorSelector and serviceMonitorNamespaceSelector select it. A release"
        + " installed with fullnameOverride names its ServiceMonitor differently.";
  }

  public static IllegalArgumentException windowTooShort(
      MilvusSelector r, Duration window, Duration interval) {
    return new IllegalArgumentException(
        "Latency window "
            + MonitoredDuration.humanText(window)
            + " is shorter than"
            + " the scrape interval of Milvus release '"
            + r.instance()
            + "' in namespace '"
            + r.namespace()
            + "' ("
            + MonitoredDuration.humanText(interval)
            + "): both ends of the window would often fall on the same sample and show no request."
            + " The least window that works is "
            + MonitoredDuration.humanText(interval)
            + "; four intervals ("
            + MonitoredDuration.humanText(interval.multipliedBy(4))
            + ") still answer when a scrape is missed.");
  }

  public static String notScraped(
      MilvusSelector r, Duration timeout, String promql, TargetStatus status) {
    return "No sample of '"
        + promql
        + "' for Milvus release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "' within "
        + MonitoredDuration.humanText(timeout)
        + ".\n  Milvus targets: "
        + status.summary();
  }

  public static String componentUp(MilvusSelector r, String component) {
    return "Component '"
        + component
        + "' of Milvus release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "' is scraped and up.";
  }

  public static String componentDown(MilvusSelector r, String component) {
    return "Prometheus found the '"
        + component
        + "' target of Milvus release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "' but its last scrape failed or has not happened yet (see"
        + " lastError). Check that the "
        + component
        + " pod is Ready and serves /metrics on port 9091"
        + " (kubectl -n "
        + r.namespace()
        + " get pods -l component="
        + component
        + ").";
  }

  public static String componentMissing(MilvusSelector r, String component, List<String> found) {
    return "Prometheus scrapes components "
        + found
        + " of Milvus release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "' but has no target for '"
        + component
        + "'. Discovery works in the namespace, so"
        + " the component's Service is missing, has no metrics port or no ready endpoint: its pod is not"
        + " running or not Ready (kubectl -n "
        + r.namespace()
        + " get pods,svc -l component="
        + component
        + "), or the values turned the component off.";
  }

  public static String componentsNotUp(
      MilvusSelector r, Duration timeout, ComponentTargets status) {
    return "Components "
        + status.notUp()
        + " of Milvus release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "' were not all up within "
        + MonitoredDuration.humanText(timeout)
        + ".\n"
        + status.summary().indent(2).stripTrailing();
  }

  /** Why the Milvus version of a release cannot be told. */
  public static String versionUnknown(MilvusSelector r) {
    return "Cannot tell which Milvus runs release '"
        + r.instance()
        + "' in namespace '"
        + r.namespace()
        + "': Prometheus"
        + " holds no milvus_build_info and no milvus_* or knowhere_* metric for it. Wait for the first scrape"
        + " (awaitFirstSample), check targetStatus(), or give the image tag: MilvusMetrics.withImageTag(\"v2.6.15\").";
  }
}
