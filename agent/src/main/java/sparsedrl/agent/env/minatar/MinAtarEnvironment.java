package sparsedrl.agent.env.minatar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import sparsedrl.agent.env.EnvConfig;
import sparsedrl.agent.env.Environment;
import sparsedrl.tasks.random.SplitMix64;

/**
 * One of the five MinAtar games as an {@link Environment}: sticky actions (the previous action
 * repeats with the configured probability, drawn every step from the game's own stream, as in
 * MinAtar), an optional episode cap, a 10x10xC observation of 0/1 bytes (stack 1), and
 * save/restore of everything including the random stream. The sticky-action memory starts at
 * no-op in every episode.
 */
public final class MinAtarEnvironment implements Environment {
    /** Game names in the order of the MinAtar paper. */
    public static final List<String> GAMES = List.of("asterix", "breakout", "freeway", "seaquest", "spaceinvaders");

    private static final int STATE_MAGIC = 0x4D696E41; // "MinA"
    private static final int STATE_FORMAT = 1;

    private final SplitMix64 rng = new SplitMix64(0);
    private final MinAtarGame game;
    private final Frame frame;
    private final ObservationShape shape;
    private final double stickyProbability;
    /** Episode cap in agent steps, 0 = none. */
    private final int maxEpisodeSteps;
    private int lastAction;
    private int episodeSteps;
    private boolean started;
    private boolean done;

    private MinAtarEnvironment(String name, boolean ramping, double stickyProbability, int maxEpisodeSteps) {
        this.game = newGame(name, rng, ramping);
        this.frame = new Frame(game.channels());
        this.shape = new ObservationShape(Frame.SIZE, Frame.SIZE, game.channels(), 1);
        this.stickyProbability = stickyProbability;
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /**
     * @param game one of {@link #GAMES}, case-insensitive
     * @throws IllegalArgumentException for an unknown game
     */
    public static MinAtarEnvironment create(String game, EnvConfig config) {
        Integer cap = config.maxEpisodeStepsOr(null);
        return new MinAtarEnvironment(game, config.difficultyRamping(),
                config.stickyActionProbabilityOr(EnvConfig.MINATAR_STICKY_ACTIONS), cap == null ? 0 : cap);
    }

    private static MinAtarGame newGame(String name, SplitMix64 rng, boolean ramping) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "asterix" -> new AsterixGame(rng, ramping);
            case "breakout" -> new BreakoutGame(rng, ramping);
            case "freeway" -> new FreewayGame(rng, ramping);
            case "seaquest" -> new SeaquestGame(rng, ramping);
            case "spaceinvaders" -> new SpaceInvadersGame(rng, ramping);
            default -> throw new IllegalArgumentException(
                    "unknown MinAtar game '" + name + "'; valid: " + String.join(", ", GAMES));
        };
    }

    @Override
    public String id() {
        return "minatar:" + game.name();
    }

    @Override
    public int actionCount() {
        return Action.COUNT;
    }

    @Override
    public ObservationShape shape() {
        return shape;
    }

    @Override
    public void reset(long seed) {
        rng.setState(seed);
        reset();
    }

    @Override
    public void reset() {
        game.reset();
        lastAction = Action.NOOP;
        episodeSteps = 0;
        started = true;
        done = false;
        render();
    }

    @Override
    public byte[] observation() {
        requireStarted();
        return frame.data();
    }

    @Override
    public Step step(int action) {
        if (action < 0 || action >= Action.COUNT) {
            throw new IllegalArgumentException("action must be in [0, " + Action.COUNT + "): " + action);
        }
        requireStarted();
        if (done) {
            throw new IllegalStateException("the episode is over; call reset() first");
        }
        // The draw happens even at probability 0, so that the stream does not depend on the setting's value.
        if (rng.nextDouble() < stickyProbability) {
            action = lastAction;
        }
        lastAction = action;
        int reward = game.act(action);
        episodeSteps++;
        boolean terminal = game.terminal();
        boolean truncated = !terminal && maxEpisodeSteps > 0 && episodeSteps >= maxEpisodeSteps;
        done = terminal || truncated;
        render();
        return new Step(reward, terminal, truncated);
    }

    private void render() {
        frame.clear();
        game.render(frame);
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("call reset(seed) before using " + id());
        }
    }

    /** Agent steps taken in the current episode. */
    public int episodeSteps() {
        return episodeSteps;
    }

    @Override
    public byte[] saveState() {
        requireStarted();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_MAGIC);
            out.writeInt(STATE_FORMAT);
            out.writeUTF(game.name());
            out.writeLong(rng.state());
            out.writeInt(lastAction);
            out.writeInt(episodeSteps);
            out.writeBoolean(done);
            game.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != STATE_MAGIC || in.readInt() != STATE_FORMAT) {
                throw new IllegalArgumentException("not a saved MinAtar state (format " + STATE_FORMAT + ")");
            }
            String name = in.readUTF();
            if (!name.equals(game.name())) {
                throw new IllegalArgumentException("saved state is for minatar:" + name + ", not " + id());
            }
            rng.setState(in.readLong());
            lastAction = in.readInt();
            episodeSteps = in.readInt();
            done = in.readBoolean();
            game.readState(in);
            if (in.read() != -1) {
                throw new IllegalArgumentException("saved state for " + id() + " has trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("saved state for " + id() + " is truncated or corrupt", e);
        }
        started = true;
        render();
    }

    @Override
    public void close() {
        // Nothing native to release.
    }

    /** The rules object, for tests that build situations by hand. */
    MinAtarGame game() {
        return game;
    }
}
