package sparsedrl.agent.env.minatar;

/** Renders a game's current state for assertions on the observation channels. */
final class Render {
    private Render() {
    }

    static Frame of(MinAtarGame game) {
        Frame frame = new Frame(game.channels());
        game.render(frame);
        return frame;
    }

    static int count(MinAtarGame game, int channel) {
        Frame frame = of(game);
        int n = 0;
        for (int row = 0; row < Frame.SIZE; row++) {
            for (int col = 0; col < Frame.SIZE; col++) {
                if (frame.get(row, col, channel)) {
                    n++;
                }
            }
        }
        return n;
    }

    static boolean at(MinAtarGame game, int row, int col, int channel) {
        return of(game).get(row, col, channel);
    }
}
