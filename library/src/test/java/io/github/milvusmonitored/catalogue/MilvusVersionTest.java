package io.github.milvusmonitored.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MilvusVersionTest {

  @Test
  void reads_release_numbers_tags_and_image_references() {
    assertThat(MilvusVersion.parse("v2.6.19")).isEqualTo(new MilvusVersion(2, 6, 19));
    assertThat(MilvusVersion.parse("2.3.5")).isEqualTo(new MilvusVersion(2, 3, 5));
    assertThat(MilvusVersion.parse("v2.6.19-gpu")).isEqualTo(new MilvusVersion(2, 6, 19));
    assertThat(MilvusVersion.parse("milvusdb/milvus:v2.6.24"))
        .isEqualTo(new MilvusVersion(2, 6, 24));
    assertThat(MilvusVersion.parse("registry.local:5000/milvusdb/milvus:v2.6.20"))
        .hasToString("2.6.20");
  }

  @Test
  void orders_by_major_minor_patch() {
    assertThat(MilvusVersion.parse("2.6.9")).isLessThan(MilvusVersion.parse("2.6.19"));
    assertThat(MilvusVersion.parse("2.6.19").isAtLeast(MilvusVersion.parse("2.6.19"))).isTrue();
    assertThat(MilvusVersion.parse("2.5.30").isAtLeast(MilvusVersion.parse("2.6.0"))).isFalse();
  }

  @Test
  void refuses_what_names_no_release_and_says_which_forms_work() {
    for (String bad : new String[] {"latest", "v2.6", "master-20260701-abcdef", "2.6.x", ""}) {
      assertThatThrownBy(() -> MilvusVersion.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "'"
                  + bad
                  + "' is not a Milvus version. Expected a release number such as v2.6.19 or 2.3.5, an"
                  + " image tag such as v2.6.19-gpu, or an image reference such as milvusdb/milvus:v2.6.19 (the tag your"
                  + " chart or MilvusReleaseConfig.withImageTag uses). Nightly or latest tags name no release: give the"
                  + " release they were built from.");
    }
  }
}
