package io.github.milvusmonitored.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardSourceTest {

  private static final String DASHBOARD = "{\"title\": \"Served\", \"panels\": []}";

  @Test
  void the_official_dashboard_is_downloaded_once_then_read_from_the_cache(@TempDir Path cache)
      throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = DASHBOARD.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      DashboardSource.OfficialMilvus source =
          DashboardSource.officialMilvus("v2.6.15")
              .withUri(
                  URI.create(
                      "http://127.0.0.1:"
                          + server.getAddress().getPort()
                          + "/milvus-dashboard.json"))
              .withCacheDirectory(cache);

      assertThat(GrafanaDashboard.load(source).title()).isEqualTo("Served");
      assertThat(GrafanaDashboard.load(source).title()).isEqualTo("Served");
      assertThat(requests).hasValue(1);
      assertThat(Files.readString(cache.resolve("milvus-dashboard.json"))).isEqualTo(DASHBOARD);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void a_download_that_cannot_be_made_says_which_file_to_supply_and_how(@TempDir Path cache)
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + closedPort + "/milvus-dashboard.json");
    DashboardSource.OfficialMilvus source =
        DashboardSource.officialMilvus("v2.6.15")
            .withUri(uri)
            .withCacheDirectory(cache)
            .withTimeout(Duration.ofSeconds(2));

    assertThatThrownBy(source::read)
        .isInstanceOf(DashboardException.class)
        .hasMessageStartingWith(
            "Cannot download Milvus's Grafana dashboard for v2.6.15 from "
                + uri
                + ": Cannot read"
                + " the dashboard from Milvus v2.6.15 deployments/monitor/grafana/milvus-dashboard.json")
        .hasMessageEndingWith(
            "\nOffline, supply the file deployments/monitor/grafana/milvus-dashboard.json of"
                + " milvus-io/milvus at tag v2.6.15 yourself: copy it to "
                + cache.resolve("milvus-dashboard.json")
                + " (it is then used as if downloaded), or pass it with DashboardSource.file(path) or the command line"
                + " option --dashboard=<path>.");

    Files.writeString(cache.resolve("milvus-dashboard.json"), DASHBOARD);
    assertThat(GrafanaDashboard.load(source).title())
        .as("the supplied file is used offline")
        .isEqualTo("Served");
  }

  @Test
  void parses_the_command_line_forms() {
    assertThat(DashboardSource.parse("classpath:/dashboards/only-text.json"))
        .isEqualTo(DashboardSource.classpath("/dashboards/only-text.json"));
    assertThat(DashboardSource.parse("https://example.org/d.json"))
        .isEqualTo(DashboardSource.url(URI.create("https://example.org/d.json")));
    assertThat(DashboardSource.parse("dashboards/d.json"))
        .isEqualTo(DashboardSource.file(Path.of("dashboards/d.json")));
    assertThat(DashboardSource.officialMilvus("v2.6.15").uri())
        .hasToString(
            "https://raw.githubusercontent.com/milvus-io/milvus/v2.6.15/deployments/monitor/grafana/milvus-dashboard.json");
  }

  @Test
  void a_missing_file_or_resource_says_so(@TempDir Path folder) {
    assertThatThrownBy(() -> DashboardSource.file(folder.resolve("nope.json")).read())
        .hasMessageStartingWith(
            "Cannot read the dashboard from file " + folder.resolve("nope.json") + ": ");
    assertThatThrownBy(() -> DashboardSource.classpath("dashboards/nope.json").read())
        .hasMessage(
            "Classpath resource /dashboards/nope.json does not exist. Put the dashboard JSON under"
                + " src/test/resources (or src/main/resources) and name it from the classpath root, e.g."
                + " classpath:/dashboards/my-dashboard.json.");
  }
}
