//! Capabilities of the container process: bounding set, then effective,
//! permitted, inheritable (capset v3) and ambient.

use std::io;

/// Podman's default capability set (containers/common).
pub const DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

/// Every capability the kernel knows (for `--privileged` and `--cap-add all`).
pub const ALL_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// The kernel number of a capability name (`CAP_CHOWN` → 0).
pub fn number(name: &str) -> Option<u32> {
    ALL_CAPS.iter().position(|c| *c == name).map(|i| i as u32)
}

fn last_cap() -> u32 {
    std::fs::read_to_string("/proc/sys/kernel/cap_last_cap").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(40)
}

fn mask(names: &[String]) -> u64 {
    names.iter().filter_map(|n| number(n)).fold(0u64, |m, c| m | (1u64 << c))
}

/// Drop every capability not in `keep` from the bounding set.
pub fn set_bounding(keep: &[String]) -> io::Result<()> {
    let keep = mask(keep);
    for cap in 0..=last_cap() {
        if keep & (1u64 << cap) == 0 {
            // SAFETY: PR_CAPBSET_DROP takes a capability number and no pointers.
            if unsafe { libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) } != 0 {
                let e = io::Error::last_os_error();
                if e.raw_os_error() != Some(libc::EINVAL) {
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

const CAP_V3: u32 = 0x2008_0522;

/// Set the effective, permitted and inheritable sets, then the ambient set.
pub fn set(effective: &[String], permitted: &[String], inheritable: &[String], ambient: &[String]) -> io::Result<()> {
    let (e, p, i) = (mask(effective), mask(permitted), mask(inheritable));
    let mut hdr = CapHeader { version: CAP_V3, pid: 0 };
    let data = [
        CapData { effective: e as u32, permitted: p as u32, inheritable: i as u32 },
        CapData { effective: (e >> 32) as u32, permitted: (p >> 32) as u32, inheritable: (i >> 32) as u32 },
    ];
    // SAFETY: capset(2) v3 reads one header and two data structs, both valid here.
    if unsafe { libc::syscall(libc::SYS_capset, &mut hdr as *mut CapHeader, data.as_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: PR_CAP_AMBIENT operations take integers only.
    unsafe { libc::prctl(libc::PR_CAP_AMBIENT, libc::PR_CAP_AMBIENT_CLEAR_ALL as libc::c_ulong, 0, 0, 0) };
    for a in ambient.iter().filter_map(|n| number(n)) {
        // SAFETY: as above.
        if unsafe { libc::prctl(libc::PR_CAP_AMBIENT, libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong, a as libc::c_ulong, 0, 0) } != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_follow_the_kernel() {
        assert_eq!(super::number("CAP_CHOWN"), Some(0));
        assert_eq!(super::number("CAP_SYS_ADMIN"), Some(21));
        assert_eq!(super::number("CAP_SETFCAP"), Some(31));
        assert_eq!(super::number("CAP_CHECKPOINT_RESTORE"), Some(40));
        assert_eq!(super::number("CAP_NOPE"), None);
    }
}
