#!/usr/bin/env python3
"""Split one `rpod run --rm ... true` into phases from a perf trace.

Record (as root; the command runs as the test user, see README.md):

    EV=sched:sched_process_exec,sched:sched_process_fork,sched:sched_process_exit
    EV=$EV,sched:sched_process_free
    for s in openat mkdir fsync rename flock mount pivot_root unshare clone \
             clone3 wait4 exit_group connect unlinkat rmdir umount getdents64 \
             execve statx socketpair kill; do
        EV=$EV,syscalls:sys_enter_$s; done
    for s in fsync wait4 execve clone3 clone; do EV=$EV,syscalls:sys_exit_$s; done
    perf record -q -o run-N.data -e "$EV" -- runuser -u USER -- env ... \
        rpod --root ... run --rm --network=none REG/busybox true
    perf script -i run-N.data -F comm,pid,tid,time,event,trace > run-N.txt

then `contrib/bench/phases.py run-*.txt` prints a Markdown table with one
column per run and the median.  Phase boundaries are process and syscall
events (exec of the rpod client, its first statx and flock, the monitor's
fork, its clone with CLONE_NEWUSER|..., the newuidmap/newgidmap children,
the container's mounts and exec, the monitor's wait4 for it, the `rpod rm`
child it spawns for --rm, and the exits), so they do not depend on rpod's
log output.  perf itself makes the whole run about 40% slower.
"""
import re
import statistics
import sys


def parse(path):
    ev = []
    for line in open(path):
        m = re.match(r'\s*(\S+)\s+(\d+)/(\d+)\s+([\d.]+):\s+(\S+):\s*(.*)', line)
        if m:
            comm, pid, _tid, t, e, args = m.groups()
            ev.append((float(t) * 1000, comm, int(pid), e, args))
    return ev


def phases(ev):
    t0 = ev[0][0]

    def first(pred, after=-1.0):
        for x in ev:
            if x[0] > after and pred(x):
                return x
        raise KeyError('event not found')

    def last(pred):
        r = None
        for x in ev:
            if pred(x):
                r = x
        return r

    def is_(pid, name):
        return lambda x: x[2] == pid and x[3] == name

    def child(x):
        return int(re.search(r'child_pid=(\d+)', x[4]).group(1))

    cl = first(lambda x: x[3] == 'sched:sched_process_exec' and x[1] == 'rpod')
    cpid = cl[2]
    store = first(is_(cpid, 'syscalls:sys_enter_statx'), cl[0])
    lock = first(is_(cpid, 'syscalls:sys_enter_flock'), cl[0])
    monfork = first(is_(cpid, 'sched:sched_process_fork'), cl[0])
    mpid = child(monfork)
    nsclone = first(lambda x: x[2] == mpid and x[3] == 'syscalls:sys_enter_clone'
                    and 'clone_flags: 0x7e' in x[4])
    ctr = child(first(is_(mpid, 'sched:sched_process_fork'), nsclone[0]))
    uid_s = first(is_(mpid, 'syscalls:sys_enter_clone3'), nsclone[0])
    uid_e = first(is_(mpid, 'syscalls:sys_exit_wait4'), uid_s[0])
    gid_e = first(is_(mpid, 'syscalls:sys_exit_wait4'), uid_e[0])
    mounts_end = last(is_(ctr, 'syscalls:sys_enter_mount'))
    texec = first(is_(ctr, 'sched:sched_process_exec'))
    texit = first(is_(ctr, 'sched:sched_process_exit'))
    reap = first(lambda x: x[2] == mpid and x[3] == 'syscalls:sys_exit_wait4'
                 and int(x[4], 16) == ctr)
    rmpid = child(first(is_(mpid, 'sched:sched_process_fork'), reap[0]))
    rmexec = first(is_(rmpid, 'sched:sched_process_exec'))
    unsh = first(is_(rmpid, 'syscalls:sys_enter_unshare'))
    rmwait = first(is_(rmpid, 'syscalls:sys_exit_wait4'), unsh[0])
    rmexit = first(is_(rmpid, 'sched:sched_process_exit'))
    end = last(lambda x: x[3] == 'sched:sched_process_exit')
    table = [
        ('runuser + env (wrapper)', t0, cl[0]),
        ('rpod CLI start (exec to first store access)', cl[0], store[0]),
        ('store open, image lookup, user/spec build', store[0], lock[0]),
        ('container record: mkdirs, 3 atomic JSON writes (6 fsync)', lock[0], monfork[0]),
        ('monitor spawn: fork+exec `rpod container-monitor`, its setup', monfork[0], nsclone[0]),
        ('clone() into new user, mount, pid, net, ipc, uts, cgroup namespaces', nsclone[0], uid_s[0]),
        ('newuidmap + newgidmap', uid_s[0], gid_e[0]),
        ('overlay + /proc, /dev, /sys mounts, pivot_root, masked paths', gid_e[0], mounts_end[0]),
        ('last mount to exec of `true` (caps, seccomp, execvp)', mounts_end[0], texec[0]),
        ('`true` runs', texec[0], texit[0]),
        ('exit to reap (monitor is writing the "running" state)', texit[0], reap[0]),
        ('monitor: exit state write, spawn `rpod rm -f`', reap[0], rmexec[0]),
        ('rm: CLI start + unshare(CLONE_NEWUSER)', rmexec[0], unsh[0]),
        ('rm: newuidmap + newgidmap', unsh[0], rmwait[0]),
        ('rm: delete the container, exit', rmwait[0], rmexit[0]),
        ('monitor exit, client 5 ms poll loop sees removal, exits', rmexit[0], end[0]),
        ('total (under perf)', t0, end[0]),
    ]
    return [(name, b - a) for name, a, b in table]


def main(paths):
    if not paths:
        sys.exit(__doc__)
    runs = [phases(parse(p)) for p in paths]
    print('| phase | ' + ' | '.join('#%d' % (i + 1) for i in range(len(runs))) + ' | median ms |')
    print('|---' * (len(runs) + 2) + '|')
    for i, (name, _) in enumerate(runs[0]):
        vals = [r[i][1] for r in runs]
        print('| %s | %s | %.1f |' % (name, ' | '.join('%.1f' % v for v in vals),
                                       statistics.median(vals)))


if __name__ == '__main__':
    main(sys.argv[1:])
