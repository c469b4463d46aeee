package org.tokenrefresh.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Timeline charts drawn with java.awt in headless mode: no charting dependency. */
final class Charts {

    static final Color GREEN = new Color(0x2e7d32);
    static final Color RED = new Color(0xc62828);
    static final Color BLUE = new Color(0x1565c0);
    static final Color ORANGE = new Color(0xef6c00);
    static final Color GREY = new Color(0x757575);
    static final Color PURPLE = new Color(0x6a1b9a);

    /** A line (cumulative step series) or bars (one value per bucket). */
    record Series(String label, Color color, double[] xs, double[] ys, boolean bars) {
    }

    /** An axis of a panel: its label and the largest value it shows (the y axis rounds it up). */
    record Axis(String label, double max) {
    }

    /** One chart panel: title, axes, series, an optional shaded x range and vertical markers. */
    static final class Panel {
        final String title;
        final Axis x;
        final Axis y;
        final List<Series> series = new ArrayList<>();
        double shadeFrom = Double.NaN;
        double shadeTo = Double.NaN;
        String shadeLabel;
        double[] markers = new double[0];
        String markerLabel;

        Panel(String title, Axis x, Axis y) {
            this.title = title;
            this.x = x;
            this.y = y;
        }

        Panel add(Series s) {
            series.add(s);
            return this;
        }

        Panel shade(double from, double to, String label) {
            shadeFrom = from;
            shadeTo = to;
            shadeLabel = label;
            return this;
        }

        Panel markers(double[] xs, String label) {
            markers = xs;
            markerLabel = label;
            return this;
        }
    }

    private Charts() {
    }

    /** Draws panels in a grid of {@code columns} and writes a PNG. */
    static void write(Path file, String heading, int columns, List<Panel> panels) throws IOException {
        int panelWidth = 640;
        int panelHeight = 400;
        int rows = (panels.size() + columns - 1) / columns;
        int top = 40;
        BufferedImage image = new BufferedImage(columns * panelWidth, top + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(heading, 16, 26);
        for (int i = 0; i < panels.size(); i++) {
            draw(g, panels.get(i), (i % columns) * panelWidth, top + (i / columns) * panelHeight, panelWidth, panelHeight);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Panel p, int ox, int oy, int w, int h) {
        int left = ox + 64;
        int right = ox + w - 20;
        int topY = oy + 34;
        int bottom = oy + h - 54;
        double yMax = niceCeiling(p.y.max());
        double xMax = p.x.max();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(p.title, left, oy + 20);
        // shaded range
        if (!Double.isNaN(p.shadeFrom)) {
            int x1 = sx(p.shadeFrom, xMax, left, right);
            int x2 = sx(Math.min(p.shadeTo, xMax), xMax, left, right);
            g.setColor(new Color(0xffebee));
            g.fillRect(x1, topY, x2 - x1, bottom - topY);
            g.setColor(RED);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(p.shadeLabel, x1 + 4, topY + 12);
        }
        // grid and ticks
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            int y = sy(v, yMax, topY, bottom);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            String label = label(v);
            g.drawString(label, left - 6 - fm.stringWidth(label), y + 4);
        }
        double xStep = niceCeiling(xMax / 8);
        for (double v = 0; v <= xMax + 1e-9; v += xStep) {
            int x = sx(v, xMax, left, right);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x, bottom, x, bottom + 4);
            String label = label(v);
            g.drawString(label, x - fm.stringWidth(label) / 2, bottom + 16);
        }
        // markers
        if (p.markers.length > 0) {
            g.setColor(PURPLE);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            for (double m : p.markers) {
                int x = sx(m, xMax, left, right);
                g.drawLine(x, topY, x, bottom);
            }
            g.setStroke(new BasicStroke(1f));
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, topY, left, bottom);
        g.drawString(p.x.label(), (left + right) / 2 - fm.stringWidth(p.x.label()) / 2, bottom + 32);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(p.y.label(), -(topY + bottom) / 2 - fm.stringWidth(p.y.label()) / 2, ox + 14);
        rotated.dispose();
        // series
        int barSeries = (int) p.series.stream().filter(Series::bars).count();
        int barIndex = 0;
        for (Series s : p.series) {
            g.setColor(s.color());
            if (s.bars()) {
                double bucket = s.xs().length > 1 ? s.xs()[1] - s.xs()[0] : 1;
                int full = Math.max(1, sx(bucket, xMax, left, right) - left);
                int bw = Math.max(1, (full - 2) / Math.max(1, barSeries));
                for (int i = 0; i < s.xs().length; i++) {
                    if (s.ys()[i] <= 0) {
                        continue;
                    }
                    int x = sx(s.xs()[i], xMax, left, right) + 1 + barIndex * bw;
                    int y = sy(s.ys()[i], yMax, topY, bottom);
                    g.fillRect(x, y, bw, bottom - y);
                }
                barIndex++;
            } else {
                g.setStroke(new BasicStroke(2.2f));
                Path2D path = new Path2D.Double();
                path.moveTo(sx(0, xMax, left, right), sy(0, yMax, topY, bottom));
                double lastY = 0;
                for (int i = 0; i < s.xs().length; i++) {
                    int x = sx(s.xs()[i], xMax, left, right);
                    path.lineTo(x, sy(lastY, yMax, topY, bottom));
                    path.lineTo(x, sy(s.ys()[i], yMax, topY, bottom));
                    lastY = s.ys()[i];
                }
                path.lineTo(right, sy(lastY, yMax, topY, bottom));
                g.draw(path);
                g.setStroke(new BasicStroke(1f));
            }
        }
        // legend
        int ly = topY + 24;
        int lx = right - 230;
        for (Series s : p.series) {
            g.setColor(s.color());
            g.fillRect(lx, ly - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), lx + 20, ly);
            ly += 16;
        }
        if (p.markers.length > 0) {
            g.setColor(PURPLE);
            g.drawLine(lx, ly - 4, lx + 14, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(p.markerLabel, lx + 20, ly);
        }
    }

    private static int sx(double v, double max, int left, int right) {
        return left + (int) Math.round((right - left) * (max <= 0 ? 0 : v / max));
    }

    private static int sy(double v, double max, int top, int bottom) {
        return bottom - (int) Math.round((bottom - top) * (max <= 0 ? 0 : Math.min(v, max) / max));
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A cumulative step series from event times. */
    static Series cumulative(String label, Color color, double[] times) {
        double[] xs = times.clone();
        java.util.Arrays.sort(xs);
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = i + 1;
        }
        return new Series(label, color, xs, ys, false);
    }

    /** Counts of event times per bucket, as bars. */
    static Series perBucket(String label, Color color, double[] times, double bucket, double xMax) {
        int n = (int) Math.ceil(xMax / bucket);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i * bucket;
        }
        for (double t : times) {
            int i = (int) (t / bucket);
            if (i >= 0 && i < n) {
                ys[i]++;
            }
        }
        return new Series(label, color, xs, ys, true);
    }
}
