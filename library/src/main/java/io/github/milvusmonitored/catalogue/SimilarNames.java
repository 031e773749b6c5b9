package io.github.milvusmonitored.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric names that most likely stand for a missing one, best first.
 *
 * <pre>{@code
 * SimilarNames.of("search_latency_bucket", List.of("knowhere_search_latency_bucket")); // [knowhere_search_latency_bucket]
 * }</pre>
 *
 * <p>At most 3: first names ending in the same distinctive tokens, where one name is the other with
 * a prefix added or dropped ({@code knowhere_search_latency_bucket} for {@code
 * search_latency_bucket} and back: Milvus 2.3 exports knowhere's metrics with the prefix, 2.6
 * without), then names sharing the longest run of leading tokens (a renamed tail, {@code
 * milvus_proxy_sq_latency_bucket} for {@code milvus_proxy_sq_latency_seconds_bucket}).
 */
public final class SimilarNames {

  private static final int LIMIT = 3;
  // Suffixes and units many names end with; sharing only these says nothing.
  private static final Set<String> GENERIC =
      Set.of("bucket", "sum", "count", "total", "seconds", "bytes", "ms");

  private SimilarNames() {}

  /** The names of {@code ingested} most like {@code metric}, best first, at most 3. */
  public static List<String> of(String metric, Collection<String> ingested) {
    Set<String> out = new LinkedHashSet<>(sameEnding(metric, ingested));
    out.addAll(samePrefix(metric, ingested));
    return out.stream().limit(LIMIT).toList();
  }

  private static List<String> sameEnding(String metric, Collection<String> ingested) {
    List<String> mine = tokens(metric);
    record Candidate(String name, boolean tail, int shared, int extra) {}
    List<Candidate> found = new ArrayList<>();
    for (String name : ingested) {
      List<String> theirs = tokens(name);
      int shared = 0;
      while (shared < Math.min(mine.size(), theirs.size())
          && mine.get(mine.size() - 1 - shared).equals(theirs.get(theirs.size() - 1 - shared))) {
        shared++;
      }
      long distinctive =
          mine.subList(mine.size() - shared, mine.size()).stream()
              .filter(t -> !GENERIC.contains(t))
              .count();
      if (!name.equals(metric) && distinctive >= 2) {
        found.add(
            new Candidate(
                name,
                shared == Math.min(mine.size(), theirs.size()),
                (int) distinctive,
                Math.abs(mine.size() - theirs.size())));
      }
    }
    return found.stream()
        .sorted(
            Comparator.comparing((Candidate c) -> !c.tail())
                .thenComparing(c -> -c.shared())
                .thenComparingInt(Candidate::extra)
                .thenComparing(Candidate::name))
        .map(Candidate::name)
        .toList();
  }

  private static List<String> samePrefix(String metric, Collection<String> ingested) {
    String prefix = metric;
    while (prefix.indexOf('_') > 0 && prefix.chars().filter(c -> c == '_').count() >= 2) {
      prefix = prefix.substring(0, prefix.lastIndexOf('_'));
      String p = prefix + "_";
      List<String> found =
          ingested.stream().filter(n -> n.startsWith(p)).sorted().limit(LIMIT).toList();
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> tokens(String name) {
    return Arrays.asList(name.split("_"));
  }
}
