package io.userflow.jobs.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** PNG charts for the demo report (JFreeChart, headless). */
final class DemoCharts {
  private DemoCharts() {}

  static void activity(Map<String, long[]> perDay, Path png) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String[] series = {"events / 10", "sessions", "purchases", "active users"};
    perDay.forEach((day, v) -> {
      data.addValue(v[0] / 10.0, series[0], day);
      data.addValue(v[1], series[1], day);
      data.addValue(v[2], series[2], day);
      data.addValue(v[3], series[3], day);
    });
    JFreeChart chart = ChartFactory.createBarChart("Activity per day (user_daily_features)", "feature_date", "count",
        data, PlotOrientation.VERTICAL, true, false, false);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 420);
  }

  static void rejects(Map<String, Long> byReason, Path png) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    byReason.forEach((reason, n) -> data.addValue(n, "rejects", reason));
    JFreeChart chart = ChartFactory.createBarChart("Silver rejects by reason", "reason", "rows", data,
        PlotOrientation.HORIZONTAL, false, false, false);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 420);
  }
}
