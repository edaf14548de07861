package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.BlobMetadata;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.GenericBlobMetadata;
import org.apache.iceberg.GenericStatisticsFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.puffin.Blob;
import org.apache.iceberg.puffin.Puffin;
import org.apache.iceberg.puffin.PuffinReader;
import org.apache.iceberg.puffin.PuffinWriter;
import org.apache.iceberg.util.Pair;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver's event-id index: one Bloom filter of event_id hashes per event date, stored as a Puffin statistics file
 * of the Silver snapshot it describes (Iceberg's place for a snapshot's sketches). Dedupe asks it which dates may
 * hold a batch's ids and reads Silver's ids of those dates only, instead of the whole event_id column.
 *
 * <p>A Bloom filter has no false negatives, so the dates it names always include every date that holds one of the
 * ids: the index can make dedupe read more than it must, never miss a duplicate. It is valid for the snapshot it
 * is attached to and, since a compaction ({@code replace}) changes no rows, for the snapshots compactions made from
 * it. A snapshot without a valid index (an older table, an expired parent) makes dedupe read every id, and the run
 * rebuilds the index in full.
 */
public final class EventIdIndex {
  /** Puffin blob type; bump the suffix when the hash or the filter changes, and old indexes are ignored. */
  static final String BLOB_TYPE = "userflow-event-id-bloom-v1";
  static final String DATE_PROPERTY = "event-date";
  /**
   * Per filter and probed id. Dedupe probes every date's filter with every id of the batch, so a batch of 50k ids
   * over 90 dates of history reads about 0.5 date more than it must on average (56 bits an id).
   */
  static final double FALSE_POSITIVE_RATE = 1e-7;

  private final SortedMap<LocalDate, BlockSplitBloomFilter> filters;

  private EventIdIndex(SortedMap<LocalDate, BlockSplitBloomFilter> filters) {
    this.filters = filters;
  }

  /** The hash both building and probing use: Spark's xxhash64 of the event_id string. */
  public static Column hash() {
    return xxhash64(col("event_id"));
  }

  /** The dates the index covers. */
  public SortedSet<LocalDate> dates() {
    return new TreeSet<>(filters.keySet());
  }

  /** The dates whose filter may hold one of {@code hashes}: a superset of the dates that do. */
  public SortedSet<LocalDate> datesThatMayHold(long[] hashes) {
    TreeSet<LocalDate> out = new TreeSet<>();
    for (Map.Entry<LocalDate, BlockSplitBloomFilter> e : filters.entrySet()) {
      BlockSplitBloomFilter f = e.getValue();
      for (long h : hashes) {
        if (f.findHash(h)) {
          out.add(e.getKey());
          break;
        }
      }
    }
    return out;
  }

  /**
   * The index valid for {@code snapshotId}: the one attached to it, or to the snapshot a chain of compactions
   * started from. Empty when there is none (never built, written by an older version, or expired).
   */
  public static Optional<EventIdIndex> read(Table table, long snapshotId) {
    Snapshot s = table.snapshot(snapshotId);
    while (s != null) {
      Optional<StatisticsFile> file = indexFile(table, s.snapshotId());
      if (file.isPresent()) {
        return Optional.of(new EventIdIndex(load(table, file.get())));
      }
      if (!DataOperations.REPLACE.equals(s.operation()) || s.parentId() == null) {
        return Optional.empty();
      }
      s = table.snapshot(s.parentId());
    }
    return Optional.empty();
  }

  /**
   * Attaches to the table's current snapshot the index it inherits through compactions, so that expiring the
   * snapshot the index was built for keeps it. Does nothing when the head has its own index or there is none.
   */
  public static boolean carryForward(Table table) {
    Snapshot head = table.currentSnapshot();
    if (head == null || indexFile(table, head.snapshotId()).isPresent()) {
      return false;
    }
    Optional<EventIdIndex> inherited = read(table, head.snapshotId());
    inherited.ifPresent(i -> i.attach(table, head.snapshotId()));
    return inherited.isPresent();
  }

  private static Optional<StatisticsFile> indexFile(Table table, long snapshotId) {
    return table.statisticsFiles().stream()
        .filter(f -> f.snapshotId() == snapshotId)
        .filter(f -> f.blobMetadata().stream().allMatch(b -> BLOB_TYPE.equals(b.type())))
        .findFirst();
  }

  private static SortedMap<LocalDate, BlockSplitBloomFilter> load(Table table, StatisticsFile file) {
    TreeMap<LocalDate, BlockSplitBloomFilter> out = new TreeMap<>();
    try (PuffinReader reader = Puffin.read(table.io().newInputFile(file.path())).withFileSize(file.fileSizeInBytes())
        .withFooterSize(file.fileFooterSizeInBytes()).build()) {
      for (Pair<org.apache.iceberg.puffin.BlobMetadata, ByteBuffer> p : reader.readAll(reader.fileMetadata().blobs())) {
        ByteBuffer data = p.second();
        byte[] bits = new byte[data.remaining()];
        data.get(bits);
        out.put(LocalDate.parse(p.first().properties().get(DATE_PROPERTY)), new BlockSplitBloomFilter(bits));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Silver's event-id index " + file.path(), e);
    }
    return out;
  }

  /**
   * The index of {@code snapshotId}: the filters of {@code base} for the dates the run did not write, and new
   * filters for {@code rebuilt}, built from {@code rows} (the snapshot's rows of those dates, with event_date and
   * event_id). Without a base every date of {@code rows} is built.
   */
  public static EventIdIndex update(Optional<EventIdIndex> base, Collection<LocalDate> rebuilt, Dataset<Row> rows) {
    TreeMap<LocalDate, BlockSplitBloomFilter> filters = new TreeMap<>();
    base.ifPresent(b -> b.filters.forEach((d, f) -> {
      if (!rebuilt.contains(d)) {
        filters.put(d, f);
      }
    }));
    // one row per date with its ids' hashes; streamed to the driver a date at a time
    Iterator<Row> perDate = rows.select(col("event_date"), hash().as("_h")).groupBy("event_date")
        .agg(collect_list("_h")).toLocalIterator();
    while (perDate.hasNext()) {
      Row r = perDate.next();
      List<Long> hashes = r.getList(1);
      BlockSplitBloomFilter f = new BlockSplitBloomFilter(
          Math.max(BlockSplitBloomFilter.optimalNumOfBits(hashes.size(), FALSE_POSITIVE_RATE) / 8,
              BlockSplitBloomFilter.LOWER_BOUND_BYTES));
      hashes.forEach(f::insertHash);
      filters.put(r.getDate(0).toLocalDate(), f);
    }
    return new EventIdIndex(filters);
  }

  /** Attaches this index to {@code snapshotId} as its statistics file (a metadata commit, no new snapshot). */
  public void attach(Table table, long snapshotId) {
    Snapshot snapshot = table.snapshot(snapshotId);
    int fieldId = table.schema().findField("event_id").fieldId();
    String path = ((HasTableOperations) table).operations()
        .metadataFileLocation(snapshotId + "-" + UUID.randomUUID() + ".event-id-index.puffin");
    OutputFile out = table.io().newOutputFile(path);
    List<BlobMetadata> blobs;
    long fileSize;
    long footerSize;
    try (PuffinWriter writer = Puffin.write(out).createdBy("userflow silver").build()) {
      for (Map.Entry<LocalDate, BlockSplitBloomFilter> e : filters.entrySet()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(e.getValue().getBitsetSize());
        e.getValue().writeTo(bytes);
        writer.add(new Blob(BLOB_TYPE, List.of(fieldId), snapshotId, snapshot.sequenceNumber(),
            ByteBuffer.wrap(bytes.toByteArray()), null, Map.of(DATE_PROPERTY, e.getKey().toString())));
      }
      writer.finish();
      blobs = GenericBlobMetadata.from(writer.writtenBlobsMetadata());
      fileSize = writer.fileSize();
      footerSize = writer.footerSize();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Silver's event-id index " + path, e);
    }
    table.updateStatistics().setStatistics(new GenericStatisticsFile(snapshotId, path, fileSize, footerSize, blobs)).commit();
  }
}
