package io.github.milvusmonitored.lab;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lists of one namespace that Prometheus's Kubernetes discovery was refused, read from its log:
 * per resource, how often and when last. With client-go's reflector backoff this bounds when each
 * resource is listed again.
 *
 * <p>client-go v0.36.2 (what the lab's Prometheus 3.12 is built with; reflector.go,
 * defaultBackoff*) retries a failed list of an informer after a sleep of d to 2d (jitter 1.0), d
 * starting at 0.8 s and doubling with each failure up to 30 s (reset to 0.8 s every 2 minutes,
 * which only shortens it). Each failure is one "Failed to watch" line. So the n-th forbidden list
 * of a resource is followed by its next list at the latest {@code 2 * min(0.8 s * 2^(n-1), 30 s)}
 * later; a list still refused after a patch is one more line, and moves the bound with it.
 */
record ForbiddenLists(Map<String, Integer> counts, Map<String, Instant> last) {

  static final Duration BACKOFF_INIT = Duration.ofMillis(800);
  static final Duration BACKOFF_MAX = Duration.ofSeconds(30);

  // time=2026-12-05T17:00:00.123Z level=ERROR ... cannot list resource \"pods\" in API group \"\"
  // in the namespace \"milvus\"
  private static final Pattern LINE =
      Pattern.compile(
          "^time=(\\S+) .*cannot list resource \\\\\"([a-z]+)\\\\\""
              + " in API group \\\\\"[a-z0-9.]*\\\\\" in the namespace \\\\\"([a-z0-9-]+)\\\\\"");

  static ForbiddenLists in(String log, String namespace) {
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Instant> last = new TreeMap<>();
    log.lines()
        .forEach(
            line -> {
              Matcher m = LINE.matcher(line);
              if (m.find() && m.group(3).equals(namespace)) {
                counts.merge(m.group(2), 1, Integer::sum);
                last.put(m.group(2), OffsetDateTime.parse(m.group(1)).toInstant());
              }
            });
    return new ForbiddenLists(counts, last);
  }

  /**
   * The longest sleep client-go may take after the {@code failures}-th failed list: 2 * min(0.8 s *
   * 2^(n-1), 30 s).
   */
  static Duration longestSleepAfter(int failures) {
    Duration d = BACKOFF_INIT;
    for (int i = 1; i < failures && d.compareTo(BACKOFF_MAX) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return (d.compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : d).multipliedBy(2);
  }

  /** When the last of these resources is listed again at the latest. */
  Instant latestRelist() {
    return last.entrySet().stream()
        .map(e -> e.getValue().plus(longestSleepAfter(counts.get(e.getKey()))))
        .max(Instant::compareTo)
        .orElseThrow(() -> new AssertionError("no forbidden list in the log"));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (resource, n) ->
            out.append(out.length() == 0 ? "" : ", ")
                .append(resource)
                .append(": ")
                .append(n)
                .append(" refused, last at ")
                .append(last.get(resource))
                .append(", relisted by ")
                .append(last.get(resource).plus(longestSleepAfter(n))));
    return out.toString();
  }
}
