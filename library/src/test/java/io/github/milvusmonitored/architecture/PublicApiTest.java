package io.github.milvusmonitored.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The library's public API equals {@code api/milvus-monitored.api}: a change of the API is a change
 * of that file, made on purpose with {@code -Dapi.baseline.write=true} and reviewed with the code.
 */
class PublicApiTest {

  static final Path BASELINE = Path.of("api", "milvus-monitored.api");

  @Test
  void the_public_api_is_the_checked_in_baseline() throws IOException {
    String api =
        ApiDump.of(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.github.milvusmonitored"));
    if (Boolean.getBoolean("api.baseline.write")) {
      Files.createDirectories(BASELINE.getParent());
      Files.writeString(BASELINE, api);
    }
    assertThat(api.lines().filter(line -> line.contains(".internal.")))
        .as(
            "public API that hands out or takes internal types (make the member package-private or the type API)")
        .isEmpty();
    assertThat(BASELINE).as("the API baseline %s", BASELINE.toAbsolutePath()).exists();
    assertThat(api)
        .as(
            """
        The library's public API differs from %s. If the change is meant, write the new baseline with
          ./mvnw -pl library test -Dtest=PublicApiTest -Dapi.baseline.write=true
        and commit it with the change""",
            BASELINE)
        .isEqualTo(Files.readString(BASELINE));
  }
}
