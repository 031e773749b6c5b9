package io.github.milvusmonitored.testing;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Every error message of the Milvus test exporter, built in one place so tests can assert their
 * text.
 */
final class ExporterErrors {

  private ExporterErrors() {}

  static IllegalArgumentException unknownFamily(String name) {
    return new IllegalArgumentException(
        "Metric family '"
            + name
            + "' is not in the Milvus 2.6.15 catalogue ("
            + MilvusMetricCatalogue.RESOURCE
            + "). Milvus never exposes it, so a test using it would prove"
            + " nothing about real Milvus. Use a family name from the catalogue, e.g. milvus_proxy_req_count.");
  }

  static IllegalArgumentException causeLabelNotImitated(String version) {
    return new IllegalArgumentException(
        "The Milvus test exporter imitates request statuses up to 2.6.19; Milvus "
            + version
            + " writes status fail|rejected with a cause label (PRs #51496, #51918), which it does not"
            + " imitate. Serve an exposition built from the library's catalogue instead, e.g."
            + " RecordedMilvus.scrape(\"/expositions/milvus-2.6.20-from-catalogue.prom\").");
  }

  static IllegalArgumentException wrongType(MetricFamilySpec spec, String operation) {
    return new IllegalArgumentException(
        "Metric family '"
            + spec.name()
            + "' is a "
            + spec.type().exposedName()
            + " in the Milvus catalogue; "
            + operation
            + " does not apply to it. Use "
            + switch (spec.type()) {
              case COUNTER -> "incrementCounter(..)";
              case GAUGE -> "setGauge(..)";
              case HISTOGRAM -> "observe(..)";
              case SUMMARY -> "nothing: summaries are fixed at startup";
            }
            + ".");
  }

  static IllegalArgumentException wrongLabels(MetricFamilySpec spec, Collection<String> given) {
    return new IllegalArgumentException(
        "Metric family '"
            + spec.name()
            + "' has labels "
            + spec.settableLabelNames()
            + " in Milvus 2.6.15, but the sample was given "
            + new TreeSet<>(given)
            + ". Milvus always sets every label of a family (and no other); pass exactly those names."
            + " Target labels such as namespace, pod or component are added by Prometheus, not by the exporter.");
  }

  static IllegalArgumentException neverExposed(MetricFamilySpec spec) {
    return new IllegalArgumentException(
        "Metric family '"
            + spec.name()
            + "' is registered but never exposed by"
            + " Milvus 2.6.15 (catalogue: '"
            + spec.appears()
            + "'). A test that sees it would not match real"
            + " Milvus; assert its absence instead.");
  }

  static IllegalArgumentException notInStandalone(MetricFamilySpec spec) {
    return new IllegalArgumentException(
        "Metric family '"
            + spec.name()
            + "' belongs to component '"
            + spec.component()
            + "', which does not run inside a Milvus standalone process nor in any"
            + " process of a Milvus cluster.");
  }

  static IllegalArgumentException notInComponent(MetricFamilySpec spec, String process) {
    List<String> exposing = MilvusComponents.CLUSTER.stream().filter(spec::exposedBy).toList();
    return new IllegalArgumentException(
        "Metric family '"
            + spec.name()
            + "' belongs to component '"
            + spec.component()
            + "' in the Milvus catalogue: a Milvus "
            + process
            + " process does not expose"
            + " it; "
            + String.join(", ", exposing)
            + " and standalone processes do. Set it on the exporter"
            + " that stands for one of those, e.g. withComponent(\""
            + exposing.get(0)
            + "\").");
  }

  static IllegalStateException noTrafficOn(String process) {
    return new IllegalStateException(
        "traffic() simulates client requests, which Milvus counts in the proxy's"
            + " families (milvus_proxy_req_count, milvus_proxy_insert_vectors_count, milvus_proxy_sq_latency);"
            + " this exporter stands for a "
            + process
            + " process, which exposes none of them. Drive traffic on"
            + " the proxy's exporter (withComponent(\"proxy\"), in the lab milvusExporters(namespace).get(\"proxy\"))"
            + " or on a standalone one.");
  }

  static IllegalArgumentException unknownComponent(String process, List<String> known) {
    return new IllegalArgumentException(
        "Milvus component '"
            + process
            + "' is not a Milvus 2.6 process the"
            + " test exporter knows; use one of "
            + known
            + " (the chart's component label).");
  }

  static IllegalArgumentException negativeIncrement(String name, double amount) {
    return new IllegalArgumentException(
        "Counter '"
            + name
            + "' cannot be incremented by "
            + amount
            + ": counters only go up. Use a gauge family to model a value that can go down.");
  }

  static IllegalArgumentException statusNotInVersion(
      String status, String milvusVersion, List<String> allowed) {
    return new IllegalArgumentException(
        "Request status '"
            + status
            + "' does not exist in Milvus "
            + milvusVersion
            + "; that version writes one of "
            + allowed
            + " (from 2.6.19 'fail' splits into"
            + " fail_input|fail_system and 'rejected' into rejected_user|rejected_system). Configure the"
            + " exporter with withMilvusVersion(..) for the version you mean.");
  }

  static IllegalArgumentException badStartupLine(int line, String text, String why) {
    return new IllegalArgumentException(
        "Startup series line " + line + " is invalid (" + why + "): " + text);
  }
}
