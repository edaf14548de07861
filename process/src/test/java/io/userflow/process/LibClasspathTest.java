package io.userflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LibClasspathTest {

  @Test
  void keepsOnlyTheNewestVersionOfEachArtifact() {
    assertThat(LibClasspath.newestPerArtifact(List.of("slf4j-api-1.7.36.jar", "kafka_2.13-4.4.0.jar",
        "slf4j-api-2.0.17.jar", "zstd-jni-1.5.7-17.jar", "log4j-slf4j2-impl-2.24.3.jar", "jackson-annotations-2.21.jar",
        "jackson-annotations-2.9.jar")))
        .containsExactly("jackson-annotations-2.21.jar", "kafka_2.13-4.4.0.jar", "log4j-slf4j2-impl-2.24.3.jar",
            "slf4j-api-2.0.17.jar", "zstd-jni-1.5.7-17.jar");
  }

  @Test
  void comparesVersionPartsAsNumbers() {
    assertThat(LibClasspath.compareVersions("2.0.17", "1.7.36")).isPositive();
    assertThat(LibClasspath.compareVersions("1.5.7-17", "1.5.7-9")).isPositive();
    assertThat(LibClasspath.compareVersions("2.21", "2.21.0")).isZero();
  }

  @Test
  void aTestsJarGoesBesideItsMainJar() {
    assertThat(LibClasspath.newestPerArtifact(List.of("iceberg-core-1.11.0-tests.jar", "iceberg-core-1.11.0.jar",
        "iceberg-open-api-1.11.0-test-fixtures.jar", "iceberg-core-1.10.0.jar")))
        .containsExactly("iceberg-core-1.11.0.jar", "iceberg-core-1.11.0-tests.jar",
            "iceberg-open-api-1.11.0-test-fixtures.jar");
  }
}
