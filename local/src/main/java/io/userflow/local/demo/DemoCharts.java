package io.userflow.local.demo;

import static io.userflow.local.demo.DemoPage.escape;

import java.util.List;
import java.util.Locale;

/**
 * SVG bar charts for the demo report, written as markup (no charting library): white background, labelled
 * axes, gridlines at round values, each bar's value in its tooltip. The drawing scales to the page's width.
 */
final class DemoCharts {
  private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"};
  private static final double CHAR_WIDTH = 7.2;
  private static final int FONT = 13;

  private DemoCharts() {}

  /**
   * Vertical bars grouped by category, one bar per series.
   *
   * @param values per category, one value per series
   */
  static String groupedBars(String id, String title, String xLabel, String yLabel, List<String> categories,
      List<String> series, List<double[]> values) {
    double max = values.stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(0);
    Axis axis = Axis.of(max);
    int left = 70;
    int right = 20;
    int top = 56;
    int plotWidth = 800;
    int plotHeight = 300;
    double group = categories.isEmpty() ? plotWidth : (double) plotWidth / categories.size();
    double longest = categories.stream().mapToInt(String::length).max().orElse(0) * CHAR_WIDTH;
    boolean slanted = longest > group - 8;
    int bottom = 50 + (slanted ? (int) Math.ceil(longest * 0.72) : 0);
    int width = left + plotWidth + right;
    int height = top + plotHeight + bottom;
    StringBuilder b = open(id, title, width, height);
    text(b, width / 2.0, 20, "middle", "font-weight=\"600\" font-size=\"15\"", title);
    legend(b, series, left, 38);
    yAxis(b, axis, left, top, plotWidth, plotHeight, yLabel);
    double barGap = group * 0.15;
    double bar = series.isEmpty() ? 0 : (group - 2 * barGap) / series.size();
    for (int c = 0; c < categories.size(); c++) {
      double x0 = left + c * group;
      for (int s = 0; s < series.size(); s++) {
        double v = values.get(c)[s];
        double h = plotHeight * v / axis.top();
        b.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>",
            x0 + barGap + s * bar, top + plotHeight - h, Math.max(bar - 1, 1), h, COLOURS[s % COLOURS.length],
            escape(categories.get(c)), escape(series.get(s)), number(v)));
      }
      double cx = x0 + group / 2;
      double ly = top + plotHeight + 18;
      if (slanted) {
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%d\""
            + " transform=\"rotate(-45 %.1f %.1f)\">%s</text>", cx, ly, FONT, cx, ly, escape(categories.get(c))));
      } else {
        text(b, cx, ly, "middle", "", categories.get(c));
      }
    }
    axisLine(b, left, top, plotWidth, plotHeight);
    text(b, left + plotWidth / 2.0, height - 10, "middle", "font-weight=\"600\"", xLabel);
    return b.append("</svg>").toString();
  }

  /** Horizontal bars, one per category, the category's name left of its bar and the value after it. */
  static String horizontalBars(String id, String title, String xLabel, String yLabel, List<String> categories,
      List<Long> values) {
    double max = values.stream().mapToLong(Long::longValue).max().orElse(0);
    Axis axis = Axis.of(max);
    // upper-case codes are wider than the average character: leave room for them and the axis label
    int left = 48 + (int) Math.ceil(categories.stream().mapToInt(String::length).max().orElse(4) * 9.2);
    int right = 60;
    int top = 40;
    int plotWidth = 640;
    int row = 30;
    int plotHeight = Math.max(row, row * categories.size());
    int bottom = 56;
    int width = left + plotWidth + right;
    int height = top + plotHeight + bottom;
    StringBuilder b = open(id, title, width, height);
    text(b, width / 2.0, 20, "middle", "font-weight=\"600\" font-size=\"15\"", title);
    for (double t = 0; t <= axis.top() + axis.step() / 2; t += axis.step()) {
      double x = left + plotWidth * t / axis.top();
      b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e1e4e8\"/>",
          x, top, x, top + plotHeight));
      text(b, x, top + plotHeight + 18, "middle", "fill=\"#57606a\"", number(t));
    }
    for (int c = 0; c < categories.size(); c++) {
      double y = top + c * row;
      double w = plotWidth * values.get(c) / axis.top();
      b.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %d</title></rect>",
          left, y + 5, w, row - 10, COLOURS[0], escape(categories.get(c)), values.get(c)));
      text(b, left - 8, y + row / 2.0 + 4, "end", "", categories.get(c));
      text(b, left + w + 6, y + row / 2.0 + 4, "start", "fill=\"#57606a\"", Long.toString(values.get(c)));
    }
    axisLine(b, left, top, plotWidth, plotHeight);
    text(b, left + plotWidth / 2.0, height - 10, "middle", "font-weight=\"600\"", xLabel);
    b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"600\""
        + " font-size=\"%d\" transform=\"rotate(-90 16 %.1f)\">%s</text>", top + plotHeight / 2.0, FONT,
        top + plotHeight / 2.0, escape(yLabel)));
    return b.append("</svg>").toString();
  }

  /** The value axis: gridlines every {@code step} up to {@code top}, both round numbers. */
  record Axis(double step, double top) {
    static Axis of(double max) {
      if (max <= 0) {
        return new Axis(1, 1);
      }
      double raw = max / 5;
      double p = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / p;
      double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
      return new Axis(step, Math.ceil(max / step - 1e-9) * step);
    }
  }

  private static StringBuilder open(String id, String title, int width, int height) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
        + " role=\"img\" aria-label=\"%s\" font-family=\"system-ui, sans-serif\" font-size=\"%d\" fill=\"#1f2328\">",
        escape(id), width, height, escape(title), FONT));
    b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", width, height));
    return b;
  }

  private static void yAxis(StringBuilder b, Axis axis, int left, int top, int plotWidth, int plotHeight,
      String label) {
    for (double t = 0; t <= axis.top() + axis.step() / 2; t += axis.step()) {
      double y = top + plotHeight - plotHeight * t / axis.top();
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e1e4e8\"/>",
          left, y, left + plotWidth, y));
      text(b, left - 6, y + 4, "end", "fill=\"#57606a\"", number(t));
    }
    double mid = top + plotHeight / 2.0;
    b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"600\""
        + " transform=\"rotate(-90 16 %.1f)\">%s</text>", mid, mid, escape(label)));
  }

  private static void axisLine(StringBuilder b, int left, int top, int plotWidth, int plotHeight) {
    b.append(String.format(Locale.ROOT, "<path d=\"M%d %dV%dH%d\" fill=\"none\" stroke=\"#57606a\"/>", left, top,
        top + plotHeight, left + plotWidth));
  }

  private static void legend(StringBuilder b, List<String> series, int x, int y) {
    double at = x;
    for (int s = 0; s < series.size(); s++) {
      b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", at,
          y - 10, COLOURS[s % COLOURS.length]));
      text(b, at + 17, y, "start", "", series.get(s));
      at += 17 + series.get(s).length() * CHAR_WIDTH + 24;
    }
  }

  private static void text(StringBuilder b, double x, double y, String anchor, String attributes, String text) {
    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>", x, y, anchor,
        attributes.isEmpty() ? "" : " " + attributes, escape(text)));
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
