//! rpod's default seccomp policy, as data compiled into the binary (no
//! profile file is read at run time).
//!
//! It is at least as strict as containers/common's default profile (Debian's
//! golang-github-containers-common, /usr/share/containers/seccomp.json) on
//! x86_64 for every capability set: `seccomp::tests` compiles it and checks
//! every syscall of the table, with argument values around every constant of
//! both profiles, against that file. Where the file is looser, rpod follows
//! Docker's default instead:
//! - creating namespaces (clone/unshare namespace flags, clone3, setns) and
//!   every mount call need CAP_SYS_ADMIN, so a container cannot give itself a
//!   fresh user namespace full of capabilities;
//! - syslog needs CAP_SYSLOG (the host's kernel log), reboot CAP_SYS_BOOT,
//!   pidfd_getfd CAP_SYS_PTRACE (like kcmp and process_madvise);
//! - the keyring calls are unavailable (add_key and request_key already are).
//!
//! Every syscall of `syscalls_x86_64::SYSCALLS` is in exactly one list below
//! (a test checks it); one added to the table later fails with ENOSYS, the
//! default, until someone places it.

use serde_json::{json, Value};

use super::seccomp::{EINVAL, ENOSYS, EPERM};

/// Allowed for every container (and for every argument).
pub(super) const ALLOWED: &[&str] = &[
    "accept",
    "accept4",
    "access",
    "adjtimex",
    "alarm",
    "arch_prctl",
    "bind",
    "brk",
    "capget",
    "capset",
    "chdir",
    "chmod",
    "chown",
    "clock_adjtime",
    "clock_getres",
    "clock_gettime",
    "clock_nanosleep",
    "close",
    "close_range",
    "connect",
    "copy_file_range",
    "creat",
    "dup",
    "dup2",
    "dup3",
    "epoll_create",
    "epoll_create1",
    "epoll_ctl",
    "epoll_ctl_old",
    "epoll_pwait",
    "epoll_pwait2",
    "epoll_wait",
    "epoll_wait_old",
    "eventfd",
    "eventfd2",
    "execve",
    "execveat",
    "exit",
    "exit_group",
    "faccessat",
    "faccessat2",
    "fadvise64",
    "fallocate",
    "fanotify_mark",
    "fchdir",
    "fchmod",
    "fchmodat",
    "fchown",
    "fchownat",
    "fcntl",
    "fdatasync",
    "fgetxattr",
    "flistxattr",
    "flock",
    "fork",
    "fremovexattr",
    "fsetxattr",
    "fstat",
    "fstatfs",
    "fsync",
    "ftruncate",
    "futex",
    "futimesat",
    "get_mempolicy",
    "get_robust_list",
    "get_thread_area",
    "getcpu",
    "getcwd",
    "getdents",
    "getdents64",
    "getegid",
    "geteuid",
    "getgid",
    "getgroups",
    "getitimer",
    "getpeername",
    "getpgid",
    "getpgrp",
    "getpid",
    "getppid",
    "getpriority",
    "getrandom",
    "getresgid",
    "getresuid",
    "getrlimit",
    "getrusage",
    "getsid",
    "getsockname",
    "getsockopt",
    "gettid",
    "gettimeofday",
    "getuid",
    "getxattr",
    "inotify_add_watch",
    "inotify_init",
    "inotify_init1",
    "inotify_rm_watch",
    "io_cancel",
    "io_destroy",
    "io_getevents",
    "io_setup",
    "io_submit",
    "ioctl",
    "ioprio_get",
    "ioprio_set",
    "kill",
    "landlock_add_rule",
    "landlock_create_ruleset",
    "landlock_restrict_self",
    "lchown",
    "lgetxattr",
    "link",
    "linkat",
    "listen",
    "listxattr",
    "llistxattr",
    "lremovexattr",
    "lseek",
    "lsetxattr",
    "lstat",
    "madvise",
    "mbind",
    "membarrier",
    "memfd_create",
    "memfd_secret",
    "mincore",
    "mkdir",
    "mkdirat",
    "mknod",
    "mknodat",
    "mlock",
    "mlock2",
    "mlockall",
    "mmap",
    "modify_ldt",
    "mprotect",
    "mq_getsetattr",
    "mq_notify",
    "mq_open",
    "mq_timedreceive",
    "mq_timedsend",
    "mq_unlink",
    "mremap",
    "msgctl",
    "msgget",
    "msgrcv",
    "msgsnd",
    "msync",
    "munlock",
    "munlockall",
    "munmap",
    "name_to_handle_at",
    "nanosleep",
    "newfstatat",
    "open",
    "openat",
    "openat2",
    "pause",
    "pidfd_open",
    "pidfd_send_signal",
    "pipe",
    "pipe2",
    "pkey_alloc",
    "pkey_free",
    "pkey_mprotect",
    "poll",
    "ppoll",
    "prctl",
    "pread64",
    "preadv",
    "preadv2",
    "prlimit64",
    "process_mrelease",
    "process_vm_readv",
    "process_vm_writev",
    "pselect6",
    "ptrace",
    "pwrite64",
    "pwritev",
    "pwritev2",
    "read",
    "readahead",
    "readlink",
    "readlinkat",
    "readv",
    "recvfrom",
    "recvmmsg",
    "recvmsg",
    "remap_file_pages",
    "removexattr",
    "rename",
    "renameat",
    "renameat2",
    "restart_syscall",
    "rmdir",
    "rseq",
    "rt_sigaction",
    "rt_sigpending",
    "rt_sigprocmask",
    "rt_sigqueueinfo",
    "rt_sigreturn",
    "rt_sigsuspend",
    "rt_sigtimedwait",
    "rt_tgsigqueueinfo",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_getaffinity",
    "sched_getattr",
    "sched_getparam",
    "sched_getscheduler",
    "sched_rr_get_interval",
    "sched_setaffinity",
    "sched_setattr",
    "sched_setparam",
    "sched_setscheduler",
    "sched_yield",
    "seccomp",
    "select",
    "semctl",
    "semget",
    "semop",
    "semtimedop",
    "sendfile",
    "sendmmsg",
    "sendmsg",
    "sendto",
    "set_mempolicy",
    "set_robust_list",
    "set_thread_area",
    "set_tid_address",
    "setfsgid",
    "setfsuid",
    "setgid",
    "setgroups",
    "setitimer",
    "setpgid",
    "setpriority",
    "setregid",
    "setresgid",
    "setresuid",
    "setreuid",
    "setrlimit",
    "setsid",
    "setsockopt",
    "setuid",
    "setxattr",
    "shmat",
    "shmctl",
    "shmdt",
    "shmget",
    "shutdown",
    "sigaltstack",
    "signalfd",
    "signalfd4",
    "socketpair",
    "splice",
    "stat",
    "statfs",
    "statx",
    "symlink",
    "symlinkat",
    "sync",
    "sync_file_range",
    "syncfs",
    "sysinfo",
    "tee",
    "tgkill",
    "time",
    "timer_create",
    "timer_delete",
    "timer_getoverrun",
    "timer_gettime",
    "timer_settime",
    "timerfd_create",
    "timerfd_gettime",
    "timerfd_settime",
    "times",
    "tkill",
    "truncate",
    "umask",
    "uname",
    "unlink",
    "unlinkat",
    "utime",
    "utimensat",
    "utimes",
    "vfork",
    "wait4",
    "waitid",
    "write",
    "writev",
];

/// Allowed only when the container holds the capability, EPERM otherwise.
pub(super) const BY_CAPABILITY: &[(&str, &[&str])] = &[
    ("CAP_DAC_READ_SEARCH", &["open_by_handle_at"]),
    (
        "CAP_SYS_ADMIN",
        &[
            "bpf",
            "fanotify_init",
            "lookup_dcookie",
            "perf_event_open",
            "quotactl",
            "setdomainname",
            "sethostname",
            "setns",
            "mount",
            "umount2",
            "pivot_root",
            "fsopen",
            "fsconfig",
            "fsmount",
            "fspick",
            "move_mount",
            "open_tree",
            "mount_setattr",
        ],
    ),
    ("CAP_SYS_BOOT", &["reboot"]),
    ("CAP_SYS_CHROOT", &["chroot"]),
    ("CAP_SYS_MODULE", &["init_module", "finit_module", "delete_module", "query_module"]),
    ("CAP_SYS_PACCT", &["acct"]),
    ("CAP_SYS_PTRACE", &["kcmp", "process_madvise", "pidfd_getfd"]),
    ("CAP_SYS_RAWIO", &["ioperm", "iopl"]),
    ("CAP_SYS_TIME", &["clock_settime", "settimeofday"]),
    ("CAP_SYS_TTY_CONFIG", &["vhangup"]),
    ("CAP_SYSLOG", &["syslog"]),
];

/// Denied with EPERM whatever the capabilities (containers/common's deny set).
pub(super) const DENIED: &[&str] = &[
    "io_pgetevents",
    "kexec_file_load",
    "kexec_load",
    "migrate_pages",
    "move_pages",
    "nfsservctl",
    "swapoff",
    "swapon",
    "sysfs",
    "uselib",
    "userfaultfd",
    "ustat",
    "vmsplice",
];

/// Fail with ENOSYS, as on a kernel without them, so that programs fall back
/// (io_uring to epoll, the keyring to nothing). Most are ENOSYS in
/// containers/common's profile too (by its default action).
pub(super) const UNAVAILABLE: &[&str] = &[
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "add_key",
    "request_key",
    "keyctl",
    "quotactl_fd",
    "futex_waitv",
    "set_mempolicy_home_node",
    "_sysctl",
    "create_module",
    "get_kernel_syms",
    "getpmsg",
    "putpmsg",
    "afs_syscall",
    "tuxcall",
    "security",
    "vserver",
];

/// Decided by the argument rules of `profile` (and CAP_SYS_ADMIN,
/// CAP_AUDIT_WRITE); listed for the test that every syscall has a place.
#[cfg(test)]
pub(super) const BY_ARGUMENT: &[&str] = &["clone", "clone3", "unshare", "personality", "socket"];

/// The flags of clone and unshare that create a namespace: CLONE_NEWNS,
/// NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. Each is a rule of its
/// own (EPERM when set) so that the profile stays plain OCI, one comparison per
/// argument.
const CLONE_NEW: &[u64] = &[0x0002_0000, 0x0200_0000, 0x0400_0000, 0x0800_0000, 0x1000_0000, 0x2000_0000, 0x4000_0000];
/// CLONE_NEWTIME: only unshare takes it (in clone's flags the bit is part of
/// the exit signal).
const CLONE_NEWTIME: u64 = 0x80;

/// The personalities containers/common allows: PER_LINUX, PER_LINUX32,
/// UNAME26, PER_LINUX32|UNAME26 and 0xffffffff (query). Others fail with
/// ENOSYS, as there.
const PERSONALITIES: &[u64] = &[0, 8, 0x20000, 0x20008, 0xffff_ffff];

const AF_NETLINK: u64 = 16;
const NETLINK_AUDIT: u64 = 9;

/// The default profile, in OCI `linux.seccomp` form, for a container whose
/// capability bounding set is `caps` (names like "CAP_SYS_ADMIN").
pub(super) fn profile(caps: &[String]) -> Value {
    let has = |c: &str| caps.iter().any(|x| x == c);
    let mut allow: Vec<&str> = ALLOWED.to_vec();
    let mut deny: Vec<&str> = DENIED.to_vec();
    for (cap, names) in BY_CAPABILITY {
        if has(cap) {
            allow.extend_from_slice(names)
        } else {
            deny.extend_from_slice(names)
        }
    }
    let errno = |names: &[&str], errno: u32, args: Value| json!({"names": names, "action": "SCMP_ACT_ERRNO", "errnoRet": errno, "args": args});
    let masked = |index: u32, mask: u64, value: u64| json!({"index": index, "value": mask, "valueTwo": value, "op": "SCMP_CMP_MASKED_EQ"});
    let mut rules = vec![errno(&deny, EPERM, json!([])), errno(UNAVAILABLE, ENOSYS, json!([])), json!({"names": allow, "action": "SCMP_ACT_ALLOW"})];
    for p in PERSONALITIES {
        let arg = json!({"index": 0, "value": p, "valueTwo": 0, "op": "SCMP_CMP_EQ"});
        rules.push(json!({"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [arg]}));
    }
    if has("CAP_SYS_ADMIN") {
        rules.push(json!({"names": ["clone", "clone3", "unshare"], "action": "SCMP_ACT_ALLOW"}));
    } else {
        // clone3 passes its flags in memory, out of seccomp's sight: it stays
        // ENOSYS (the default), so glibc falls back to clone.
        for &f in CLONE_NEW {
            rules.push(errno(&["clone", "unshare"], EPERM, json!([masked(0, f, f)])));
        }
        rules.push(errno(&["unshare"], EPERM, json!([masked(0, CLONE_NEWTIME, CLONE_NEWTIME)])));
        rules.push(json!({"names": ["clone", "unshare"], "action": "SCMP_ACT_ALLOW"}));
    }
    if has("CAP_AUDIT_WRITE") {
        rules.push(json!({"names": ["socket"], "action": "SCMP_ACT_ALLOW"}));
    } else {
        // Audit sockets fail with EINVAL, as in containers/common, which tells
        // libaudit the kernel has no audit. The kernel reads domain and
        // protocol as int, so only their low halves are compared.
        let audit = json!([masked(0, 0xffff_ffff, AF_NETLINK), masked(2, 0xffff_ffff, NETLINK_AUDIT)]);
        rules.push(errno(&["socket"], EINVAL, audit));
        rules.push(json!({"names": ["socket"], "action": "SCMP_ACT_ALLOW"}));
    }
    let mut profile = json!({
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": ENOSYS,
        "architectures": ["SCMP_ARCH_X86_64"],
    });
    // Moved in: `json!` would copy the rules value by value.
    profile["syscalls"] = Value::Array(rules);
    profile
}
