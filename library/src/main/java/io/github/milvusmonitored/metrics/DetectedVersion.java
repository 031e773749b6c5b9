package io.github.milvusmonitored.metrics;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import java.util.Objects;

/**
 * The Milvus release a {@link MilvusMetrics} looks at, and how it was found.
 *
 * <pre>{@code
 * DetectedVersion v = milvus.milvusVersion();
 * System.out.println(v.version() + " (" + v.source() + ": " + v.evidence() + ")");
 * }</pre>
 *
 * @param version the release; from the exposition's shape, the release whose catalogue it matches
 * @param source where it was read
 * @param evidence what was seen, e.g. {@code milvus_build_info{version="v2.6.20"}}, and what
 *     remains uncertain
 */
public record DetectedVersion(MilvusVersion version, Source source, String evidence) {

  /** Where the version was read, most reliable first. */
  public enum Source {
    /** The image tag the release was configured with ({@link MilvusMetrics#withImageTag}). */
    IMAGE_TAG,
    /** The {@code version} label of {@code milvus_build_info} (Milvus 2.4 and later export it). */
    BUILD_INFO,
    /** The metrics' names, labels and status values, when neither of the others is available. */
    EXPOSITION_SHAPE
  }

  public DetectedVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(evidence, "evidence");
  }
}
