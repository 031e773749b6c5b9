package io.github.milvusmonitored.catalogue;

import java.util.List;

/** Every message about Milvus versions and the catalogues that describe them. */
final class VersionTexts {

  private VersionTexts() {}

  public static String malformed(String text) {
    return "'"
        + text
        + "' is not a Milvus version. Expected a release number such as v2.6.19 or 2.3.5, an image tag"
        + " such as v2.6.19-gpu, or an image reference such as milvusdb/milvus:v2.6.19 (the tag your chart or"
        + " MilvusReleaseConfig.withImageTag uses). Nightly or latest tags name no release: give the release they"
        + " were built from.";
  }

  public static String negative(int major, int minor, int patch) {
    return "A Milvus version has no negative parts, got " + major + "." + minor + "." + patch + ".";
  }

  /** The assumption stated when no catalogue describes {@code asked}. */
  public static String nearest(String asked, String used, List<String> covered) {
    return "No metric catalogue covers Milvus "
        + asked
        + " (covered: "
        + String.join(", ", covered)
        + "); using the"
        + " nearest, "
        + used
        + ". Facts that differ between the two releases are not seen.";
  }

  /**
   * The assumption stated when a release is read with a catalogue of another release of its range.
   */
  public static String sameRange(String asked, String used, String range) {
    return "Milvus "
        + asked
        + " is read with the catalogue of "
        + used
        + ", which stands for "
        + range
        + ".";
  }

  public static String missingResource(String resource) {
    return "Resource "
        + resource
        + " is missing from the milvus-monitored jar; the jar is incomplete: rebuild or"
        + " download it again.";
  }

  public static String badCatalogueLine(String resource, int line, int columns) {
    return "Catalogue "
        + resource
        + " line "
        + line
        + " has "
        + columns
        + " tab-separated columns, expected at least 7"
        + " (name, type, labels, component, go_variable, source_file, appears).";
  }
}
