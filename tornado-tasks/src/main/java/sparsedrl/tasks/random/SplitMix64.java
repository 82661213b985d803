package sparsedrl.tasks.random;

/**
 * A small random generator whose whole state is one long, so that checkpoints can save and restore
 * it exactly (java.util.Random and SplittableRandom hide their state). SplitMix64 (Steele, Lea and
 * Flood 2014): the state advances by a fixed odd constant and each output is a mix of the state.
 * The one generator of the project: replay sampling, exploration, environments, sparse masks.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits (every value exactly representable as a float). */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound), unbiased (rejects the incomplete top range). */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
        long r;
        do {
            r = nextLong() >>> 1;
        } while (r >= limit);
        return r % bound;
    }

    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** A seed for an independent stream, derived from a run seed and a stream name. */
    public static long derive(long seed, String stream) {
        SplitMix64 m = new SplitMix64(seed ^ ((long) stream.hashCode() * GOLDEN_GAMMA));
        m.nextLong();
        return m.nextLong();
    }
}
