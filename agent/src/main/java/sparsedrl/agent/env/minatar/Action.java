package sparsedrl.agent.env.minatar;

/** The six MinAtar actions, in MinAtar's order (its action map 'n','l','u','r','d','f'). */
final class Action {
    static final int NOOP = 0;
    static final int LEFT = 1;
    static final int UP = 2;
    static final int RIGHT = 3;
    static final int DOWN = 4;
    static final int FIRE = 5;
    static final int COUNT = 6;

    private Action() {
    }
}
