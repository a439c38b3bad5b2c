//! Seccomp: the default profile, conversion of containers/Docker profile
//! files, and a small compiler from the OCI `linux.seccomp` form to classic
//! BPF for x86_64 (no libseccomp needed).
//!
//! The default profile follows containers/common's in effect: syscalls the
//! kernel table does not list fail with ENOSYS (so new syscalls fall back
//! gracefully), a deny list fails with EPERM (kexec, open_by_handle_at, bpf,
//! perf_event_open, module loading, reboot, swap, clock setting, keyrings,
//! ...), everything else is allowed — capabilities and the user namespace
//! still bound what an allowed call can do.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use super::syscalls_x86_64::SYSCALLS;

const EPERM: u32 = 1;
const ENOSYS: u32 = 38;

/// Denied with EPERM by the default profile.
pub const DENIED: &[&str] = &[
    "kexec_load", "kexec_file_load", "open_by_handle_at", "bpf", "perf_event_open", "init_module", "finit_module",
    "delete_module", "create_module", "reboot", "swapon", "swapoff", "acct", "settimeofday", "clock_settime",
    "clock_adjtime", "adjtimex", "iopl", "ioperm", "lookup_dcookie", "quotactl", "quotactl_fd", "nfsservctl",
    "syslog", "uselib", "userfaultfd", "add_key", "keyctl", "request_key", "get_kernel_syms", "query_module",
    "vhangup", "fanotify_init", "kcmp", "name_to_handle_at", "_sysctl", "afs_syscall", "tuxcall", "security",
    "vserver", "putpmsg", "getpmsg",
];

/// The default profile in OCI form.
pub fn default_profile() -> Value {
    let allowed: Vec<&str> = SYSCALLS.iter().map(|(n, _)| *n).filter(|n| !DENIED.contains(n)).collect();
    let denied: Vec<&str> = DENIED.iter().copied().filter(|n| SYSCALLS.iter().any(|(s, _)| s == n)).collect();
    json!({
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": ENOSYS,
        "architectures": ["SCMP_ARCH_X86_64"],
        "syscalls": [
            {"names": denied, "action": "SCMP_ACT_ERRNO", "errnoRet": EPERM},
            {"names": allowed, "action": "SCMP_ACT_ALLOW"},
        ],
    })
}

/// Convert a containers/Docker `seccomp.json` (`--security-opt seccomp=FILE`)
/// to the OCI form: entries conditioned on capabilities or architectures are
/// kept when they apply to a default rootless container on x86_64.
pub fn from_docker_json(v: &Value) -> Result<Value> {
    let default = v.get("defaultAction").and_then(Value::as_str).context("seccomp profile has no defaultAction")?;
    let caps: Vec<String> = crate::container::spec::DEFAULT_CAPS.iter().map(|s| s.to_string()).collect();
    let mut rules = Vec::new();
    for r in v.get("syscalls").and_then(Value::as_array).cloned().unwrap_or_default() {
        let list = |k: &str, f: &str| -> Vec<String> {
            r.get(k).and_then(|x| x.get(f)).and_then(Value::as_array).map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect()).unwrap_or_default()
        };
        let inc_caps = list("includes", "caps");
        let exc_caps = list("excludes", "caps");
        let inc_arch = list("includes", "arches");
        let exc_arch = list("excludes", "arches");
        let x86 = |a: &Vec<String>| a.iter().any(|x| x == "amd64" || x == "x86_64" || x == "x32");
        if !inc_caps.iter().all(|c| caps.contains(c)) || exc_caps.iter().any(|c| caps.contains(c)) {
            continue;
        }
        if (!inc_arch.is_empty() && !x86(&inc_arch)) || x86(&exc_arch) {
            continue;
        }
        let mut names: Vec<Value> = r.get("names").and_then(Value::as_array).cloned().unwrap_or_default();
        if let Some(n) = r.get("name").and_then(Value::as_str) {
            names.push(Value::String(n.into()));
        }
        let mut rule = json!({"names": names, "action": r.get("action").cloned().unwrap_or(json!("SCMP_ACT_ALLOW"))});
        for k in ["errnoRet", "args"] {
            if let Some(x) = r.get(k) {
                rule[k] = x.clone();
            }
        }
        rules.push(rule);
    }
    let mut out = json!({"defaultAction": default, "architectures": ["SCMP_ARCH_X86_64"], "syscalls": rules});
    if let Some(e) = v.get("defaultErrnoRet") {
        out["defaultErrnoRet"] = e.clone();
    }
    compile(&out).context("the seccomp profile cannot be used")?;
    Ok(out)
}

const RET_KILL_PROCESS: u32 = 0x8000_0000;
const RET_KILL_THREAD: u32 = 0x0000_0000;
const RET_TRAP: u32 = 0x0003_0000;
const RET_ERRNO: u32 = 0x0005_0000;
const RET_TRACE: u32 = 0x7ff0_0000;
const RET_LOG: u32 = 0x7ffc_0000;
const RET_ALLOW: u32 = 0x7fff_0000;
const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
const X32_SYSCALL_BIT: u32 = 0x4000_0000;

const BPF_LD_W_ABS: u16 = 0x20;
const BPF_JEQ_K: u16 = 0x15;
const BPF_JGE_K: u16 = 0x35;
const BPF_ALU_AND_K: u16 = 0x54;
const BPF_RET_K: u16 = 0x06;

fn stmt(code: u16, k: u32) -> libc::sock_filter {
    libc::sock_filter { code, jt: 0, jf: 0, k }
}
fn jump(code: u16, k: u32, jt: u8, jf: u8) -> libc::sock_filter {
    libc::sock_filter { code, jt, jf, k }
}

fn action(name: &str, errno: Option<u32>) -> Result<u32> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => RET_ALLOW,
        "SCMP_ACT_ERRNO" => RET_ERRNO | (errno.unwrap_or(EPERM) & 0xffff),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => RET_KILL_THREAD,
        "SCMP_ACT_KILL_PROCESS" => RET_KILL_PROCESS,
        "SCMP_ACT_TRAP" => RET_TRAP,
        "SCMP_ACT_TRACE" => RET_TRACE | (errno.unwrap_or(0) & 0xffff),
        "SCMP_ACT_LOG" => RET_LOG,
        other => bail!("unsupported seccomp action {other}"),
    })
}

/// Compile an OCI seccomp object to a BPF program for x86_64.
pub fn compile(profile: &Value) -> Result<Vec<libc::sock_filter>> {
    let errno = |v: &Value, k: &str| v.get(k).and_then(Value::as_u64).map(|x| x as u32);
    let default = action(profile.get("defaultAction").and_then(Value::as_str).unwrap_or("SCMP_ACT_ALLOW"), errno(profile, "defaultErrnoRet"))?;
    let mut prog = vec![
        stmt(BPF_LD_W_ABS, 4),
        jump(BPF_JEQ_K, AUDIT_ARCH_X86_64, 1, 0),
        stmt(BPF_RET_K, RET_KILL_PROCESS),
        stmt(BPF_LD_W_ABS, 0),
        jump(BPF_JGE_K, X32_SYSCALL_BIT, 0, 1),
        stmt(BPF_RET_K, RET_ERRNO | ENOSYS),
    ];
    let mut seen = std::collections::HashSet::new();
    for rule in profile.get("syscalls").and_then(Value::as_array).cloned().unwrap_or_default() {
        let act = action(rule.get("action").and_then(Value::as_str).unwrap_or("SCMP_ACT_ALLOW"), errno(&rule, "errnoRet"))?;
        let args = rule.get("args").and_then(Value::as_array).cloned().unwrap_or_default();
        for name in rule.get("names").and_then(Value::as_array).cloned().unwrap_or_default() {
            let name = name.as_str().unwrap_or("");
            let Some(&(_, nr)) = SYSCALLS.iter().find(|(n, _)| *n == name) else { continue };
            if args.is_empty() {
                if !seen.insert(nr) {
                    continue; // the first unconditional rule for a syscall wins
                }
                prog.push(jump(BPF_JEQ_K, nr, 0, 1));
                prog.push(stmt(BPF_RET_K, act));
            } else {
                prog.extend(arg_block(nr, &args, act)?);
            }
        }
    }
    prog.push(stmt(BPF_RET_K, default));
    if prog.len() > 4096 {
        bail!("seccomp profile compiles to {} instructions, more than the kernel's 4096", prog.len());
    }
    Ok(prog)
}

/// `if nr == NR && all(args) { return act }`, leaving A = nr afterwards.
fn arg_block(nr: u32, args: &[Value], act: u32) -> Result<Vec<libc::sock_filter>> {
    let mut body: Vec<(libc::sock_filter, bool)> = Vec::new(); // (insn, jf goes to the end)
    for a in args {
        let idx = a.get("index").and_then(Value::as_u64).context("seccomp arg without index")? as u32;
        if idx > 5 {
            bail!("seccomp arg index {idx} out of range");
        }
        let value = a.get("value").and_then(Value::as_u64).unwrap_or(0);
        let two = a.get("valueTwo").and_then(Value::as_u64).unwrap_or(0);
        let op = a.get("op").and_then(Value::as_str).unwrap_or("");
        let lo = 16 + 8 * idx;
        let hi = lo + 4;
        let (mask, want, negate) = match op {
            "SCMP_CMP_EQ" => (u64::MAX, value, false),
            "SCMP_CMP_NE" => (u64::MAX, value, true),
            "SCMP_CMP_MASKED_EQ" => (value, two, false),
            other => bail!("unsupported seccomp argument operator {other}"),
        };
        if negate {
            // NE: fail (skip to end) only when both halves are equal.
            body.push((stmt(BPF_LD_W_ABS, hi), false));
            body.push((jump(BPF_JEQ_K, (want >> 32) as u32, 0, 2), false));
            body.push((stmt(BPF_LD_W_ABS, lo), false));
            body.push((jump(BPF_JEQ_K, want as u32, 0xff, 0), false)); // jt patched to the end
        } else {
            for (off, m, w) in [(hi, (mask >> 32) as u32, (want >> 32) as u32), (lo, mask as u32, want as u32)] {
                body.push((stmt(BPF_LD_W_ABS, off), false));
                if m != u32::MAX {
                    body.push((stmt(BPF_ALU_AND_K, m), false));
                }
                body.push((jump(BPF_JEQ_K, w, 0, 0), true));
            }
        }
    }
    let n = body.len();
    // Layout: jeq nr (jf -> end), body..., ret act, end: ld nr
    let mut out = vec![jump(BPF_JEQ_K, nr, 0, (n + 1) as u8)];
    for (i, (mut insn, to_end)) in body.into_iter().enumerate() {
        let dist = (n - i) as u8; // from after this insn to `end`, past "ret act"
        if to_end {
            insn.jf = dist;
        }
        if insn.jt == 0xff {
            insn.jt = dist;
        }
        out.push(insn);
    }
    out.push(stmt(BPF_RET_K, act));
    out.push(stmt(BPF_LD_W_ABS, 0));
    if n + 2 > 255 {
        bail!("seccomp rule for syscall {nr} is too long");
    }
    Ok(out)
}

/// Install a filter on the calling thread (before exec). Needs CAP_SYS_ADMIN
/// in the current user namespace or no_new_privs.
pub fn install(prog: &[libc::sock_filter]) -> std::io::Result<()> {
    let fprog = libc::sock_fprog { len: prog.len() as u16, filter: prog.as_ptr() as *mut libc::sock_filter };
    // SAFETY: fprog points at `prog`, which outlives the call; the kernel copies it.
    let rc = unsafe { libc::prctl(libc::PR_SET_SECCOMP, libc::SECCOMP_MODE_FILTER, &fprog as *const libc::sock_fprog) };
    if rc == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_compiles() {
        let p = compile(&default_profile()).unwrap();
        assert!(p.len() > 600 && p.len() < 4096);
        assert_eq!(p.last().unwrap().k, RET_ERRNO | ENOSYS);
    }

    #[test]
    fn arg_rules_compile_with_valid_jumps() {
        let prof = json!({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["personality"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_NE"}]},
            {"names": ["clone"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 0x7e020000u64, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
        ]});
        let p = compile(&prof).unwrap();
        for (i, insn) in p.iter().enumerate() {
            if insn.code == BPF_JEQ_K || insn.code == BPF_JGE_K {
                assert!(i + 1 + (insn.jt as usize) < p.len() && i + 1 + (insn.jf as usize) < p.len(), "jump out of range at {i}");
            }
        }
        assert!(compile(&json!({"defaultAction": "SCMP_ACT_BOGUS"})).is_err());
    }

    #[test]
    fn docker_profile_conversion() {
        let d = json!({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1, "syscalls": [
            {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
        ]});
        let o = from_docker_json(&d).unwrap();
        assert_eq!(o["syscalls"].as_array().unwrap().len(), 1);
        assert!(from_docker_json(&json!({})).is_err());
    }
}
