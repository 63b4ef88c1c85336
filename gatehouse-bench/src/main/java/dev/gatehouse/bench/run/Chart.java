package dev.gatehouse.bench.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A PNG of calls per second: one block per load, one horizontal bar per target, each block scaled
 * to its own fastest target (the loads differ by orders of magnitude). Drawn with headless AWT.
 */
final class Chart {
  private static final int WIDTH = 900;
  private static final int BAR = 16;
  private static final int GAP = 14;
  private static final int LEFT = 260;
  private static final Color[] COLORS = {
    new Color(0x9e9e9e),
    new Color(0x43a047),
    new Color(0x1e88e5),
    new Color(0xfb8c00),
    new Color(0x8e24aa),
    new Color(0xe53935)
  };

  private Chart() {}

  static void write(List<Row> rows, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<Load, List<Row>> byLoad = new LinkedHashMap<>();
    List<String> targets = new ArrayList<>();
    for (Row row : rows) {
      byLoad.computeIfAbsent(row.load(), k -> new ArrayList<>()).add(row);
      if (!targets.contains(row.target())) {
        targets.add(row.target());
      }
    }
    int height = 60 + byLoad.values().stream().mapToInt(l -> l.size() * BAR + GAP + 18).sum();
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("Calls per second (median), each load scaled to its fastest target", 12, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int y = 50;
    for (Map.Entry<Load, List<Row>> entry : byLoad.entrySet()) {
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      g.drawString(entry.getKey().upstream() + " / " + entry.getKey().label(), 12, y + 12);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      y += 18;
      double max = entry.getValue().stream().mapToDouble(Row::callsPerSecond).max().orElse(1);
      for (Row row : entry.getValue()) {
        int width = (int) Math.round((WIDTH - LEFT - 120) * row.callsPerSecond() / max);
        g.setColor(COLORS[targets.indexOf(row.target()) % COLORS.length]);
        g.fillRect(LEFT, y, Math.max(1, width), BAR - 3);
        g.setColor(Color.DARK_GRAY);
        g.drawString(row.target(), 28, y + BAR - 5);
        g.drawString(
            String.format("%,.0f/s%s", row.callsPerSecond(), row.errors() > 0 ? " (errors)" : ""),
            LEFT + width + 6,
            y + BAR - 5);
        y += BAR;
      }
      g.setColor(new Color(0xdddddd));
      g.setStroke(new BasicStroke(1));
      g.drawLine(12, y + GAP / 2, WIDTH - 12, y + GAP / 2);
      y += GAP;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
