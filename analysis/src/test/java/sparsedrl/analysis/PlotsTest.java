package sparsedrl.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @Test
    void learningCurveWritesAReadablePngAndAnSvg(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("run1/metrics.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, """
                iteration,frames,train_return,eval_return,steps_per_s,updates_per_s,loss,dormant_0.025
                0,1000,1.0,,10,2,0.5,0.1
                1,2000,2.0,3.0,10,2,0.4,0.2
                2,3000,2.5,4.0,10,2,0.3,0.25
                """);
        Plots.learningCurve(csv, dir.resolve("out/curve"));
        var img = ImageIO.read(dir.resolve("out/curve.png").toFile());
        assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
        String svg = Files.readString(dir.resolve("out/curve.svg"));
        assertTrue(svg.contains("<svg"), "SVG document expected");
        assertTrue(svg.contains("</svg>"));
    }

    @Test
    void emptyMetricsStillGiveAFigure(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("r/metrics.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "iteration,frames,train_return,eval_return\n");
        Plots.learningCurve(csv, dir.resolve("c"));
        assertTrue(Files.size(dir.resolve("c.png")) > 0);
    }
}
