package io.userflow.local.demo;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo report's HTML: small pure functions from values to markup, every value escaped. Tables keep to the
 * page's width (fixed layout, long values wrap anywhere), so nothing runs off a 1,200 px window.
 */
final class DemoPage {
  private DemoPage() {}

  /** A table column: its heading, its share of the table's width in percent, and whether it holds numbers. */
  record Column(String heading, int widthPercent, boolean numeric) {
    static Column text(String heading, int widthPercent) {
      return new Column(heading, widthPercent, false);
    }

    static Column number(String heading, int widthPercent) {
      return new Column(heading, widthPercent, true);
    }
  }

  /** Markup made by this class from escaped values: put into a cell as it is. */
  record Html(String markup) {
    /** A name with a second line in code type under it. */
    static Html twoLines(String first, String second) {
      return new Html(escape(first) + "<br><code>" + escape(second) + "</code>");
    }
  }

  static final String STYLE = String.join("",
      "*{box-sizing:border-box}",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;background:#fff;",
      "margin:0 auto;padding:1.5em 2em;max-width:1100px;line-height:1.45}",
      "h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin:1.8em 0 .5em;border-bottom:1px solid #d0d7de;",
      "padding-bottom:.2em}p{margin:.4em 0;overflow-wrap:anywhere}",
      "table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5em 0 1em;font-size:.92em}",
      "table.narrow{max-width:640px}",
      "caption{text-align:left;color:#57606a;padding:.2em 0;overflow-wrap:anywhere}",
      "th,td{border:1px solid #d0d7de;padding:.35em .6em;text-align:left;vertical-align:top;",
      "overflow-wrap:anywhere;word-break:break-word}",
      "thead th{background:#f6f8fa}tbody th{font-weight:normal}",
      "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}",
      "tr.bad td,tr.bad th{background:#ffebe9}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}",
      "figure{margin:1em 0}svg{display:block;width:100%;height:auto;background:#fff}",
      "figcaption{color:#57606a;font-size:.9em}code{font-size:.95em}");

  /** {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as entities: safe in text and in quoted attributes. */
  static String escape(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A table: a caption, a heading row, then one row per entry of {@code rows}, its first cell a row heading. A
   * row whose cells are fewer than the columns is padded with empty cells; a cell holding {@link Html} is put as it
   * is, every other value escaped. A table of one or two columns is kept narrow.
   *
   * @param id the table's id attribute
   * @param bad which rows to mark (a mismatch, a failed gate); may be null
   */
  static String table(String id, String caption, List<Column> columns, List<List<?>> rows, List<Boolean> bad) {
    StringBuilder b = new StringBuilder();
    b.append("<table id=\"").append(escape(id)).append(columns.size() <= 2 ? "\" class=\"narrow\">" : "\">");
    if (caption != null) {
      b.append("<caption>").append(escape(caption)).append("</caption>");
    }
    b.append("<colgroup>");
    columns.forEach(c -> b.append("<col style=\"width:").append(c.widthPercent()).append("%\">"));
    b.append("</colgroup><thead><tr>");
    columns.forEach(c -> b.append("<th scope=\"col\"").append(c.numeric() ? " class=\"num\"" : "").append('>')
        .append(escape(c.heading())).append("</th>"));
    b.append("</tr></thead><tbody>");
    for (int r = 0; r < rows.size(); r++) {
      List<?> row = rows.get(r);
      b.append(bad != null && bad.get(r) ? "<tr class=\"bad\">" : "<tr>");
      for (int c = 0; c < columns.size(); c++) {
        String tag = c == 0 ? "th" : "td";
        b.append('<').append(tag).append(c == 0 ? " scope=\"row\"" : "")
            .append(columns.get(c).numeric() ? " class=\"num\"" : "").append('>')
            .append(c >= row.size() ? "" : row.get(c) instanceof Html h ? h.markup() : escape(row.get(c))).append("</").append(tag).append('>');
      }
      b.append("</tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  /** A heading and what follows it. */
  static String section(String id, String heading, String... body) {
    return "<section id=\"" + escape(id) + "\"><h2>" + escape(heading) + "</h2>" + String.join("", body) + "</section>";
  }

  static String paragraph(String text) {
    return "<p>" + escape(text) + "</p>";
  }

  /** A paragraph styled {@code ok} or {@code bad}. */
  static String verdict(boolean ok, String text) {
    return "<p class=\"" + (ok ? "ok" : "bad") + "\">" + escape(text) + "</p>";
  }

  /** An SVG chart (already markup, see {@link DemoCharts}) with its caption. */
  static String figure(String svg, String caption) {
    return "<figure>" + svg + "<figcaption>" + escape(caption) + "</figcaption></figure>";
  }

  /** The whole page: title, a lead paragraph, then the sections. */
  static String page(String title, String lead, List<String> sections) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
        + "</title><style>" + STYLE + "</style></head><body><h1>" + escape(title) + "</h1>" + paragraph(lead)
        + sections.stream().collect(Collectors.joining("\n")) + "\n</body></html>\n";
  }
}
