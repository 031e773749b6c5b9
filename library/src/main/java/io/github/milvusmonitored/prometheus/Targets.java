package io.github.milvusmonitored.prometheus;

import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Prometheus scrapes: active targets (with health and last error) and dropped ones.
 *
 * @param active targets that survived relabelling and are scraped
 * @param dropped targets that service discovery found but relabelling dropped
 */
public record Targets(List<Active> active, List<Dropped> dropped) {
  public Targets {
    active = List.copyOf(active);
    dropped = List.copyOf(dropped);
  }

  /**
   * The active targets of one scrape pool (job), e.g. {@code
   * serviceMonitor/milvus/my-release-milvus-standalone/0}.
   */
  public List<Active> activeInPool(String scrapePool) {
    return active.stream().filter(t -> t.scrapePool().equals(scrapePool)).toList();
  }

  /** Health of a target as of its last scrape. */
  public enum Health {
    UP,
    DOWN,
    UNKNOWN
  }

  /**
   * One scraped target.
   *
   * @param scrapePool the job the target belongs to
   * @param scrapeUrl the URL Prometheus scrapes
   * @param labels the target labels after relabelling (these are added to every scraped series)
   * @param discoveredLabels the labels service discovery produced, before relabelling
   * @param health health as of the last scrape
   * @param lastError the last scrape's error, empty when it succeeded
   * @param lastScrape when it was last scraped, empty before the first scrape
   * @param lastScrapeDuration how long the last scrape took
   */
  public record Active(
      String scrapePool,
      String scrapeUrl,
      Labels labels,
      Labels discoveredLabels,
      Health health,
      String lastError,
      Optional<Instant> lastScrape,
      Duration lastScrapeDuration) {

    /**
     * The interval Prometheus scrapes this target at, from the discovered label {@code
     * __scrape_interval__} (Prometheus 2.x and 3.x set it); empty when absent or unreadable.
     */
    public Optional<Duration> scrapeInterval() {
      return discoveredLabels
          .find("__scrape_interval__")
          .flatMap(
              text -> {
                try {
                  return Optional.of(MonitoredDuration.parse(text).toDuration());
                } catch (IllegalArgumentException e) {
                  return Optional.empty();
                }
              });
    }

    /** Short text for messages: pool, URL, health and error. */
    public String describe() {
      return scrapePool
          + " "
          + scrapeUrl
          + " health="
          + health.name().toLowerCase(Locale.ROOT)
          + (lastError.isEmpty() ? "" : " lastError=\"" + lastError + "\"");
    }
  }

  /**
   * A target that relabelling dropped: typically a ServiceMonitor whose selector or port does not
   * match the Service.
   *
   * @param scrapePool the job that dropped it (Prometheus 2.46 and later say so; empty before)
   * @param discoveredLabels the labels service discovery produced
   */
  public record Dropped(String scrapePool, Labels discoveredLabels) {}
}
