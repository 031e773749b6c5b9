package io.github.milvusmonitored.catalogue;

import java.util.Objects;
import java.util.Optional;

/**
 * What happens to one PromQL selector in another Milvus release, as {@link SelectorCheck} finds it.
 *
 * <pre>{@code
 * if (change.breaks()) {
 *   System.out.println(change.explanation() + change.rewrite().map(r -> "; write " + r).orElse(""));
 * }
 * }</pre>
 *
 * @param kind what changes
 * @param breaks whether the selector matches nothing in the target release (or its metric is gone);
 *     false when it still matches but means something else, or for a note
 * @param explanation what changes, with the releases and the values involved
 * @param rewrite the selector that keeps the meaning in the target release, when one exists
 */
public record SelectorChange(
    Kind kind, boolean breaks, String explanation, Optional<String> rewrite) {

  /** What changes between the two releases. */
  public enum Kind {
    /** The metric has another name in the target release. */
    METRIC_RENAMED,
    /** The target release has no such metric. */
    METRIC_REMOVED,
    /** A label the selector matches on is gone. */
    LABEL_REMOVED,
    /**
     * The metric gains a label: sums are unchanged, one-to-one arithmetic may need {@code
     * ignoring(...)}.
     */
    LABEL_ADDED,
    /** The label values the selector matches no longer occur, or now mean something else. */
    LABEL_VALUES_CHANGED
  }

  public SelectorChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(rewrite, "rewrite");
  }
}
