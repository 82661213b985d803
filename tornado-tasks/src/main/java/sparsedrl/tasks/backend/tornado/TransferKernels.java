package sparsedrl.tasks.backend.tornado;

/**
 * Kernels that only exist so that a TaskGraph has a task touching some arrays: TornadoVM moves
 * data only for arrays a task uses, and decides the direction from how the task accesses them.
 * The push graph (host to device) and the pull graph (device to host) run these over all state
 * arrays. The guarded body never executes (array lengths are never negative) but makes every
 * argument read and written, so TornadoVM treats each one as READ_WRITE.
 */
final class TransferKernels {

    private TransferKernels() {
    }

    static void touch4(float[] a, float[] b, float[] c, float[] d) {
        if (a.length < 0) {
            float t = a[0];
            a[0] = b[0];
            b[0] = c[0];
            c[0] = d[0];
            d[0] = t;
        }
    }

    /** {@link #touch4} for index arrays. */
    static void touchInts4(int[] a, int[] b, int[] c, int[] d) {
        if (a.length < 0) {
            int t = a[0];
            a[0] = b[0];
            b[0] = c[0];
            c[0] = d[0];
            d[0] = t;
        }
    }
}
