package io.github.milvusmonitored.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.dashboard.DashboardAuditor;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.dashboard.QueryState;
import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.milvus.v2.client.MilvusClientV2;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits Milvus's own Grafana dashboard for the running image tag against the release, after some
 * traffic: which panels show data, and why the others do not. The report lands in {@code
 * target/milvus-monitored/dashboard-audit/}. A team that knows which panels its deployment leaves
 * empty turns the last line into {@code assertThatDashboard(audit).allowingNoDataIn("Row / Panel",
 * ...).hasNoPanelsWithoutData()}.
 */
@MilvusMonitored
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true", disabledReason = EndToEnd.REASON)
class DashboardAuditSampleIT {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardAuditSampleIT.class);

  private final String collection = "samples_dashboard_audit_" + System.currentTimeMillis();

  @Test
  void the_official_dashboard_shows_the_proxy_traffic(MilvusClientV2 client, MilvusMetrics milvus) {
    InsertAndSearchSampleIT.insertAndSearch(client, collection);
    InsertAndSearchSampleIT.assertProxyMetricsMoved(milvus, collection);

    DashboardAudit audit =
        DashboardAuditor.create(milvus)
            .withTimeRange(Duration.ofMinutes(15))
            .withScrapeInterval(Duration.ofSeconds(30))
            .audit(DashboardSource.officialMilvus("v2.6.15"));
    Path report = audit.writeReport(Path.of("target", "milvus-monitored", "dashboard-audit"));

    LOG.info("{}; report {}", audit.summary(), report.toAbsolutePath());
    audit.panelsWithoutData().forEach(p -> LOG.info("  {} {}", p.state(), p.path()));
    assertThat(audit.panels()).isNotEmpty();
    assertThat(audit.count(QueryState.DATA)).as(audit.summary()).isPositive();
  }

  @AfterEach
  void dropCollection(MilvusClientV2 client) {
    InsertAndSearchSampleIT.dropIfPresent(client, collection);
  }
}
