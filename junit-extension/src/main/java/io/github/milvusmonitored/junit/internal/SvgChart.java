package io.github.milvusmonitored.junit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws time series as a self-contained SVG line chart: axes, time labels, one polyline per series
 * (broken where a value is NaN or missing), and a legend with each series' labels.
 *
 * <pre>{@code
 * String svg = SvgChart.render("rate(milvus_proxy_req_count[1m])", series, from, to);
 * }</pre>
 */
public final class SvgChart {

  /** One series: its legend text and its points in time order (NaN marks a gap). */
  public record Series(String label, List<Point> points) {
    public Series {
      points = List.copyOf(points);
    }
  }

  /** One value at one instant. */
  public record Point(Instant at, double value) {}

  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf"
  };
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int WIDTH = 960;
  private static final int PLOT_LEFT = 90;
  private static final int PLOT_TOP = 40;
  private static final int PLOT_WIDTH = 840;
  private static final int PLOT_HEIGHT = 300;
  private static final int TICKS = 5;

  private SvgChart() {}

  /** The chart of {@code series} between {@code from} and {@code to}, titled {@code title}. */
  public static String render(String title, List<Series> series, Instant from, Instant to) {
    double[] range = valueRange(series);
    long start = from.toEpochMilli();
    long span = Math.max(1, to.toEpochMilli() - start);
    int legendTop = PLOT_TOP + PLOT_HEIGHT + 45;
    int height = legendTop + 18 * Math.max(1, series.size()) + 10;
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append("<text x=\"")
        .append(PLOT_LEFT)
        .append("\" y=\"22\" font-size=\"13\">")
        .append(escape(title))
        .append("</text>\n");
    axes(svg, range, start, span);
    for (int i = 0; i < series.size(); i++) {
      line(svg, i, series.get(i), range, start, span);
    }
    if (series.isEmpty()) {
      svg.append("<text x=\"")
          .append(PLOT_LEFT + 10)
          .append("\" y=\"")
          .append(PLOT_TOP + 20)
          .append("\">The query returned no series in this window.</text>\n");
    }
    for (int i = 0; i < series.size(); i++) {
      int y = legendTop + 18 * i;
      svg.append("<line x1=\"")
          .append(PLOT_LEFT)
          .append("\" y1=\"")
          .append(y - 4)
          .append("\" x2=\"")
          .append(PLOT_LEFT + 20)
          .append("\" y2=\"")
          .append(y - 4)
          .append("\" stroke=\"")
          .append(color(i))
          .append("\" stroke-width=\"2\"/><text class=\"legend\" x=\"")
          .append(PLOT_LEFT + 26)
          .append("\" y=\"")
          .append(y)
          .append("\">")
          .append(escape(series.get(i).label()))
          .append("</text>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder svg, double[] range, long start, long span) {
    int bottom = PLOT_TOP + PLOT_HEIGHT;
    svg.append("<rect x=\"")
        .append(PLOT_LEFT)
        .append("\" y=\"")
        .append(PLOT_TOP)
        .append("\" width=\"")
        .append(PLOT_WIDTH)
        .append("\" height=\"")
        .append(PLOT_HEIGHT)
        .append("\" fill=\"none\" stroke=\"#333\"/>\n");
    for (int t = 0; t <= TICKS; t++) {
      double fraction = t / (double) TICKS;
      int x = PLOT_LEFT + (int) Math.round(fraction * PLOT_WIDTH);
      int y = bottom - (int) Math.round(fraction * PLOT_HEIGHT);
      svg.append("<line x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(PLOT_TOP)
          .append("\" x2=\"")
          .append(x)
          .append("\" y2=\"")
          .append(bottom)
          .append("\" stroke=\"#ddd\"/>")
          .append("<text class=\"time\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(bottom + 16)
          .append("\" text-anchor=\"middle\">")
          .append(TIME.format(Instant.ofEpochMilli(start + Math.round(fraction * span))))
          .append("</text>\n");
      svg.append("<line x1=\"")
          .append(PLOT_LEFT)
          .append("\" y1=\"")
          .append(y)
          .append("\" x2=\"")
          .append(PLOT_LEFT + PLOT_WIDTH)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"#ddd\"/>")
          .append("<text class=\"value\" x=\"")
          .append(PLOT_LEFT - 6)
          .append("\" y=\"")
          .append(y + 4)
          .append("\" text-anchor=\"end\">")
          .append(number(range[0] + fraction * (range[1] - range[0])))
          .append("</text>\n");
    }
    svg.append("<text x=\"")
        .append(PLOT_LEFT + PLOT_WIDTH)
        .append("\" y=\"")
        .append(bottom + 32)
        .append("\" text-anchor=\"end\">time (UTC)</text>\n");
  }

  private static void line(
      StringBuilder svg, int index, Series series, double[] range, long start, long span) {
    svg.append("<g class=\"series\" data-series=\"")
        .append(index)
        .append("\" stroke=\"")
        .append(color(index))
        .append("\" fill=\"")
        .append(color(index))
        .append("\">\n");
    List<String> segment = new ArrayList<>();
    for (Point p : series.points()) {
      if (!Double.isFinite(p.value())) {
        flush(svg, segment);
        continue;
      }
      double x = PLOT_LEFT + (p.at().toEpochMilli() - start) / (double) span * PLOT_WIDTH;
      double y =
          PLOT_TOP + PLOT_HEIGHT - (p.value() - range[0]) / (range[1] - range[0]) * PLOT_HEIGHT;
      segment.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }
    flush(svg, segment);
    svg.append("</g>\n");
  }

  private static void flush(StringBuilder svg, List<String> segment) {
    if (segment.size() == 1) {
      String[] xy = segment.get(0).split(",");
      svg.append("<circle cx=\"")
          .append(xy[0])
          .append("\" cy=\"")
          .append(xy[1])
          .append("\" r=\"2\"/>\n");
    } else if (segment.size() > 1) {
      svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" points=\"")
          .append(String.join(" ", segment))
          .append("\"/>\n");
    }
    segment.clear();
  }

  private static double[] valueRange(List<Series> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (Point p : s.points()) {
        if (Double.isFinite(p.value())) {
          min = Math.min(min, p.value());
          max = Math.max(max, p.value());
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      return new double[] {min - pad, max + pad};
    }
    return new double[] {min, max};
  }

  private static String color(int index) {
    return COLORS[index % COLORS.length];
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
