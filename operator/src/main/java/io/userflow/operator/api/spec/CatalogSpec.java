package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Iceberg catalog holding the pipeline's tables. */
public class CatalogSpec {
  @Default("jdbc")
  @JsonPropertyDescription("Catalog implementation; only jdbc is supported.")
  public CatalogType type = CatalogType.jdbc;

  @Required
  @Pattern(Patterns.JDBC_URI)
  @JsonPropertyDescription("JDBC URI of the catalog database, e.g. jdbc:postgresql://catalog-db:5432/iceberg.")
  public String uri;

  @Required
  @Pattern(Patterns.STORAGE_URI)
  @JsonPropertyDescription("Warehouse root URI, e.g. s3a://warehouse/userflow.")
  public String warehouse;

  @Default("userflow")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Catalog name, used as Spark catalog name and Iceberg catalog-name.")
  public String name = "userflow";

  @JsonPropertyDescription("Catalog database credentials, by Secret reference.")
  public SecretCredentials credentials;

  @JsonPropertyDescription("Endpoint and access keys of the S3-compatible store holding an s3a:// warehouse and "
      + "checkpoints; given to the Spark jobs (s3a) and used by the operator to read table metadata.")
  public ObjectStorageSpec storage;
}
