package io.userflow.operator.e2e;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.core.planner.TargetState;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** The pipeline's tables as the test reads them, without Spark: metadata through core, rows through iceberg-data. */
final class Warehouse implements AutoCloseable {
  private final Catalog catalog;
  private final String namespace;

  Warehouse(CatalogSettings settings, String namespace) {
    this.catalog = Catalogs.open(settings);
    this.namespace = namespace;
  }

  boolean exists(String table) {
    return catalog.tableExists(id(table));
  }

  SourceHistory history(String table) {
    return TableLineage.history(load(table));
  }

  TargetState lineage(String table) {
    return StagePlanning.lineage(history(table));
  }

  /** Total records of the current snapshot, 0 while the table is missing or empty. */
  long totalRecords(String table) {
    if (!exists(table)) {
      return 0;
    }
    return history(table).current().map(s -> s.totalRecords()).orElse(0L);
  }

  /** Rows of the current main snapshot, read from the data files. */
  long rows(String table) {
    long n = 0;
    try (CloseableIterable<Record> records = IcebergGenerics.read(load(table)).build()) {
      for (Record ignored : records) {
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /** Distinct values of the given columns over the current main snapshot. */
  Set<List<Object>> distinct(String table, String... columns) {
    Set<List<Object>> out = new HashSet<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(load(table)).build()) {
      for (Record r : records) {
        List<Object> key = new ArrayList<>();
        for (String c : columns) {
          key.add(r.getField(c));
        }
        out.add(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The table's properties (the owner stamp among them). */
  /** The table's top-level column names, in schema order. */
  List<String> columns(String table) {
    return load(table).schema().columns().stream().map(org.apache.iceberg.types.Types.NestedField::name).toList();
  }

  java.util.Map<String, String> properties(String table) {
    return load(table).properties();
  }

  /** Writes an object next to the tables (s3a:// or s3:// URI), through the catalog's FileIO. */
  void write(String uri, String text) {
    try (var out = io().newOutputFile(uri).createOrOverwrite()) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an object through the catalog's FileIO. */
  String read(String uri) {
    try (var in = io().newInputFile(uri).newStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The FileIO the tables are read with (the catalog's S3FileIO), from any table of the namespace. */
  private org.apache.iceberg.io.FileIO io() {
    return catalog.loadTable(catalog.listTables(org.apache.iceberg.catalog.Namespace.of(namespace)).get(0)).io();
  }

  private Table load(String table) {
    return catalog.loadTable(id(table));
  }

  private TableIdentifier id(String table) {
    return TableIdentifier.of(namespace, table);
  }

  @Override
  public void close() throws IOException {
    if (catalog instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
