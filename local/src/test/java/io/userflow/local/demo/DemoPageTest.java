package io.userflow.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.local.demo.DemoPage.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report page's markup, without Spark or a browser: escaping, wrapping, and the charts' axes. */
class DemoPageTest {
  @Test
  void aTableEscapesEveryValueAndWrapsALongOne() {
    String longValue = "x".repeat(300) + " a<b & \"c\" 'd'";
    String html = DemoPage.table("t<1>", "caption <i>", List.of(Column.text("Name <n>", 60), Column.number("Rows", 40)),
        List.of(List.of(longValue, 42L), List.of("<script>alert(1)</script>")), List.of(false, true));

    assertThat(html).startsWith("<table id=\"t&lt;1&gt;\" class=\"narrow\"><caption>caption &lt;i&gt;</caption>")
        .contains("<col style=\"width:60%\"><col style=\"width:40%\">",
            "<th scope=\"col\">Name &lt;n&gt;</th><th scope=\"col\" class=\"num\">Rows</th>",
            "<tr><th scope=\"row\">" + "x".repeat(300) + " a&lt;b &amp; &quot;c&quot; &#39;d&#39;</th>"
                + "<td class=\"num\">42</td></tr>",
            // a short row is padded; a marked row carries the class
            "<tr class=\"bad\"><th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th><td class=\"num\"></td></tr>")
        .doesNotContain("<script>", "<i>", "<b ");
    // the page's tables have fixed layout at the page's width and break long words anywhere
    assertThat(DemoPage.STYLE).contains("table{border-collapse:collapse;width:100%;table-layout:fixed",
        "overflow-wrap:anywhere");
  }

  @Test
  void onlyMarkupThisClassMadeGoesIntoACellUnescaped() {
    String html = DemoPage.table("t", null, List.of(Column.text("a", 40), Column.text("b", 30), Column.text("c", 30)),
        List.of(List.of(DemoPage.Html.twoLines("Silver <1>", "silver_events"), "<br>", "x")), null);
    assertThat(html).startsWith("<table id=\"t\"><colgroup>")
        .contains("<th scope=\"row\">Silver &lt;1&gt;<br><code>silver_events</code></th><td>&lt;br&gt;</td><td>x</td>");
  }

  @Test
  void aPageEscapesItsTitleAndLeadAndHoldsItsSections() {
    String page = DemoPage.page("a <title>", "replayed <x>.jsonl & more",
        List.of(DemoPage.section("s", "Rows & more", DemoPage.paragraph("1 < 2"))));
    assertThat(page).startsWith("<!doctype html>").contains("<title>a &lt;title&gt;</title>",
        "<h1>a &lt;title&gt;</h1><p>replayed &lt;x&gt;.jsonl &amp; more</p>",
        "<section id=\"s\"><h2>Rows &amp; more</h2><p>1 &lt; 2</p></section>", "width=device-width");
  }

  @Test
  void chartsAreSvgOnWhiteWithLabelledAxesAndEscapedNames() {
    String bars = DemoCharts.horizontalBars("rejects-chart", "Rejects", "rows", "reason_code",
        List.of("INVALID_JSON", "A<B"), List.of(120L, 7L));
    assertThat(bars).startsWith("<svg id=\"rejects-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .contains("fill=\"#ffffff\"", ">rows</text>", ">reason_code</text>", ">INVALID_JSON</text>", ">A&lt;B</text>",
            "<title>INVALID_JSON: 120</title>", ">120</text>", ">150</text>")
        .doesNotContain("A<B").endsWith("</svg>");

    String grouped = DemoCharts.groupedBars("activity-chart", "Activity", "feature_date", "count per day",
        List.of("2026-12-01", "2026-12-02"), List.of("events / 10", "sessions"),
        List.of(new double[] {12.5, 3}, new double[] {40, 9}));
    assertThat(grouped).contains(">feature_date</text>", ">count per day</text>", ">2026-12-01</text>",
        ">events / 10</text>", "<title>2026-12-02, sessions: 9</title>", "<title>2026-12-01, events / 10: 12.5</title>",
        ">40</text>", "fill=\"#ffffff\"").endsWith("</svg>");
  }

  @Test
  void theValueAxisEndsOnARoundNumberAtOrAboveTheLargestValue() {
    assertThat(DemoCharts.Axis.of(0)).isEqualTo(new DemoCharts.Axis(1, 1));
    assertThat(DemoCharts.Axis.of(120)).isEqualTo(new DemoCharts.Axis(50, 150));
    assertThat(DemoCharts.Axis.of(7)).isEqualTo(new DemoCharts.Axis(2, 8));
    assertThat(DemoCharts.Axis.of(1000)).isEqualTo(new DemoCharts.Axis(200, 1000));
  }
}
