package io.userflow.core.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectStorageTest {
  static final ObjectStorage LOCAL_S3 = new ObjectStorage("http://s3:9000", "us-east-1", true, "key", "secret");

  @Test
  void s3LocationsAreRecognisedByScheme() {
    assertThat(ObjectStorage.isS3("s3a://warehouse/userflow")).isTrue();
    assertThat(ObjectStorage.isS3("S3://warehouse")).isTrue();
    assertThat(ObjectStorage.isS3("s3n://b/k")).isTrue();
    assertThat(ObjectStorage.isS3("file:/tmp/warehouse")).isFalse();
    assertThat(ObjectStorage.isS3("/tmp/warehouse")).isFalse();
    assertThat(ObjectStorage.isS3(null)).isFalse();
  }

  @Test
  void anS3WarehouseIsReadWithS3FileIoAndTheStoresSettings() {
    CatalogSettings settings = new CatalogSettings("userflow", "jdbc:postgresql://db/iceberg", "s3a://warehouse/",
        "u", "p", LOCAL_S3);
    assertThat(settings.fileIoProperties())
        .containsEntry("io-impl", ObjectStorage.S3_FILE_IO)
        .containsEntry("s3.endpoint", "http://s3:9000")
        .containsEntry("s3.path-style-access", "true")
        .containsEntry("client.region", "us-east-1")
        .containsEntry("s3.access-key-id", "key")
        .containsEntry("s3.secret-access-key", "secret");
  }

  @Test
  void withoutStorageSettingsS3UsesTheAwsDefaultChainsAndLocalFilesNeedNothing() {
    assertThat(new CatalogSettings("userflow", "jdbc:sqlite:/tmp/c.db", "s3://bucket/wh", null, null)
        .fileIoProperties()).containsOnlyKeys("io-impl", "http-client.type");
    assertThat(new CatalogSettings("userflow", "jdbc:sqlite:/tmp/c.db", "file:/tmp/wh", null, null, LOCAL_S3)
        .fileIoProperties()).isEmpty();
  }

  @Test
  void hadoopSettingsCarryTheKeysOnlyWhenTheRecordHasThem() {
    assertThat(LOCAL_S3.hadoopProperties())
        .containsEntry("fs.s3a.endpoint", "http://s3:9000")
        .containsEntry("fs.s3a.path.style.access", "true")
        .containsEntry("fs.s3a.endpoint.region", "us-east-1")
        .containsEntry("fs.s3a.access.key", "key")
        .containsEntry("fs.s3a.secret.key", "secret");
    assertThat(new ObjectStorage("http://s3:9000", "us-east-1", true, null, null).hadoopProperties())
        .containsOnlyKeys("fs.s3a.endpoint", "fs.s3a.endpoint.region", "fs.s3a.path.style.access");
  }

  @Test
  void keysComeInPairsAndSecretsStayOutOfToString() {
    assertThatThrownBy(() -> new ObjectStorage(null, "us-east-1", false, "key", null))
        .hasMessageContaining("both an access key id and a secret access key");
    assertThatThrownBy(() -> new ObjectStorage(null, " ", false, null, null)).hasMessageContaining("region");
    CatalogSettings settings = new CatalogSettings("userflow", "jdbc:postgresql://db/iceberg", "s3a://w/", "u",
        "jdbc-password", LOCAL_S3);
    assertThat(settings.toString()).doesNotContain("secret").doesNotContain("jdbc-password").contains("s3:9000");
  }
}
