package io.github.milvusmonitored.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a {@link RealPrometheus}: intervals, Milvus targets, jobs without targets,
 * rule files.
 *
 * <pre>{@code
 * PrometheusConfig config = PrometheusConfig.builder()
 *         .withMilvusTarget(MilvusTarget.standalone(exporter.port()))
 *         .withUndiscoveredTarget(MilvusTarget.standalone(0).withNamespace("vectors"))
 *         .withRuleFile("milvus", "groups: [...]")
 *         .build();
 * }</pre>
 *
 * <p>An undiscovered target is a job whose service discovery yields nothing, what Prometheus has
 * when the operator's job for a namespace may not list endpoint slices there (the RBAC symptom). It
 * is written as a {@code file_sd_configs} job reading {@value #NO_TARGETS_FILE}, a file with no
 * target group: like Kubernetes discovery under a 403, the discoverer never sends a target group.
 * Prometheus 2.42 then creates no scrape pool ({@code /api/v1/scrape_pools} omits the job, only
 * {@code /api/v1/status/config} has it); from 2.55 (read from source) the discovery manager sends
 * an empty target set and the pool is listed. An empty scrape pool, {@code static_configs: []}, is
 * listed by every version: Prometheus gives a job without any discovery configuration an empty
 * static group.
 *
 * @param scrapeInterval global scrape interval; the scrape timeout is the smaller of it and 10 s
 * @param evaluationInterval rule evaluation interval
 * @param milvusTargets targets scraped as operator-generated ServiceMonitor jobs
 * @param undiscoveredJobs job names of discovery-based jobs whose discovery yields nothing
 * @param emptyScrapePools job names of scrape pools without targets ({@code static_configs: []})
 * @param ruleFiles rule file name (without extension) to its YAML text
 */
public record PrometheusConfig(
    Duration scrapeInterval,
    Duration evaluationInterval,
    List<MilvusTarget> milvusTargets,
    List<String> undiscoveredJobs,
    List<String> emptyScrapePools,
    Map<String, String> ruleFiles) {

  /** The file-discovery file with no target group, written next to the rule files. */
  public static final String NO_TARGETS_FILE = "no-targets.json";

  /** The content of {@link #NO_TARGETS_FILE}: a list of no target groups. */
  public static final String NO_TARGETS_CONTENT = "[]\n";

  public PrometheusConfig {
    milvusTargets = List.copyOf(milvusTargets);
    undiscoveredJobs = List.copyOf(undiscoveredJobs);
    emptyScrapePools = List.copyOf(emptyScrapePools);
    ruleFiles = Map.copyOf(ruleFiles);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The prometheus.yml text.
   *
   * @param targetHost how Prometheus reaches the exporters ({@code 127.0.0.1}, or the Docker host
   *     alias)
   * @param rulesDir the directory the rule files and {@value #NO_TARGETS_FILE} are written to, as
   *     Prometheus sees it
   */
  public String toYaml(String targetHost, String rulesDir) {
    StringBuilder yaml = new StringBuilder();
    Duration timeout =
        scrapeInterval.compareTo(Duration.ofSeconds(10)) < 0
            ? scrapeInterval
            : Duration.ofSeconds(10);
    yaml.append("global:\n")
        .append("  scrape_interval: ")
        .append(duration(scrapeInterval))
        .append('\n')
        .append("  scrape_timeout: ")
        .append(duration(timeout))
        .append('\n')
        .append("  evaluation_interval: ")
        .append(duration(evaluationInterval))
        .append('\n');
    if (!ruleFiles.isEmpty()) {
      yaml.append("rule_files:\n");
      ruleFiles.keySet().stream()
          .sorted()
          .forEach(
              name ->
                  yaml.append("  - ").append(quote(rulesDir + "/" + name + ".yml")).append('\n'));
    }
    yaml.append("scrape_configs:\n");
    for (MilvusTarget target : milvusTargets) {
      yaml.append("  - job_name: ")
          .append(quote(target.jobName()))
          .append('\n')
          .append("    honor_labels: true\n")
          .append("    metrics_path: /metrics\n")
          .append("    static_configs:\n")
          .append("      - targets: [")
          .append(quote(targetHost + ":" + target.port()))
          .append("]\n")
          .append("        labels:\n");
      target
          .targetLabels()
          .forEach(
              (name, value) ->
                  yaml.append("          ")
                      .append(name)
                      .append(": ")
                      .append(quote(value))
                      .append('\n'));
    }
    for (String job : undiscoveredJobs) {
      yaml.append("  - job_name: ")
          .append(quote(job))
          .append('\n')
          .append("    honor_labels: true\n")
          .append("    file_sd_configs:\n")
          .append("      - files: [")
          .append(quote(rulesDir + "/" + NO_TARGETS_FILE))
          .append("]\n");
    }
    for (String pool : emptyScrapePools) {
      yaml.append("  - job_name: ")
          .append(quote(pool))
          .append('\n')
          .append("    honor_labels: true\n")
          .append("    static_configs: []\n");
    }
    return yaml.toString();
  }

  static String duration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Builds a {@link PrometheusConfig}; intervals default to 1 s. */
  public static final class Builder {
    private Duration scrapeInterval = Duration.ofSeconds(1);
    private Duration evaluationInterval = Duration.ofSeconds(1);
    private final List<MilvusTarget> milvusTargets = new ArrayList<>();
    private final List<String> undiscoveredJobs = new ArrayList<>();
    private final List<String> emptyScrapePools = new ArrayList<>();
    private final Map<String, String> ruleFiles = new LinkedHashMap<>();

    private Builder() {}

    public Builder withScrapeInterval(Duration value) {
      this.scrapeInterval = positive(value, "scrape interval");
      return this;
    }

    public Builder withEvaluationInterval(Duration value) {
      this.evaluationInterval = positive(value, "evaluation interval");
      return this;
    }

    /** Scrapes the target as the operator-generated job {@link MilvusTarget#jobName()}. */
    public Builder withMilvusTarget(MilvusTarget target) {
      milvusTargets.add(target);
      return this;
    }

    /**
     * Adds the target's job with a discovery that finds nothing, the RBAC symptom (its port is
     * ignored).
     */
    public Builder withUndiscoveredTarget(MilvusTarget target) {
      undiscoveredJobs.add(target.jobName());
      return this;
    }

    /** Adds a scrape pool named {@code jobName} with no targets, which every Prometheus lists. */
    public Builder withEmptyScrapePool(String jobName) {
      emptyScrapePools.add(jobName);
      return this;
    }

    /** Adds a rule file (recording or alerting rules) given as YAML text. */
    public Builder withRuleFile(String name, String yaml) {
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException(
            "Rule file name '" + name + "' must be a plain file name");
      }
      ruleFiles.put(name, yaml);
      return this;
    }

    public PrometheusConfig build() {
      List<String> jobs =
          new ArrayList<>(milvusTargets.stream().map(MilvusTarget::jobName).toList());
      jobs.addAll(undiscoveredJobs);
      jobs.addAll(emptyScrapePools);
      if (jobs.stream().distinct().count() != jobs.size()) {
        throw new IllegalArgumentException("Scrape job names must be unique; got " + jobs);
      }
      return new PrometheusConfig(
          scrapeInterval,
          evaluationInterval,
          milvusTargets,
          undiscoveredJobs,
          emptyScrapePools,
          ruleFiles);
    }

    private static Duration positive(Duration value, String what) {
      if (value.isNegative() || value.isZero() || value.toMillis() == 0) {
        throw new IllegalArgumentException("The " + what + " must be at least 1 ms, got " + value);
      }
      return value;
    }
  }
}
