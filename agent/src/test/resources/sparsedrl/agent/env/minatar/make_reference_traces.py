#!/usr/bin/env python3
"""Writes reference-traces.txt: trajectories of kenjyoung/MinAtar's own Python games, driven by the
same random generator as our Java games (SplitMix64, identical draw order and bounded-draw
rule), so that MinAtarReferenceTraceTest can compare our rules step by step with the original.

Usage: python3 make_reference_traces.py <path to a MinAtar checkout> > reference-traces.txt
Needs numpy. The MinAtar modules are imported from the checkout, not copied.

Trace format: one header line per episode "episode <game> <seed> <steps>", then one line per
step "<action> <reward> <terminal 0/1> <crc32 of the 10x10xC uint8 observation, HWC>".
"""
import importlib.util
import random
import sys
import zlib

import numpy as np

MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
GAMES = ["asterix", "breakout", "freeway", "seaquest", "space_invaders"]
STICKY = 0.1
EPISODES_PER_GAME = 12
# Freeway's own time limit (2,500 frames) is not reached, so the one-frame difference in how
# the limit is counted stays out of these traces; it has its own test.
MAX_STEPS = 2000


class SplitMix64:
    """numpy.random.RandomState's rand/randint, answered by SplitMix64 as our Java code draws."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + GOLDEN_GAMMA) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def _double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def _below(self, bound):
        limit = (2 ** 63 - 1) - (2 ** 63 - 1) % bound
        while True:
            r = self.next_long() >> 1
            if r < limit:
                return r % bound

    def rand(self, size=None):
        if size is None:
            return self._double()
        return np.array([self._double() for _ in range(size)])

    def randint(self, low, high=None, size=None):
        if high is None:
            low, high = 0, low
        if size is None:
            return low + self._below(high - low)
        return np.array([low + self._below(high - low) for _ in range(size)])


def guided_action(game, env, policy):
    """Half the time a simple scripted move, so that episodes last long enough to reach the
    rarer rules (wall refills, surfacing, waves); otherwise a uniform random action."""
    if game == "breakout":
        if policy.random() < 0.1:
            return policy.randrange(6)
        down = env.ball_dir in (2, 3)
        dx = 1 if env.ball_dir in (1, 2) else -1
        target = env.ball_x + dx * (8 - env.ball_y) if down else env.ball_x
        target = min(9, max(0, target))
        return 1 if env.pos > target else 3 if env.pos < target else 0
    if game == "seaquest":
        action = policy.randrange(6) if policy.random() < 0.3 else \
            2 if env.oxygen < 50 and env.diver_count > 0 else \
            4 if env.sub_y == 0 else policy.choice([5, 5, 1, 3, 2, 4])
        # Surfacing without a diver ends the game at once: avoid it so that episodes last.
        if action == 2 and env.sub_y == 1 and env.diver_count == 0:
            action = 4
        return action
    if policy.random() < 0.5:
        return policy.randrange(6)
    if game == "space_invaders":
        if env.e_bullet_map[7:9, env.pos].any():
            return policy.choice([1, 3])
        return 5
    return policy.randrange(6)


def load_game(checkout, name):
    spec = importlib.util.spec_from_file_location(
        "minatar_" + name, f"{checkout}/minatar/environments/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Env(ramping=True)


def main():
    checkout = sys.argv[1]
    out = sys.stdout
    for game in GAMES:
        for episode in range(3 if game == "freeway" else EPISODES_PER_GAME):
            seed = 1000 * (GAMES.index(game) + 1) + episode
            policy = random.Random(seed)
            env = load_game(checkout, game)
            rng = SplitMix64(seed)
            env.random = rng
            env.reset()
            last_action = 0
            lines = []
            for _ in range(MAX_STEPS):
                chosen = guided_action(game, env, policy)
                action = last_action if rng.rand() < STICKY else chosen
                last_action = action
                reward, terminal = env.act(action)
                obs = env.state().astype(np.uint8).tobytes()
                lines.append(f"{chosen} {int(reward)} {int(terminal)} {zlib.crc32(obs)}")
                if terminal:
                    break
            out.write(f"episode {game.replace('_', '')} {seed} {len(lines)}\n")
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
