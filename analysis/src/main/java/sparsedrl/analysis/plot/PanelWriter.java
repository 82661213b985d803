package sparsedrl.analysis.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import sparsedrl.analysis.AtomicFiles;

/**
 * Lays out one or more XChart charts as a grid of equal panels and writes the figure as
 * {@code base.png} and {@code base.svg} (XChart has no subplots; both encoders paint the same
 * charts into one canvas).
 */
public final class PanelWriter {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PanelWriter() {
    }

    /** Writes {@code charts} in a grid of {@code columns} panels per row; all charts share the first one's size. */
    public static void write(List<XYChart> charts, int columns, Path base) throws IOException {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("no charts to write for " + base);
        }
        int cols = Math.max(1, Math.min(columns, charts.size()));
        int rows = (charts.size() + cols - 1) / cols;
        int w = charts.get(0).getWidth();
        int h = charts.get(0).getHeight();
        Path dir = base.toAbsolutePath().getParent();
        String name = base.getFileName().toString();

        BufferedImage img = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paintGrid(g, charts, cols, w, h);
        g.dispose();
        AtomicFiles.write(dir.resolve(name + ".png"), out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });

        VectorGraphics2D vg = new VectorGraphics2D();
        paintGrid(vg, charts, cols, w, h);
        PageSize page = new PageSize(0, 0, cols * w, rows * h);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(vg.getCommands(), page).writeTo(svg);
        AtomicFiles.writeString(dir.resolve(name + ".svg"), roundDecimals(svg.toString(StandardCharsets.UTF_8)));
    }

    private static final Pattern LONG_DECIMAL = Pattern.compile("(\\d\\.\\d{2})\\d+");

    /**
     * Cuts every number in the SVG to two decimals (a hundredth of a pixel): XChart draws text as
     * glyph outlines and lines segment by segment, so full doubles make a figure several megabytes.
     */
    static String roundDecimals(String svg) {
        return LONG_DECIMAL.matcher(svg).replaceAll("$1");
    }

    private static void paintGrid(Graphics2D g, List<XYChart> charts, int cols, int w, int h) {
        int rows = (charts.size() + cols - 1) / cols;
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, cols * w, rows * h);
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create((i % cols) * w, (i / cols) * h, w, h);
            charts.get(i).paint(cell, w, h);
            cell.dispose();
        }
    }
}
