package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.prometheus.RangeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small inline SVG of one series over the audited window: a polyline broken at NaN or missing
 * points, with the last value and the minimum and maximum as text.
 */
public final class Sparkline {

  static final int WIDTH = 240;
  static final int HEIGHT = 36;

  private Sparkline() {}

  public static String render(RangeSeries series, Instant from, Instant to) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double last = Double.NaN;
    for (RangeSeries.Point p : series.points()) {
      if (Double.isFinite(p.value())) {
        min = Math.min(min, p.value());
        max = Math.max(max, p.value());
        last = p.value();
      }
    }
    if (min > max) {
      min = 0;
      max = 1;
    }
    double span = max == min ? 1 : max - min;
    long start = from.toEpochMilli();
    double width = Math.max(1, to.toEpochMilli() - start);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\">")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fafafa\" stroke=\"#ddd\"/>");
    List<String> segment = new ArrayList<>();
    for (RangeSeries.Point p : series.points()) {
      if (!Double.isFinite(p.value())) {
        flush(svg, segment);
        continue;
      }
      double x = 2 + (p.timestamp().toEpochMilli() - start) / width * (WIDTH - 4);
      double y = HEIGHT - 3 - (max == min ? 0.5 : (p.value() - min) / span) * (HEIGHT - 6);
      segment.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }
    flush(svg, segment);
    return svg.append("<title>")
        .append(HtmlReport.escape(series.labels().toString()))
        .append(" last=")
        .append(number(last))
        .append(" min=")
        .append(number(min))
        .append(" max=")
        .append(number(max))
        .append("</title></svg>")
        .toString();
  }

  /** {@code last=.. min=.. max=..} over the finite values of {@code series}. */
  public static String describe(RangeSeries series) {
    var stats =
        series.points().stream()
            .mapToDouble(RangeSeries.Point::value)
            .filter(Double::isFinite)
            .summaryStatistics();
    double last =
        series.points().stream()
            .mapToDouble(RangeSeries.Point::value)
            .filter(Double::isFinite)
            .reduce((a, b) -> b)
            .orElse(Double.NaN);
    return stats.getCount() == 0
        ? "no finite value"
        : "last="
            + number(last)
            + " min="
            + number(stats.getMin())
            + " max="
            + number(stats.getMax());
  }

  private static void flush(StringBuilder svg, List<String> segment) {
    if (segment.size() == 1) {
      String[] xy = segment.get(0).split(",");
      svg.append("<circle cx=\"")
          .append(xy[0])
          .append("\" cy=\"")
          .append(xy[1])
          .append("\" r=\"1.5\" fill=\"#1f77b4\"/>");
    } else if (segment.size() > 1) {
      svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.2\" points=\"")
          .append(String.join(" ", segment))
          .append("\"/>");
    }
    segment.clear();
  }

  static String number(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4g", v);
  }
}
