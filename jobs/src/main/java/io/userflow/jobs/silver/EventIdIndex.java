package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateStatistics;
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
 * Silver's event-id index: one Bloom filter of event_id hashes per event date, in a Puffin file of its own beside
 * the table's metadata. Dedupe asks it which dates may hold a batch's ids and reads Silver's ids of those dates
 * only, instead of the whole event_id column.
 *
 * <p>A table property {@code userflow.event-id-index.<snapshot id>} names the file of the snapshot it describes. Not
 * a statistics file of the snapshot: Iceberg's spec lists the blob types a statistics file may hold, and readers
 * that check them (PyIceberg) refuse to open a table with any other. A property names any file and every reader
 * passes it by.
 *
 * <p>A Bloom filter has no false negatives, so the dates it names always include every date that holds one of the
 * ids: the index can make dedupe read more than it must, never miss a duplicate. It is valid for the snapshot it
 * is attached to and, since a compaction ({@code replace}) changes no rows, for the snapshots compactions made from
 * it. A snapshot without a valid index (an older table, a pruned entry, a file someone deleted) makes dedupe read
 * every id, and the run rebuilds the index in full. Only the entries a branch's head can reach are kept: attaching
 * an index and maintenance prune the rest and delete their files.
 */
public final class EventIdIndex {
  /** Puffin blob type; bump the suffix when the hash or the filter changes, and old indexes are ignored. */
  static final String BLOB_TYPE = "userflow-event-id-bloom-v2";
  /** The blob type an older version registered as statistics files, which PyIceberg refuses; removed on sight. */
  static final String LEGACY_STATISTICS_BLOB_TYPE = "userflow-event-id-bloom-v1";
  /** Table property prefix; the suffix is the id of the snapshot the named file describes. */
  public static final String PROPERTY_PREFIX = "userflow.event-id-index.";
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
   * started from. Empty when there is none (never built, written by an older version, pruned, or unreadable).
   */
  public static Optional<EventIdIndex> read(Table table, long snapshotId) {
    return indexPath(table, snapshotId).flatMap(path -> load(table, path));
  }

  /**
   * Attaches to the table's current snapshot the index it inherits through compactions, so that it stays reachable
   * once the snapshot it was built for is gone. Does nothing when the head has its own index or there is none.
   */
  public static boolean carryForward(Table table) {
    Snapshot head = table.currentSnapshot();
    if (head == null || table.properties().containsKey(PROPERTY_PREFIX + head.snapshotId())) {
      return false;
    }
    Optional<String> inherited = indexPath(table, head.snapshotId());
    inherited.ifPresent(path -> table.updateProperties().set(PROPERTY_PREFIX + head.snapshotId(), path).commit());
    return inherited.isPresent();
  }

  /**
   * Drops the entries no branch head can reach (their snapshot expired, or was replaced as a head by one with its
   * own index) and deletes the files no entry names any more; removes the statistics files older versions
   * registered. Returns the number of entries dropped.
   */
  public static int prune(Table table) {
    table.refresh();
    Set<Long> reachable = reachableFromHeads(table);
    Map<String, String> entries = entries(table);
    List<String> stale = entries.keySet().stream()
        .filter(key -> !reachable.contains(Long.parseLong(key.substring(PROPERTY_PREFIX.length())))).toList();
    if (!stale.isEmpty()) {
      UpdateProperties update = table.updateProperties();
      stale.forEach(update::remove);
      update.commit();
      table.refresh();
      Set<String> named = new HashSet<>(entries(table).values());
      stale.stream().map(entries::get).filter(path -> !named.contains(path)).distinct()
          .forEach(path -> table.io().deleteFile(path));
    }
    List<Long> legacy = table.statisticsFiles().stream()
        .filter(f -> f.blobMetadata().stream().anyMatch(b -> LEGACY_STATISTICS_BLOB_TYPE.equals(b.type())))
        .map(StatisticsFile::snapshotId).toList();
    if (!legacy.isEmpty()) {
      UpdateStatistics update = table.updateStatistics();
      legacy.forEach(update::removeStatistics);
      update.commit();
      table.refresh();
    }
    return stale.size();
  }

  /** The index file valid for {@code snapshotId}: its own, or the one a chain of compactions started from. */
  private static Optional<String> indexPath(Table table, long snapshotId) {
    return compactionChain(table, snapshotId).stream().map(id -> table.properties().get(PROPERTY_PREFIX + id))
        .filter(path -> path != null).findFirst();
  }

  /** The snapshots whose index a branch's head can use: each head's compaction chain. */
  private static Set<Long> reachableFromHeads(Table table) {
    Set<Long> out = new HashSet<>();
    table.refs().values().stream().filter(SnapshotRef::isBranch)
        .forEach(ref -> out.addAll(compactionChain(table, ref.snapshotId())));
    return out;
  }

  /**
   * {@code snapshotId} and, while the snapshot is a compaction ({@code replace}, no row changed), its parents: the
   * snapshots whose index holds for it. Newest first; empty when the snapshot is gone.
   */
  private static List<Long> compactionChain(Table table, long snapshotId) {
    List<Long> out = new ArrayList<>();
    Snapshot s = table.snapshot(snapshotId);
    while (s != null) {
      out.add(s.snapshotId());
      s = DataOperations.REPLACE.equals(s.operation()) && s.parentId() != null ? table.snapshot(s.parentId()) : null;
    }
    return out;
  }

  private static Map<String, String> entries(Table table) {
    Map<String, String> out = new TreeMap<>();
    table.properties().forEach((k, v) -> {
      if (k.startsWith(PROPERTY_PREFIX)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The filters in {@code path}; empty, with a line saying so, when the file is gone or not an index of ours. */
  private static Optional<EventIdIndex> load(Table table, String path) {
    TreeMap<LocalDate, BlockSplitBloomFilter> out = new TreeMap<>();
    try (PuffinReader reader = Puffin.read(table.io().newInputFile(path)).build()) {
      for (Pair<org.apache.iceberg.puffin.BlobMetadata, ByteBuffer> p : reader.readAll(reader.fileMetadata().blobs())) {
        if (!BLOB_TYPE.equals(p.first().type())) {
          return unusable(path, "blob type " + p.first().type() + ", expected " + BLOB_TYPE);
        }
        ByteBuffer data = p.second();
        byte[] bits = new byte[data.remaining()];
        data.get(bits);
        out.put(LocalDate.parse(p.first().properties().get(DATE_PROPERTY)), new BlockSplitBloomFilter(bits));
      }
    } catch (IOException | RuntimeException e) {
      return unusable(path, e.toString());
    }
    return Optional.of(new EventIdIndex(out));
  }

  private static Optional<EventIdIndex> unusable(String path, String why) {
    System.err.println("silver: event-id index " + path + " cannot be used (" + why
        + "); dedupe reads every date's ids and this run builds the index again");
    return Optional.empty();
  }

  /**
   * What one pass over the rows an index was built from counted: the rows, their distinct id hashes, and the rows
   * {@code flagged} held true for. Equal ids have equal hashes, so {@code distinctHashes == rows} means no id repeats;
   * fewer may be a repeated id or two ids of one hash, which only an exact count can tell.
   */
  public record Built(EventIdIndex index, long rows, long distinctHashes, long flaggedRows) {}

  /**
   * The index of {@code snapshotId}: the filters of {@code base} for the dates the run did not write, and new
   * filters for {@code rebuilt}, built from {@code rows} (the snapshot's rows of those dates, with event_date and
   * event_id). Without a base every date of {@code rows} is built. The same pass counts the rows and those
   * {@code flagged} (a boolean column) holds for.
   */
  public static Built update(Optional<EventIdIndex> base, Collection<LocalDate> rebuilt, Dataset<Row> rows,
      Column flagged) {
    TreeMap<LocalDate, BlockSplitBloomFilter> filters = new TreeMap<>();
    base.ifPresent(b -> b.filters.forEach((d, f) -> {
      if (!rebuilt.contains(d)) {
        filters.put(d, f);
      }
    }));
    // one row per date with its ids' hashes; streamed to the driver a date at a time
    Iterator<Row> perDate = rows.select(col("event_date"), hash().as("_h"), flagged.as("_flagged")).groupBy("event_date")
        .agg(collect_list("_h"), count(when(col("_flagged"), 1))).toLocalIterator();
    long rowCount = 0;
    long flaggedRows = 0;
    List<long[]> all = new ArrayList<>();
    while (perDate.hasNext()) {
      Row r = perDate.next();
      List<Long> hashes = r.getList(1);
      BlockSplitBloomFilter f = new BlockSplitBloomFilter(
          Math.max(BlockSplitBloomFilter.optimalNumOfBits(hashes.size(), FALSE_POSITIVE_RATE) / 8,
              BlockSplitBloomFilter.LOWER_BOUND_BYTES));
      long[] dateHashes = new long[hashes.size()];
      for (int i = 0; i < dateHashes.length; i++) {
        dateHashes[i] = hashes.get(i);
        f.insertHash(dateHashes[i]);
      }
      all.add(dateHashes);
      rowCount += dateHashes.length;
      flaggedRows += r.getLong(2);
      filters.put(r.getDate(0).toLocalDate(), f);
    }
    return new Built(new EventIdIndex(filters), rowCount, distinct(all, rowCount), flaggedRows);
  }

  private static long distinct(List<long[]> parts, long total) {
    long[] sorted = new long[Math.toIntExact(total)];
    int at = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, sorted, at, p.length);
      at += p.length;
    }
    java.util.Arrays.sort(sorted);
    long distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }

  /**
   * Writes this index to a Puffin file and names it in the table property of {@code snapshotId} (a metadata
   * commit, no new snapshot), then prunes the entries no branch head reaches.
   */
  public void attach(Table table, long snapshotId) {
    Snapshot snapshot = table.snapshot(snapshotId);
    int fieldId = table.schema().findField("event_id").fieldId();
    String path = ((HasTableOperations) table).operations()
        .metadataFileLocation(snapshotId + "-" + UUID.randomUUID() + ".event-id-index.puffin");
    OutputFile out = table.io().newOutputFile(path);
    try (PuffinWriter writer = Puffin.write(out).createdBy("userflow silver").build()) {
      for (Map.Entry<LocalDate, BlockSplitBloomFilter> e : filters.entrySet()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(e.getValue().getBitsetSize());
        e.getValue().writeTo(bytes);
        writer.add(new Blob(BLOB_TYPE, List.of(fieldId), snapshotId, snapshot.sequenceNumber(),
            ByteBuffer.wrap(bytes.toByteArray()), null, Map.of(DATE_PROPERTY, e.getKey().toString())));
      }
      writer.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Silver's event-id index " + path, e);
    }
    table.updateProperties().set(PROPERTY_PREFIX + snapshotId, path).commit();
    prune(table);
  }
}
