package io.github.milvusmonitored.catalogue;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Milvus release number, as in an image tag ({@code milvusdb/milvus:v2.6.19}) or {@code
 * milvus_build_info}.
 *
 * <pre>{@code
 * MilvusVersion v = MilvusVersion.parse("v2.6.19");
 * boolean split = v.isAtLeast(MilvusVersion.parse("2.6.19")); // true
 * }</pre>
 *
 * @param major e.g. 2
 * @param minor e.g. 6
 * @param patch e.g. 19
 */
public record MilvusVersion(int major, int minor, int patch) implements Comparable<MilvusVersion> {

  // v2.6.19, 2.6.19, v2.6.19-gpu, v2.6.19-20260601-abcdef12; a full image reference ends in :<tag>.
  private static final Pattern VERSION =
      Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})([-+._][0-9A-Za-z._+-]*)?");
  private static final Comparator<MilvusVersion> ORDER =
      Comparator.comparingInt(MilvusVersion::major)
          .thenComparingInt(MilvusVersion::minor)
          .thenComparingInt(MilvusVersion::patch);

  public MilvusVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException(VersionTexts.negative(major, minor, patch));
    }
  }

  /**
   * Reads {@code text}: {@code v2.6.19}, {@code 2.6.19}, a tag with a suffix ({@code v2.6.19-gpu})
   * or an image reference ({@code milvusdb/milvus:v2.6.19}).
   *
   * @throws IllegalArgumentException naming the text and the form expected
   */
  public static MilvusVersion parse(String text) {
    String t = text == null ? "" : text.strip();
    Matcher m = VERSION.matcher(t.substring(t.lastIndexOf(':') + 1));
    if (!m.matches()) {
      throw new IllegalArgumentException(VersionTexts.malformed(text));
    }
    return new MilvusVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  /** Whether this release is {@code other} or newer. */
  public boolean isAtLeast(MilvusVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(MilvusVersion other) {
    return ORDER.compare(this, other);
  }

  /** {@code 2.6.19}. */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
