package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Iceberg catalog holding the pipeline's tables. */
public class CatalogSpec {
  /** Catalog implementation; only jdbc. */
  @Default("jdbc")
  @JsonPropertyDescription("Catalog implementation; only jdbc is supported.")
  public CatalogType type = CatalogType.jdbc;

  /** JDBC URI of the catalog database. */
  @Required
  @Pattern(Patterns.JDBC_URI)
  @JsonPropertyDescription("JDBC URI of the catalog database, e.g. jdbc:postgresql://catalog-db:5432/iceberg.")
  public String uri;

  /** Warehouse root URI. */
  @Required
  @Pattern(Patterns.STORAGE_URI)
  @JsonPropertyDescription("Warehouse root URI, e.g. s3a://warehouse/userflow.")
  public String warehouse;

  /** Catalog name (Spark catalog and Iceberg catalog-name). */
  @Default("userflow")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Catalog name, used as Spark catalog name and Iceberg catalog-name.")
  public String name = "userflow";

  /** Catalog database credentials, by Secret reference. */
  @JsonPropertyDescription("Catalog database credentials, by Secret reference.")
  public SecretCredentials credentials;

  /** The S3-compatible store of an s3a:// warehouse. */
  @JsonPropertyDescription("Endpoint and access keys of the S3-compatible store holding an s3a:// warehouse and "
      + "checkpoints; given to the Spark jobs (s3a) and used by the operator to read table metadata.")
  public ObjectStorageSpec storage;
}
