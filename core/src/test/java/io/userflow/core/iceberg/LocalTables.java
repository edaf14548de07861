package io.userflow.core.iceberg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/** Real Iceberg tables in a temp dir on an SQLite JDBC catalog, written with plain iceberg-data (no Spark). */
final class LocalTables {
  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "payload", Types.StringType.get()));

  private LocalTables() {}

  static Catalog catalog(Path dir) {
    return Catalogs.open(CatalogSettings.local("userflow", dir));
  }

  static Table create(Catalog catalog, String name) {
    return catalog.createTable(TableIdentifier.parse("events." + name), SCHEMA, PartitionSpec.unpartitioned(),
        java.util.Map.of("format-version", "2"));
  }

  /** Writes {@code count} rows to a new Parquet file of the table and returns it (not yet committed). */
  static DataFile dataFile(Table table, long firstId, int count) throws IOException {
    String path = table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet");
    DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(path))
        .schema(table.schema())
        .createWriterFunc(GenericParquetWriter::create)
        .overwrite()
        .withSpec(table.spec())
        .build();
    try (writer) {
      for (long i = firstId; i < firstId + count; i++) {
        GenericRecord r = GenericRecord.create(table.schema());
        r.setField("id", i);
        r.setField("payload", "row-" + i);
        writer.write(r);
      }
    }
    return writer.toDataFile();
  }

  static long append(Table table, long firstId, int count) throws IOException {
    table.newAppend().appendFile(dataFile(table, firstId, count)).commit();
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }
}
