package sparsedrl.agent.dqn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import sparsedrl.tasks.net.LayerParams;
import sparsedrl.tasks.net.NetworkState;

/**
 * Saves and restores every array of a {@link NetworkState} (online and target parameters, masks,
 * Adam moments, last gradients) and the Adam step, so that training continues bit-identically.
 * Floats are written big-endian through a small reused buffer.
 */
public final class NetworkStateIO {
    private static final int FORMAT = 1;
    private static final int CHUNK = 1 << 14;

    private NetworkStateIO() {
    }

    public static void save(NetworkState s, DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeUTF(s.spec.name());
        out.writeInt(s.layers.size());
        out.writeLong(s.adamStep);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.BIG_ENDIAN);
        for (LayerParams p : s.layers) {
            out.writeUTF(p.spec.name());
            out.writeInt(p.weight.length);
            out.writeBoolean(p.bias != null);
            for (float[] a : arrays(p)) {
                if (a != null) {
                    writeFloats(out, a, buf);
                }
            }
        }
    }

    public static void load(NetworkState s, DataInputStream in) throws IOException {
        int format = in.readInt();
        String name = in.readUTF();
        int layers = in.readInt();
        if (format != FORMAT || !name.equals(s.spec.name()) || layers != s.layers.size()) {
            throw new IOException("checkpoint network '" + name + "' (" + layers + " layers) does not match this run's '"
                    + s.spec.name() + "' (" + s.layers.size() + " layers)");
        }
        s.adamStep = in.readLong();
        byte[] buf = new byte[CHUNK * 4];
        for (LayerParams p : s.layers) {
            String layer = in.readUTF();
            int n = in.readInt();
            boolean bias = in.readBoolean();
            if (!layer.equals(p.spec.name()) || n != p.weight.length || bias != (p.bias != null)) {
                throw new IOException("checkpoint layer " + layer + " (" + n + " weights, bias " + bias
                        + ") does not match this run's " + p.spec.name());
            }
            for (float[] a : arrays(p)) {
                if (a != null) {
                    readFloats(in, a, buf);
                }
            }
        }
    }

    /** Bytes of every array {@link #save} writes (its few header bytes aside): the network's share of a checkpoint. */
    public static long bytes(NetworkState s) {
        long floats = 0;
        for (LayerParams p : s.layers) {
            for (float[] a : arrays(p)) {
                floats += a == null ? 0 : a.length;
            }
        }
        return floats * Float.BYTES;
    }

    private static float[][] arrays(LayerParams p) {
        return new float[][] {p.weight, p.bias, p.targetWeight, p.targetBias, p.mask,
            p.weightM, p.weightV, p.biasM, p.biasV, p.weightGrad, p.biasGrad};
    }

    static void writeFloats(DataOutputStream out, float[] a, ByteBuffer buf) throws IOException {
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            buf.clear();
            buf.asFloatBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 4);
        }
    }

    static void readFloats(DataInputStream in, float[] a, byte[] buf) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            in.readFully(buf, 0, n * 4);
            bb.clear();
            bb.asFloatBuffer().get(a, i, n);
        }
    }
}
