package io.userflow.local.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian package {@code chromium}) opening a local HTML page as a reader's browser would: the
 * DOM after the page's scripts ran, its layout at a given window width, and a screenshot. Each call starts its own
 * browser on a fresh profile (deleted when it ends) and waits for it to exit; its stderr and what it printed stay
 * in the output directory.
 */
public final class Chromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser");
  private static final Pattern DATA = Pattern.compile("\\sdata-check-([a-z-]+)=\"([^\"]*)\"");

  private final Path binary;
  private final Path out;

  private Chromium(Path binary, Path out) {
    this.binary = binary;
    this.out = out;
  }

  /**
   * The browser on PATH ({@code chromium} or {@code chromium-browser}); its DOM dumps, logs, profiles and
   * screenshots go under {@code out}. Fails, never skips, when there is none.
   */
  public static Chromium find(Path out) throws IOException {
    Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .flatMap(d -> NAMES.stream().map(n -> Path.of(d, n)))
        .filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      throw new AssertionError("no headless browser for the report page test: neither chromium nor chromium-browser"
          + " is on PATH; install the Debian package chromium (apt-get install -y chromium; .ci/run does)");
    }
    Files.createDirectories(out);
    return new Chromium(found.get(), out.toAbsolutePath());
  }

  /** The page's DOM as Chromium serialises it once the page loaded and its scripts ran. */
  public String dom(Path page, int width, int height) throws IOException, InterruptedException {
    return run("dom", page, width, height, "--dump-dom");
  }

  /** A PNG of the page's first {@code height} pixels in a window {@code width} wide. */
  public Path screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    run("screenshot", page, width, height, "--screenshot=" + png.toAbsolutePath());
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new AssertionError("chromium wrote no screenshot to " + png + "; see " + out.resolve("screenshot.log"));
    }
    return png;
  }

  /**
   * How the page lays out in a window {@code width} wide: a copy of it beside it with a script appended that
   * measures the layout into attributes of the {@code html} element, read back from the dumped DOM.
   */
  public Layout layout(Path page, int width) throws IOException, InterruptedException {
    String html = Files.readString(page);
    int end = html.lastIndexOf("</body>");
    if (end < 0) {
      throw new AssertionError(page + " has no </body>");
    }
    Path copy = page.resolveSibling("layout-check-" + page.getFileName());
    Files.writeString(copy, html.substring(0, end) + MEASURE + html.substring(end));
    String dom = run("layout", copy, width, 2000, "--dump-dom");
    Matcher m = DATA.matcher(dom.substring(0, Math.max(0, dom.indexOf('>', dom.indexOf("<html")))));
    Map<String, String> data = new HashMap<>();
    while (m.find()) {
      data.put(m.group(1), m.group(2));
    }
    if (!data.containsKey("scroll-width")) {
      throw new AssertionError("the layout script did not run in " + copy + "; the DOM begins: "
          + dom.substring(0, Math.min(400, dom.length())));
    }
    return new Layout(Integer.parseInt(data.get("viewport-width")), Integer.parseInt(data.get("scroll-width")),
        Integer.parseInt(data.get("scroll-height")), words(data.get("too-wide")), words(data.get("overflowing")),
        words(data.get("clipped")));
  }

  /**
   * A page's layout in the browser.
   *
   * @param viewportWidth the window's inner width
   * @param scrollWidth the document's scroll width: more than the viewport means a horizontal scroll bar
   * @param scrollHeight the document's height
   * @param tooWide elements reaching past the viewport's right edge (tag#id)
   * @param overflowing boxes whose content is wider than the box (text running out of a cell)
   * @param clipped SVG texts reaching outside their drawing (cut off)
   */
  public record Layout(int viewportWidth, int scrollWidth, int scrollHeight, List<String> tooWide,
      List<String> overflowing, List<String> clipped) {}

  /** The cells of table {@code id} in {@code dom}, row by row (heading row included), entities decoded. */
  public static List<List<String>> table(String dom, String id) {
    Matcher t = Pattern.compile("<table[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</table>", Pattern.DOTALL)
        .matcher(dom);
    if (!t.find()) {
      throw new AssertionError("no table with id " + id + " in the DOM");
    }
    List<List<String>> rows = new ArrayList<>();
    Matcher tr = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(t.group(1));
    while (tr.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(tr.group(1));
      while (cell.find()) {
        cells.add(text(cell.group(1)));
      }
      rows.add(cells);
    }
    return rows;
  }

  /** Markup as the text a reader sees: line breaks as newlines, other tags dropped, entities decoded. */
  public static String text(String markup) {
    return markup.replaceAll("<br\\s*/?>", "\n").replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
  }

  private String run(String what, Path page, int width, int height, String action)
      throws IOException, InterruptedException {
    Path log = out.resolve(what + ".log");
    Path profile = Files.createTempDirectory(out, "profile-");
    List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars", "--mute-audio",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
        "--run-all-compositor-stages-before-draw", "--virtual-time-budget=2000", action,
        page.toAbsolutePath().toUri().toString());
    try {
      String stdout;
      try {
        stdout = ExternalCommand.run(command, log, Duration.ofSeconds(90));
      } catch (ExternalCommand.Overrun hung) {
        // headless Chromium now and then never ends a run that normally takes seconds (seen once in 2026-12-07's
        // CI, 20 minutes on a screenshot): one more attempt, in a fresh profile, before the test fails
        System.err.println("chromium: " + hung.getMessage() + "; trying once more");
        deleteTree(profile);
        Files.createDirectories(profile);
        stdout = ExternalCommand.run(command, log, Duration.ofSeconds(90));
      }
      if (!stdout.isEmpty()) {
        Files.writeString(out.resolve(what + ".dom.html"), stdout);
      }
      return stdout;
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Measures the layout into data-check-* attributes of the html element. */
  private static final String MEASURE = """
      <script>(function () {
        var root = document.documentElement, w = window.innerWidth, tooWide = [], overflowing = [], clipped = [];
        function name(e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''); }
        document.querySelectorAll('body *').forEach(function (e) {
          if (e.tagName === 'SCRIPT') return;
          var r = e.getBoundingClientRect();
          if (r.right > w + 0.5) tooWide.push(name(e));
          if (!(e instanceof SVGElement) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) overflowing.push(name(e));
        });
        document.querySelectorAll('svg').forEach(function (svg) {
          var box = svg.getBoundingClientRect();
          svg.querySelectorAll('text').forEach(function (t) {
            var r = t.getBoundingClientRect();
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
              clipped.push('text:' + (svg.id || 'svg') + ':' + t.textContent.replace(/\\s+/g, '_'));
          });
        });
        root.setAttribute('data-check-viewport-width', w);
        root.setAttribute('data-check-scroll-width', root.scrollWidth);
        root.setAttribute('data-check-scroll-height', root.scrollHeight);
        root.setAttribute('data-check-too-wide', tooWide.slice(0, 20).join(' '));
        root.setAttribute('data-check-overflowing', overflowing.slice(0, 20).join(' '));
        root.setAttribute('data-check-clipped', clipped.slice(0, 20).join(' '));
      })();</script>
      """;
}
