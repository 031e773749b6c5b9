package io.github.milvusmonitored.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.prometheus.PrometheusTransport.QueryParameters;
import io.github.milvusmonitored.prometheus.internal.ApiCaller;
import io.github.milvusmonitored.prometheus.internal.PrometheusErrors;
import io.github.milvusmonitored.prometheus.internal.QueryResults;
import io.github.milvusmonitored.prometheus.internal.StatusResults;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to a Prometheus server's HTTP API (2.x and 3.x).
 *
 * <pre>{@code
 * PrometheusClient prometheus = PrometheusClient.create(URI.create("http://localhost:9090"));
 * double total = prometheus.query("sum(milvus_proxy_req_count{status=\"total\"})").single().value();
 * }</pre>
 *
 * <p>Every call has a deadline. While Prometheus starts it answers a plain-text 503; calls wait
 * that out up to the startup wait, then fail with {@link PrometheusUnavailableException}. An error
 * answer becomes a {@link PrometheusQueryException} carrying Prometheus's errorType and error.
 * Instances are immutable and thread-safe.
 */
public final class PrometheusClient {

  private final PrometheusTransport transport;
  private final ApiCaller api;
  private final Duration requestTimeout;

  private PrometheusClient(Builder b) {
    this.transport = b.transport;
    this.requestTimeout = b.requestTimeout;
    this.api = new ApiCaller(b.transport, b.requestTimeout, b.startupWait, b.retryInterval);
  }

  /** A client for the Prometheus at {@code uri} (http or https) with default timeouts. */
  public static PrometheusClient create(URI uri) {
    return builder(uri).build();
  }

  /** A builder for the Prometheus at {@code uri} (http or https). */
  public static Builder builder(URI uri) {
    return new Builder(uri, null);
  }

  /**
   * A builder that reaches Prometheus through {@code transport}, e.g. a Kubernetes service proxy.
   */
  public static Builder builder(PrometheusTransport transport) {
    return new Builder(null, Objects.requireNonNull(transport, "transport"));
  }

  /** Where this client sends its requests. */
  public URI baseUri() {
    return transport.baseUri();
  }

  /** Evaluates {@code promql} now. A scalar answer comes back as one sample without labels. */
  public InstantVector query(String promql) {
    return query(promql, null);
  }

  /** Evaluates {@code promql} at {@code time}; a null time means now. */
  public InstantVector query(String promql, Instant time) {
    requireQuery(promql);
    var params =
        QueryParameters.of("query", promql).and("time", time == null ? null : seconds(time));
    return api.call(
        "api/v1/query",
        params,
        promql,
        body -> VectorReader.read(promql, body),
        envelope -> QueryResults.vector(promql, envelope));
  }

  /** Evaluates {@code promql} at each {@code step} from {@code start} to {@code end}. */
  public RangeMatrix queryRange(String promql, Instant start, Instant end, Duration step) {
    requireQuery(promql);
    if (start == null
        || end == null
        || step == null
        || start.isAfter(end)
        || step.isZero()
        || step.isNegative()) {
      throw PrometheusErrors.badRange(start, end, step);
    }
    var params =
        QueryParameters.of("query", promql)
            .and("start", seconds(start))
            .and("end", seconds(end))
            .and("step", Double.toString(step.toMillis() / 1000.0));
    return QueryResults.matrix(promql, api.call("api/v1/query_range", params, promql));
  }

  /**
   * The label sets of every series matching any of the selectors, e.g. {@code
   * {namespace="milvus"}}.
   */
  public List<Labels> series(String... matchers) {
    if (matchers.length == 0) {
      throw new IllegalArgumentException(
          "series(...) needs at least one selector, e.g."
              + " '{namespace=\"milvus\"}' or 'milvus_build_info'.");
    }
    var params = QueryParameters.none();
    for (String m : matchers) {
      requireQuery(m);
      params = params.and("match[]", m);
    }
    var data = api.call("api/v1/series", params, String.join(", ", matchers)).data();
    var out = new ArrayList<Labels>();
    data.forEach(node -> out.add(QueryResults.labels(node)));
    return List.copyOf(out);
  }

  /** Every label name, or only those of series matching the selectors. */
  public List<String> labelNames(String... matchers) {
    return QueryResults.strings(api.call("api/v1/labels", matches(matchers), "label names").data());
  }

  /** The values of label {@code name}, or only those on series matching the selectors. */
  public List<String> labelValues(String name, String... matchers) {
    if (name == null || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw PrometheusErrors.badLabelName(String.valueOf(name));
    }
    return QueryResults.strings(
        api.call("api/v1/label/" + name + "/values", matches(matchers), "values of label " + name)
            .data());
  }

  /** Active and dropped targets with their health and last error. */
  public Targets targets() {
    return StatusResults.targets(
        api.call("api/v1/targets", QueryParameters.none(), "targets").data());
  }

  /**
   * The names of all scrape pools (jobs), including jobs whose discovery found nothing, sorted.
   *
   * <p>A job without targets is how a missing RBAC grant shows up: the Prometheus operator wrote
   * the job but service discovery may not list the namespace. No single endpoint names such a job
   * on every version: {@code /api/v1/scrape_pools} omits a job whose discovery never sent a target
   * group on Prometheus 2.42 (checked) and lists it from 2.55 (read from source), so this is the
   * union of {@code /api/v1/scrape_pools}, the jobs of the loaded configuration ({@code
   * /api/v1/status/config}) and the pools of {@code /api/v1/targets}.
   */
  public List<String> scrapePools() {
    return List.copyOf(scrapePoolSources(targets()).all());
  }

  /**
   * Where each scrape pool was seen: {@code /api/v1/scrape_pools}, the loaded configuration and the
   * targets; {@code targets} is a fresh answer of {@link #targets()}. A pool of a job whose
   * discovery yields nothing is in the configuration only on some versions.
   */
  public ScrapePoolSources scrapePoolSources(Targets targets) {
    // An endpoint the server lacks (scrape_pools before 2.42; status/config on some compatible
    // servers) is a source with nothing in it.
    var listed =
        ifPresent(
            "api/v1/scrape_pools",
            "scrape pools",
            data -> QueryResults.strings(data.path("scrapePools")));
    var configured =
        ifPresent(
            "api/v1/status/config",
            "configuration",
            data -> ScrapeConfigJobs.jobNames(data.path("yaml").asText()));
    return new ScrapePoolSources(
        Set.copyOf(listed), Set.copyOf(configured), ScrapePoolSources.of(targets));
  }

  private List<String> ifPresent(String path, String what, Function<JsonNode, List<String>> read) {
    try {
      return read.apply(api.call(path, QueryParameters.none(), what).data());
    } catch (PrometheusQueryException e) {
      if (e.httpStatus() != 404) {
        throw e;
      }
      return List.of();
    }
  }

  /** Type, help and unit of {@code metric}, or of every metric when it is null. */
  public List<MetricMetadata> metadata(String metric) {
    return StatusResults.metadata(
        api.call("api/v1/metadata", QueryParameters.none().and("metric", metric), "metadata")
            .data());
  }

  /** The loaded recording and alerting rules. */
  public Rules rules() {
    return StatusResults.rules(api.call("api/v1/rules", QueryParameters.none(), "rules").data());
  }

  /** The alerts that are pending or firing. */
  public List<Alert> alerts() {
    return StatusResults.alerts(api.call("api/v1/alerts", QueryParameters.none(), "alerts").data());
  }

  /** The server's version and build. */
  public BuildInfo buildInfo() {
    return StatusResults.buildInfo(
        api.call("api/v1/status/buildinfo", QueryParameters.none(), "build info").data());
  }

  /**
   * Whether {@code /-/ready} answers 200 now. Never throws for an unreachable server: that is "not
   * ready".
   */
  public boolean isReady() {
    try {
      return api.raw("-/ready", requestTimeout).status() == 200;
    } catch (PrometheusUnavailableException e) {
      return false;
    }
  }

  /**
   * Waits until {@code /-/ready} answers 200.
   *
   * @throws PrometheusUnavailableException naming the URI, the timeout and how the last ask went
   *     (e.g. "connection refused" or "HTTP 503 'Service Unavailable'") when it never did
   */
  public void awaitReady(Duration timeout) {
    Checks.positive("Ready timeout", timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastAnswer = "no answer";
    Throwable lastCause = null;
    while (System.nanoTime() < deadline) {
      try {
        var response = api.raw("-/ready", requestTimeout);
        if (response.status() == 200) {
          return;
        }
        lastAnswer = PrometheusErrors.readyAnswer(response.status(), response.body());
        lastCause = null;
      } catch (PrometheusUnavailableException e) {
        lastAnswer = PrometheusErrors.readyAnswer(e);
        lastCause = e.getCause();
      }
      try {
        Thread.sleep(Math.min(250, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PrometheusException(
            "Interrupted while waiting for Prometheus at " + baseUri(), e);
      }
    }
    throw PrometheusErrors.notReady(baseUri(), timeout, lastAnswer, lastCause);
  }

  private static QueryParameters matches(String... matchers) {
    var params = QueryParameters.none();
    for (String m : matchers) {
      requireQuery(m);
      params = params.and("match[]", m);
    }
    return params;
  }

  private static void requireQuery(String promql) {
    Checks.promql(promql);
  }

  private static String seconds(Instant t) {
    return String.format(Locale.ROOT, "%d.%03d", t.getEpochSecond(), t.getNano() / 1_000_000);
  }

  /** Configures a {@link PrometheusClient}. */
  public static final class Builder {
    private final URI uri;
    private PrometheusTransport transport;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration startupWait = Duration.ofSeconds(60);
    private Duration retryInterval = Duration.ofMillis(250);

    private Builder(URI uri, PrometheusTransport transport) {
      this.uri = uri;
      this.transport = transport;
      if (transport == null) {
        if (uri == null
            || !uri.isAbsolute()
            || uri.getHost() == null
            || !("http".equalsIgnoreCase(uri.getScheme())
                || "https".equalsIgnoreCase(uri.getScheme()))) {
          throw PrometheusErrors.notHttp(uri);
        }
      }
    }

    /**
     * Deadline of each single HTTP request (default 10 s); an unreachable server fails after it.
     */
    public Builder withRequestTimeout(Duration timeout) {
      Checks.positive("Request timeout", timeout);
      this.requestTimeout = timeout;
      return this;
    }

    /** How long to wait out Prometheus's start-up 503 answers before failing (default 60 s). */
    public Builder withStartupWait(Duration wait) {
      Checks.positive("Startup wait", wait);
      this.startupWait = wait;
      return this;
    }

    /** Pause between asks while Prometheus starts (default 250 ms). */
    public Builder withRetryInterval(Duration interval) {
      Checks.positive("Retry interval", interval);
      this.retryInterval = interval;
      return this;
    }

    public PrometheusClient build() {
      if (transport == null) {
        transport = PrometheusTransport.http(uri, requestTimeout);
      }
      return new PrometheusClient(this);
    }
  }
}
