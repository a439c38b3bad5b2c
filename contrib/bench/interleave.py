#!/usr/bin/env python3
"""Time commands interleaved: each round runs every command once, in a
shuffled order, back to back (no gaps), and the medians per command are
printed. On a VM whose speed drifts within seconds, running one command N
times and then the next (hyperfine's order) measures the drift as much as
the commands; interleaving spreads it over all of them.

    interleave.py ROUNDS 'CMD ARGS...' 'CMD ARGS...' ...

Each command is split like a shell would (no shell runs it), spawned with
posix_spawnp, stdout to /dev/null, and waited for; three warm-up runs of
each come first. Run it as the user whose commands are timed (the rpod
benchmarks: the test user, `runuser -u USER -- env -i ... python3 ...`).
"""
import os
import random
import shlex
import statistics
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    cmds = sys.argv[2:]
    argvs = {c: shlex.split(c) for c in cmds}
    times = {c: [] for c in cmds}
    null = os.open("/dev/null", os.O_RDWR)

    def run(c):
        a = argvs[c]
        start = time.perf_counter()
        pid = os.posix_spawnp(a[0], a, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
        _, status = os.waitpid(pid, 0)
        took = time.perf_counter() - start
        if status != 0:
            sys.exit(f"{c!r} failed (wait status {status})")
        return took

    for c in cmds:
        for _ in range(3):
            run(c)
    for _ in range(rounds):
        order = cmds[:]
        random.shuffle(order)
        for c in order:
            times[c].append(run(c))
    for c in cmds:
        v = sorted(times[c])
        q = lambda p: v[int(p * (len(v) - 1))] * 1000
        print(f"{statistics.median(v) * 1000:8.2f} ms median {statistics.mean(v) * 1000:8.2f} mean  p25 {q(.25):7.2f}  p75 {q(.75):7.2f}  {c}")


if __name__ == "__main__":
    main()
