package sparsedrl.agent.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import sparsedrl.agent.env.Environment;
import sparsedrl.agent.replay.ReplayBuffer;

/**
 * What a run needs from the machine, printed when it starts and checked before the replay buffer
 * is allocated: memory for the replay buffer and the network's host arrays; disk for
 * {@link CheckpointStore#KEEP} checkpoints plus the one being written (each holds the replay's
 * contents and every network array; metrics and environment states are small) and the final network.
 *
 * @param replayBytes  the replay buffer at full capacity
 * @param networkBytes every array of the network state (weights, targets, masks, Adam moments, gradients)
 */
public record RunNeeds(long replayBytes, long networkBytes) {
    /** Share of the JVM's heap limit a run may plan to fill; the rest is the JVM's own working room. */
    static final double HEAP_SHARE = 0.85;

    public static RunNeeds of(int replayCapacity, Environment.ObservationShape shape, long networkBytes) {
        return new RunNeeds(ReplayBuffer.bytesNeeded(replayCapacity, shape.frameSize()), networkBytes);
    }

    public long memoryBytes() {
        return replayBytes + networkBytes;
    }

    public long checkpointBytes() {
        return replayBytes + networkBytes;
    }

    /** Disk still to be found for the run in its folder, given the bytes its checkpoints already take there. */
    public long diskBytes(long existingCheckpointBytes) {
        return Math.max(0, (CheckpointStore.KEEP + 1) * checkpointBytes() + networkBytes - existingCheckpointBytes);
    }

    /** Refuses a run whose memory need exceeds this JVM's heap limit share or the machine's memory. */
    public void requireMemory(long maxHeap, long machineMemory) {
        if (memoryBytes() > machineMemory) {
            throw new InsufficientResourcesException(String.format(Locale.ROOT,
                    "this run needs %s of memory (replay buffer %s) but this machine has %s; lower --replay-capacity",
                    size(memoryBytes()), size(replayBytes), size(machineMemory)));
        }
        if (memoryBytes() > maxHeap * HEAP_SHARE) {
            throw new InsufficientResourcesException(String.format(Locale.ROOT,
                    "this run needs %s of memory (replay buffer %s) but this JVM may use only %s; give it more heap, "
                            + "e.g. SPARSEDRL_JAVA_OPTS=-Xmx%dg, or lower --replay-capacity",
                    size(memoryBytes()), size(replayBytes), size(maxHeap),
                    (long) Math.ceil(memoryBytes() / 1e9 / HEAP_SHARE) + 1));
        }
    }

    /** Refuses a run whose checkpoints cannot fit in the free space of {@code runDir}'s file system. */
    public void requireDisk(Path runDir, long existingCheckpointBytes, long usable) {
        long need = diskBytes(existingCheckpointBytes);
        if (need > usable) {
            throw new InsufficientResourcesException(String.format(Locale.ROOT,
                    "this run's checkpoints need up to %s of disk in %s (%d kept plus one being written, %s each) "
                            + "but its file system has %s free; free some space or lower --replay-capacity",
                    size(need), runDir, CheckpointStore.KEEP, size(checkpointBytes()), size(usable)));
        }
    }

    /** The line printed when a run starts. */
    public String describe(Path runDir, long existingCheckpointBytes, long maxHeap, long usable) {
        return String.format(Locale.ROOT, "sparsedrl: this run needs %s of memory (replay buffer %s; this JVM may use "
                        + "%s) and up to %s of disk for checkpoints in %s (%s free)",
                size(memoryBytes()), size(replayBytes), size(maxHeap), size(diskBytes(existingCheckpointBytes)),
                runDir, size(usable));
    }

    /** The machine's physical memory (the container's limit where one is set), or Long.MAX_VALUE when unknown. */
    public static long machineMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            return total > 0 ? total : Long.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    /** Free bytes for this process on the file system that holds (or will hold) {@code dir}. */
    public static long usableSpace(Path dir) throws IOException {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return Long.MAX_VALUE;
        }
        return Files.getFileStore(p).getUsableSpace();
    }

    /** Bytes for people: kB, MB or GB (powers of ten, as disks are sold). */
    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1e3));
    }
}
