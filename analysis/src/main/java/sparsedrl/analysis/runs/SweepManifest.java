package sparsedrl.analysis.runs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sparsedrl.analysis.AtomicFiles;

/**
 * {@code SWEEP_DIR/sweep.json}: the expanded grid of a sweep. Written by {@code sparsedrl sweep},
 * read by the Slurm array tasks and by {@code sparsedrl analyze}.
 *
 * @param name  the sweep's name (spec file name or preset)
 * @param scale the factor applied to frames
 * @param runs  every run, {@code runs.get(i).index() == i}
 */
public record SweepManifest(String name, double scale, List<RunEntry> runs) {

    public static final String FILE = "sweep.json";
    public static final String RUNS_DIR = "runs";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SweepManifest {
        runs = List.copyOf(runs);
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).index() != i) {
                throw new IllegalArgumentException("run " + i + " has index " + runs.get(i).index());
            }
        }
    }

    public static Path file(Path sweepDir) {
        return sweepDir.resolve(FILE);
    }

    public static Path runDir(Path sweepDir, RunEntry run) {
        return sweepDir.resolve(RUNS_DIR).resolve(run.id());
    }

    public static boolean exists(Path sweepDir) {
        return Files.isRegularFile(file(sweepDir));
    }

    public static SweepManifest read(Path sweepDir) throws IOException {
        Path f = file(sweepDir);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no " + FILE + " in " + sweepDir + " (is it a sweep directory?)");
        }
        return JSON.readValue(f.toFile(), SweepManifest.class);
    }

    public void write(Path sweepDir) throws IOException {
        AtomicFiles.write(file(sweepDir), out -> JSON.writeValue(out, this));
    }

    /** Same grid, ignoring the name (used to refuse mixing two different grids in one directory). */
    public boolean sameRuns(SweepManifest other) {
        return runs.equals(other.runs);
    }
}
