package io.userflow.local.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.sum;

import io.userflow.core.layout.TableLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The few read queries the demo report needs, against the published tables. */
final class DemoQueries {
  private final SparkSession spark;
  private final TableLayout layout;

  DemoQueries(SparkSession spark, TableLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  long count(String table) {
    return spark.table(layout.sparkName(table)).count();
  }

  long sessions() {
    return spark.table(layout.sparkName(layout.silver())).select("session_id").distinct().count();
  }

  Map<String, Long> rejectsByReason() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r : spark.table(layout.sparkName(layout.rejects())).groupBy("reason_code").count()
        .orderBy(desc("count")).collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** The {@code n} user-days with the most revenue: user, date, events, sessions, purchases, revenue, converted. */
  List<Object[]> topFeatures(int n) {
    List<Object[]> out = new ArrayList<>();
    for (Row r : spark.table(layout.sparkName(layout.goldDaily())).orderBy(desc("revenue"), col("user_id"))
        .limit(n).collectAsList()) {
      out.add(new Object[] {r.getAs("user_id"), r.getAs("feature_date"), r.<Long>getAs("event_count"),
          r.<Long>getAs("session_count"), r.<Long>getAs("purchase_count"), r.getAs("revenue"), r.getAs("converted")});
    }
    return out;
  }

  /** Per feature_date: [events, sessions, purchases, active users]. */
  Map<String, long[]> perDay() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Row r : spark.table(layout.sparkName(layout.goldDaily())).groupBy("feature_date")
        .agg(sum("event_count"), sum("session_count"), sum("purchase_count"), org.apache.spark.sql.functions.count("user_id"))
        .orderBy("feature_date").collectAsList()) {
      out.put(r.get(0).toString(), new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)});
    }
    return out;
  }
}
