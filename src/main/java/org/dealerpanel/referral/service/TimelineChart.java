package org.dealerpanel.referral.service;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.dealerpanel.observation.service.ObservationService.ObservationView;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The timeline chart of one account for the PDF, drawn by JFreeChart: posts and images per day, a gap for every day
 * without an observation (unobserved is not zero), and a marker on the referral day. Rendered to PNG at twice the
 * printed size.
 */
final class TimelineChart {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private TimelineChart() {
    }

    record Labels(String title, String posts, String images, String day, String count, String referral) {
    }

    static byte[] png(List<ObservationView> observations, LocalDate referredOn, Labels labels, Font font, int width,
                      int height) throws IOException {
        TimeSeries posts = new TimeSeries(labels.posts());
        TimeSeries images = new TimeSeries(labels.images());
        LocalDate first = observations.get(0).date();
        LocalDate last = observations.get(observations.size() - 1).date();
        int i = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Day day = new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            if (i < observations.size() && observations.get(i).date().equals(d)) {
                posts.add(day, observations.get(i).posts());
                images.add(day, observations.get(i).images());
                i++;
            } else {
                posts.add(day, (Number) null);
                images.add(day, (Number) null);
            }
        }
        TimeSeriesCollection data = new TimeSeriesCollection(java.util.TimeZone.getTimeZone("UTC"));
        data.addSeries(posts);
        data.addSeries(images);
        JFreeChart chart = ChartFactory.createTimeSeriesChart(labels.title(), labels.day(), labels.count(), data,
                true, false, false);
        StandardChartTheme theme = new StandardChartTheme("tracker");
        theme.setExtraLargeFont(font.deriveFont(Font.BOLD, 26f));
        theme.setLargeFont(font.deriveFont(Font.BOLD, 22f));
        theme.setRegularFont(font.deriveFont(20f));
        theme.setSmallFont(font.deriveFont(18f));
        theme.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, observations.size() < 60);
        renderer.setSeriesPaint(0, new Color(0x1F, 0x6F, 0xB2));
        renderer.setSeriesPaint(1, new Color(0xE0, 0x7B, 0x1A));
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        renderer.setDrawSeriesLineAsPath(false); // null values (unobserved days) break the line
        plot.setRenderer(renderer);
        if (referredOn != null) {
            ValueMarker marker = new ValueMarker(referredOn.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            marker.setPaint(new Color(0xB0, 0x00, 0x20));
            marker.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 6f}, 0f));
            marker.setLabel(labels.referral() + " " + referredOn);
            marker.setLabelFont(font.deriveFont(18f));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker);
            if (referredOn.isAfter(last)) {
                plot.getDomainAxis().setUpperBound(referredOn.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            }
        }
        BufferedImage image = chart.createBufferedImage(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
