//! Seccomp for containers: rpod's default filter, the conversion of
//! containers/Docker profile files (`--security-opt seccomp=FILE`), and a
//! compiler from the OCI `linux.seccomp` form to a classic BPF program for
//! x86_64, installed without libseccomp.
//!
//! The default (`default_profile`, its data in `seccomp_default`) is at least
//! as strict as containers/common's default profile for the same
//! capabilities: a syscall it allows is one that profile allows too, for
//! every argument (the unit tests check it against Debian's
//! /usr/share/containers/seccomp.json). Stricter than that profile, as in
//! Docker's: creating namespaces and mounting need CAP_SYS_ADMIN (clone3 then
//! fails with ENOSYS so that glibc falls back to clone), syslog CAP_SYSLOG,
//! reboot CAP_SYS_BOOT, pidfd_getfd CAP_SYS_PTRACE, and the keyring calls are
//! unavailable. Syscalls the policy does not know fail with ENOSYS so that new
//! kernels' calls fall back gracefully; known denied ones fail with EPERM.
//!
//! Profile files follow containers/common's rules: an entry applies when all
//! its `includes` hold (every listed capability is in the container's bounding
//! set, the architecture is listed, the kernel is at least `minKernel`) and no
//! `excludes` does; `errno` (a name or a number) wins over `errnoRet`.
//!
//! The compiled program decides each syscall by its rules, whatever their order
//! in the profile: the matching rule with the most restrictive action wins
//! (kill, trap, errno, trace, log, then allow, as the kernel orders actions
//! between filters; rules of equal rank in profile order), and the default
//! action applies when none matches. So "allow clone" and "EPERM clone when a
//! namespace flag is set" compose as intended. Argument comparisons are on the
//! full 64-bit value. Other architectures (i386, x32) are not let through:
//! i386 syscalls kill the process, x32 ones fail with ENOSYS. Filter flags are
//! ignored and SCMP_ACT_NOTIFY is refused.

use std::collections::BTreeMap;

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};

use super::syscalls_x86_64::SYSCALLS;

pub(super) const EPERM: u32 = 1;
pub(super) const EINVAL: u32 = 22;
pub(super) const ENOSYS: u32 = 38;

/// The default profile in OCI form, for a container whose capability bounding
/// set is `caps` (names like "CAP_SYS_ADMIN", after --cap-add, --cap-drop and
/// --privileged).
pub fn default_profile(caps: &[String]) -> Value {
    super::seccomp_default::profile(caps)
}

/// Convert a containers/Docker `seccomp.json` (`--security-opt seccomp=FILE`)
/// to the OCI form for x86_64, keeping the entries whose conditions hold for a
/// container with the capability bounding set `caps` on the running kernel.
pub fn from_docker_json(v: &Value, caps: &[String]) -> Result<Value> {
    convert(v, caps, running_kernel())
}

fn convert(v: &Value, caps: &[String], kernel: Option<(u32, u32)>) -> Result<Value> {
    let default = v.get("defaultAction").and_then(Value::as_str).context("seccomp profile has no defaultAction")?;
    let given = |k: &str| v.get(k).and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    ensure!(!(given("architectures") && given("archMap")), "the seccomp profile has both 'architectures' and 'archMap': use one");
    let mut rules = Vec::new();
    for (i, r) in v.get("syscalls").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default().iter().enumerate() {
        let what = || format!("seccomp profile entry {} ({})", i + 1, r.get("names").or(r.get("name")).unwrap_or(&Value::Null));
        if !applies(r, caps, kernel).with_context(what)? {
            continue;
        }
        let mut names: Vec<Value> = r.get("names").and_then(Value::as_array).cloned().unwrap_or_default();
        if let Some(n) = r.get("name").and_then(Value::as_str).filter(|n| !n.is_empty()) {
            ensure!(names.is_empty(), "{}: has both 'name' and 'names'", what());
            names.push(Value::String(n.into()));
        }
        let action = r.get("action").and_then(Value::as_str).with_context(|| format!("{}: no action", what()))?;
        let mut rule = json!({"names": names, "action": action});
        if let Some(e) = errno_field(r, "errno", "errnoRet").with_context(what)? {
            rule["errnoRet"] = json!(e);
        }
        if let Some(args) = r.get("args").and_then(Value::as_array).filter(|a| !a.is_empty()) {
            rule["args"] = Value::Array(args.clone());
        }
        rules.push(rule);
    }
    let mut out = json!({"defaultAction": default, "architectures": ["SCMP_ARCH_X86_64"], "syscalls": rules});
    if let Some(e) = errno_field(v, "defaultErrno", "defaultErrnoRet")? {
        out["defaultErrnoRet"] = json!(e);
    }
    compile(&out).context("the seccomp profile cannot be used")?;
    Ok(out)
}

/// Whether a profile entry's `includes` all hold and none of its `excludes`
/// does, for x86_64 ("amd64", as containers/common and Docker name it).
fn applies(r: &Value, caps: &[String], kernel: Option<(u32, u32)>) -> Result<bool> {
    let list = |k: &str, f: &str| -> Vec<&str> {
        r.get(k).and_then(|x| x.get(f)).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
    };
    let has = |c: &&str| caps.iter().any(|x| x == c);
    let at_least = |k: &str| -> Result<Option<bool>> {
        let min = r.get(k).and_then(|x| x.get("minKernel")).and_then(Value::as_str).filter(|s| !s.is_empty());
        let Some(min) = min else { return Ok(None) };
        let min = kernel_version(min).with_context(|| format!("bad minKernel {min:?}"))?;
        let kernel = kernel.context("cannot tell the running kernel's version")?;
        Ok(Some(kernel >= min))
    };
    let (inc_caps, exc_caps) = (list("includes", "caps"), list("excludes", "caps"));
    let (inc_arch, exc_arch) = (list("includes", "arches"), list("excludes", "arches"));
    Ok(inc_caps.iter().all(has)
        && !exc_caps.iter().any(has)
        && (inc_arch.is_empty() || inc_arch.contains(&"amd64"))
        && !exc_arch.contains(&"amd64")
        && at_least("includes")? != Some(false)
        && at_least("excludes")? != Some(true))
}

/// An errno given by name or number in `name_key` (which wins, as in
/// containers/common) or as a number in `number_key`.
fn errno_field(v: &Value, name_key: &str, number_key: &str) -> Result<Option<u32>> {
    if let Some(s) = v.get(name_key).and_then(Value::as_str).filter(|s| !s.is_empty()) {
        return errno_value(s).map(Some);
    }
    match v.get(number_key) {
        None | Some(Value::Null) => Ok(None),
        Some(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()).map(Some).with_context(|| format!("bad {number_key} {n}")),
    }
}

/// Linux errno names by number (x86_64 uses the generic table).
const ERRNO_NAMES: &[&str] = &[
    "",
    "EPERM",
    "ENOENT",
    "ESRCH",
    "EINTR",
    "EIO",
    "ENXIO",
    "E2BIG",
    "ENOEXEC",
    "EBADF",
    "ECHILD",
    "EAGAIN",
    "ENOMEM",
    "EACCES",
    "EFAULT",
    "ENOTBLK",
    "EBUSY",
    "EEXIST",
    "EXDEV",
    "ENODEV",
    "ENOTDIR",
    "EISDIR",
    "EINVAL",
    "ENFILE",
    "EMFILE",
    "ENOTTY",
    "ETXTBSY",
    "EFBIG",
    "ENOSPC",
    "ESPIPE",
    "EROFS",
    "EMLINK",
    "EPIPE",
    "EDOM",
    "ERANGE",
    "EDEADLK",
    "ENAMETOOLONG",
    "ENOLCK",
    "ENOSYS",
    "ENOTEMPTY",
    "ELOOP",
    "",
    "ENOMSG",
    "EIDRM",
    "ECHRNG",
    "EL2NSYNC",
    "EL3HLT",
    "EL3RST",
    "ELNRNG",
    "EUNATCH",
    "ENOCSI",
    "EL2HLT",
    "EBADE",
    "EBADR",
    "EXFULL",
    "ENOANO",
    "EBADRQC",
    "EBADSLT",
    "",
    "EBFONT",
    "ENOSTR",
    "ENODATA",
    "ETIME",
    "ENOSR",
    "ENONET",
    "ENOPKG",
    "EREMOTE",
    "ENOLINK",
    "EADV",
    "ESRMNT",
    "ECOMM",
    "EPROTO",
    "EMULTIHOP",
    "EDOTDOT",
    "EBADMSG",
    "EOVERFLOW",
    "ENOTUNIQ",
    "EBADFD",
    "EREMCHG",
    "ELIBACC",
    "ELIBBAD",
    "ELIBSCN",
    "ELIBMAX",
    "ELIBEXEC",
    "EILSEQ",
    "ERESTART",
    "ESTRPIPE",
    "EUSERS",
    "ENOTSOCK",
    "EDESTADDRREQ",
    "EMSGSIZE",
    "EPROTOTYPE",
    "ENOPROTOOPT",
    "EPROTONOSUPPORT",
    "ESOCKTNOSUPPORT",
    "EOPNOTSUPP",
    "EPFNOSUPPORT",
    "EAFNOSUPPORT",
    "EADDRINUSE",
    "EADDRNOTAVAIL",
    "ENETDOWN",
    "ENETUNREACH",
    "ENETRESET",
    "ECONNABORTED",
    "ECONNRESET",
    "ENOBUFS",
    "EISCONN",
    "ENOTCONN",
    "ESHUTDOWN",
    "ETOOMANYREFS",
    "ETIMEDOUT",
    "ECONNREFUSED",
    "EHOSTDOWN",
    "EHOSTUNREACH",
    "EALREADY",
    "EINPROGRESS",
    "ESTALE",
    "EUCLEAN",
    "ENOTNAM",
    "ENAVAIL",
    "EISNAM",
    "EREMOTEIO",
    "EDQUOT",
    "ENOMEDIUM",
    "EMEDIUMTYPE",
    "ECANCELED",
    "ENOKEY",
    "EKEYEXPIRED",
    "EKEYREVOKED",
    "EKEYREJECTED",
    "EOWNERDEAD",
    "ENOTRECOVERABLE",
    "ERFKILL",
    "EHWPOISON",
];

fn errno_value(s: &str) -> Result<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Ok(n);
    }
    let name = match s {
        "EWOULDBLOCK" => "EAGAIN",
        "EDEADLOCK" => "EDEADLK",
        "ENOTSUP" => "EOPNOTSUPP",
        other => other,
    };
    ERRNO_NAMES.iter().position(|n| !n.is_empty() && *n == name).map(|n| n as u32).with_context(|| format!("unknown errno {s}"))
}

/// "6.1.0-13-amd64" or "4.8" → (6, 1): Docker's minKernel compares the
/// kernel version and major revision only.
fn kernel_version(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.split('.');
    let num = |p: Option<&str>| -> Option<u32> {
        let p = p?;
        let end = p.find(|c: char| !c.is_ascii_digit()).unwrap_or(p.len());
        p[..end].parse().ok()
    };
    Some((num(parts.next())?, num(parts.next())?))
}

fn running_kernel() -> Option<(u32, u32)> {
    // SAFETY: utsname is plain bytes, for which all zeroes is a valid value.
    let mut uts: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: uname writes into the struct we own and nothing else.
    if unsafe { libc::uname(&mut uts) } != 0 {
        return None;
    }
    let release: Vec<u8> = uts.release.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    kernel_version(&String::from_utf8_lossy(&release))
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

// struct seccomp_data: nr at 0, arch at 4, instruction pointer at 8, args
// (u64, little-endian) from 16.
const DATA_NR: u32 = 0;
const DATA_ARCH: u32 = 4;
const DATA_ARGS: u32 = 16;

const BPF_LD_W_ABS: u16 = 0x20;
const BPF_ALU_AND_K: u16 = 0x54;
const BPF_JA: u16 = 0x05;
const BPF_JEQ_K: u16 = 0x15;
const BPF_JGT_K: u16 = 0x25;
const BPF_JGE_K: u16 = 0x35;
const BPF_JSET_K: u16 = 0x45;
const BPF_RET_K: u16 = 0x06;
/// The kernel's limit on a filter's length.
const MAX_INSNS: usize = 4096;

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

/// The kernel's order between actions: lower is more restrictive.
fn precedence(ret: u32) -> i32 {
    (ret & 0xffff_0000) as i32
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    MaskedEq,
}

/// One argument comparison: `args[index] op value` (for MaskedEq,
/// `args[index] & value == two`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cmp {
    index: u32,
    op: Op,
    value: u64,
    two: u64,
}

/// A rule for one syscall: `ret` when every comparison holds.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Rule {
    ret: u32,
    args: Vec<Cmp>,
}

/// What the program does for a syscall number: return at once, or try rules
/// in order and return `fallback` when none matches.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Leaf {
    Ret(u32),
    Rules(Vec<Rule>, u32),
}

fn parse_cmp(a: &Value) -> Result<Cmp> {
    let index = a.get("index").and_then(Value::as_u64).context("seccomp argument without index")?;
    ensure!(index <= 5, "seccomp argument index {index} out of range");
    let number = |k: &str| -> Result<u64> {
        match a.get(k) {
            None | Some(Value::Null) => Ok(0),
            Some(v) => v.as_u64().with_context(|| format!("bad seccomp argument {k} {v}")),
        }
    };
    let op = match a.get("op").and_then(Value::as_str).unwrap_or("") {
        "SCMP_CMP_EQ" => Op::Eq,
        "SCMP_CMP_NE" => Op::Ne,
        "SCMP_CMP_LT" => Op::Lt,
        "SCMP_CMP_LE" => Op::Le,
        "SCMP_CMP_GT" => Op::Gt,
        "SCMP_CMP_GE" => Op::Ge,
        "SCMP_CMP_MASKED_EQ" => Op::MaskedEq,
        other => bail!("unsupported seccomp argument operator {other:?}"),
    };
    Ok(Cmp { index: index as u32, op, value: number("value")?, two: number("valueTwo")? })
}

/// Compile an OCI seccomp object to a BPF program for x86_64.
///
/// Layout: check the architecture and the x32 bit, then a binary search on
/// the syscall number over ranges that share an outcome; a leaf returns, or
/// tries its argument rules (most restrictive action first) and returns.
pub fn compile(profile: &Value) -> Result<Vec<libc::sock_filter>> {
    let errno = |v: &Value, k: &str| v.get(k).and_then(Value::as_u64).map(|x| x as u32);
    let default_action = profile.get("defaultAction").and_then(Value::as_str).context("seccomp profile without defaultAction")?;
    let default = action(default_action, errno(profile, "defaultErrnoRet"))?;
    let mut by_nr: BTreeMap<u32, Vec<Rule>> = BTreeMap::new();
    // Names to numbers once (a profile names ~370 syscalls: a scan of the
    // table for each was most of this function, on every container start).
    let numbers: std::collections::HashMap<&str, u32> = SYSCALLS.iter().copied().collect();
    for rule in profile.get("syscalls").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
        let names = rule.get("names").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let act = rule.get("action").and_then(Value::as_str).with_context(|| format!("seccomp rule for {names:?} without action"))?;
        let ret = action(act, errno(rule, "errnoRet"))?;
        let args = rule.get("args").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let args = args.iter().map(parse_cmp).collect::<Result<Vec<_>>>()?;
        for name in names.iter().filter_map(Value::as_str) {
            // Names this kernel table does not have (other architectures,
            // newer kernels) are skipped, as libseccomp-based runtimes do.
            if let Some(&nr) = numbers.get(name) {
                by_nr.entry(nr).or_default().push(Rule { ret, args: args.clone() });
            }
        }
    }
    // Ranges of syscall numbers [lo, next lo) with one leaf each.
    let max = SYSCALLS.iter().map(|&(_, nr)| nr).max().unwrap_or(0);
    let mut ranges: Vec<(u32, Leaf)> = Vec::new();
    for nr in 0..=max + 1 {
        let leaf = by_nr.get(&nr).map_or(Leaf::Ret(default), |rules| leaf(rules, default));
        if ranges.last().is_none_or(|(_, last)| *last != leaf) {
            ranges.push((nr, leaf));
        }
    }
    let mut prog = vec![
        stmt(BPF_LD_W_ABS, DATA_ARCH),
        jump(BPF_JEQ_K, AUDIT_ARCH_X86_64, 1, 0),
        stmt(BPF_RET_K, RET_KILL_PROCESS),
        stmt(BPF_LD_W_ABS, DATA_NR),
        jump(BPF_JGE_K, X32_SYSCALL_BIT, 0, 1),
        stmt(BPF_RET_K, RET_ERRNO | ENOSYS),
    ];
    prog.extend(search(&ranges)?);
    check(&prog)?;
    ensure!(prog.len() <= MAX_INSNS, "seccomp profile compiles to {} instructions, more than the kernel's {MAX_INSNS}", prog.len());
    Ok(prog)
}

/// The rules of one syscall, most restrictive action first (stable, so profile
/// order among equals); an argument-less rule ends the list, as nothing after
/// it can be reached.
fn leaf(rules: &[Rule], default: u32) -> Leaf {
    let mut sorted = rules.to_vec();
    sorted.sort_by_key(|r| precedence(r.ret));
    let mut tried = Vec::new();
    let mut fallback = default;
    for r in sorted {
        if r.args.is_empty() {
            fallback = r.ret;
            break;
        }
        tried.push(r);
    }
    while tried.last().is_some_and(|r| r.ret == fallback) {
        tried.pop();
    }
    if tried.is_empty() {
        Leaf::Ret(fallback)
    } else {
        Leaf::Rules(tried, fallback)
    }
}

/// Binary search over `ranges` (sorted, the first starting at 0) with the
/// syscall number in A. Far jumps go through `ja`, whose offset is 32 bits.
fn search(ranges: &[(u32, Leaf)]) -> Result<Vec<libc::sock_filter>> {
    if let [(_, leaf)] = ranges {
        return leaf_code(leaf);
    }
    let mid = ranges.len() / 2;
    let (left, right) = (search(&ranges[..mid])?, search(&ranges[mid..])?);
    let mut out = Vec::with_capacity(left.len() + right.len() + 2);
    match u8::try_from(left.len()) {
        Ok(n) => out.push(jump(BPF_JGE_K, ranges[mid].0, n, 0)),
        Err(_) => {
            out.push(jump(BPF_JGE_K, ranges[mid].0, 0, 1));
            out.push(stmt(BPF_JA, left.len() as u32));
        }
    }
    out.extend(left);
    out.extend(right);
    Ok(out)
}

fn leaf_code(leaf: &Leaf) -> Result<Vec<libc::sock_filter>> {
    match leaf {
        Leaf::Ret(k) => Ok(vec![stmt(BPF_RET_K, *k)]),
        Leaf::Rules(rules, fallback) => {
            let mut out = Vec::new();
            for r in rules {
                out.extend(rule_code(r)?);
            }
            out.push(stmt(BPF_RET_K, *fallback));
            Ok(out)
        }
    }
}

/// `if all(args) { return ret }`, falling through to the next rule otherwise.
fn rule_code(r: &Rule) -> Result<Vec<libc::sock_filter>> {
    // (instruction, jt leaves the rule, jf leaves the rule)
    let mut body: Vec<(libc::sock_filter, bool, bool)> = Vec::new();
    for c in &r.args {
        cmp_code(c, &mut body);
    }
    let n = body.len();
    let mut out = Vec::with_capacity(n + 1);
    for (i, (mut insn, jt_out, jf_out)) in body.into_iter().enumerate() {
        // From the instruction after i to the one after `ret`.
        let out_of_rule = u8::try_from(n - i).context("seccomp rule with too many argument comparisons")?;
        if jt_out {
            insn.jt = out_of_rule;
        }
        if jf_out {
            insn.jf = out_of_rule;
        }
        out.push(insn);
    }
    out.push(stmt(BPF_RET_K, r.ret));
    Ok(out)
}

/// Append code that falls through when `c` holds and leaves the rule when it
/// does not. A 64-bit argument is compared as its high then its low word.
fn cmp_code(c: &Cmp, out: &mut Vec<(libc::sock_filter, bool, bool)>) {
    let lo = DATA_ARGS + 8 * c.index;
    let hi = lo + 4;
    let (vh, vl) = ((c.value >> 32) as u32, c.value as u32);
    let ld = |off: u32| (stmt(BPF_LD_W_ABS, off), false, false);
    let j = |code: u16, k: u32, jt: u8, jf: u8, jt_out: bool, jf_out: bool| (jump(code, k, jt, jf), jt_out, jf_out);
    match c.op {
        Op::Eq => out.extend([ld(hi), j(BPF_JEQ_K, vh, 0, 0, false, true), ld(lo), j(BPF_JEQ_K, vl, 0, 0, false, true)]),
        // Leave only when both words are equal.
        Op::Ne => out.extend([ld(hi), j(BPF_JEQ_K, vh, 0, 2, false, false), ld(lo), j(BPF_JEQ_K, vl, 0, 0, true, false)]),
        // hi > vh holds at once; hi < vh fails; equal highs compare the lows.
        Op::Gt | Op::Ge => {
            let last = if c.op == Op::Gt { BPF_JGT_K } else { BPF_JGE_K };
            out.extend([ld(hi), j(BPF_JGT_K, vh, 3, 0, false, false), j(BPF_JEQ_K, vh, 0, 0, false, true), ld(lo), j(last, vl, 0, 0, false, true)]);
        }
        // The negation of Ge / Gt.
        Op::Lt | Op::Le => {
            let last = if c.op == Op::Lt { BPF_JGE_K } else { BPF_JGT_K };
            out.extend([ld(hi), j(BPF_JGT_K, vh, 0, 0, true, false), j(BPF_JEQ_K, vh, 0, 2, false, false), ld(lo), j(last, vl, 0, 0, true, false)]);
        }
        Op::MaskedEq => {
            for (off, shift) in [(hi, 32), (lo, 0)] {
                let (m, w) = ((c.value >> shift) as u32, (c.two >> shift) as u32);
                if m == 0 && w == 0 {
                    continue; // always holds
                }
                out.push(ld(off));
                if m != u32::MAX {
                    out.push((stmt(BPF_ALU_AND_K, m), false, false));
                }
                out.push(j(BPF_JEQ_K, w, 0, 0, false, true));
            }
        }
    }
}

/// What the kernel would refuse, checked here so that a compiler bug shows as
/// an error naming the instruction: loads inside seccomp_data, jumps forward
/// and in range, and a return at the end.
fn check(prog: &[libc::sock_filter]) -> Result<()> {
    let len = prog.len();
    for (i, f) in prog.iter().enumerate() {
        let fits = |off: usize| i + 1 + off < len;
        let ok = match f.code {
            BPF_RET_K | BPF_ALU_AND_K => true,
            BPF_LD_W_ABS => f.k < 64 && f.k % 4 == 0,
            BPF_JA => fits(f.k as usize),
            BPF_JEQ_K | BPF_JGT_K | BPF_JGE_K | BPF_JSET_K => fits(f.jt as usize) && fits(f.jf as usize),
            _ => false,
        };
        ensure!(ok, "seccomp compiler produced a bad instruction {i}: code {:#x} k {:#x}", f.code, f.k);
    }
    ensure!(prog.last().is_some_and(|f| f.code == BPF_RET_K), "seccomp program does not end with a return");
    Ok(())
}

/// Where compiled programs are kept ([`compile_cached`]); unset, nothing is cached.
static CACHE_DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Keep compiled programs in `dir` (the user's run directory: tmpfs, the
/// user's alone, gone at reboot). Set once per process by the engine: a
/// process that opens engines on several run roots (a future API server
/// serving more than one user's store) caches in the first one's.
pub fn set_cache_dir(dir: std::path::PathBuf) {
    let _ = CACHE_DIR.set(dir);
}

/// The cache key of `profile` (the spec's `linux.seccomp`, as JSON) for
/// this very binary: a rebuilt or upgraded rpod, whose compiler may differ,
/// never reads another's programs.
fn cache_key(profile: &[u8]) -> Option<String> {
    use sha2::Digest;
    use std::os::unix::fs::MetadataExt;
    let exe = std::fs::metadata("/proc/self/exe").ok()?;
    let mut h = sha2::Sha256::new();
    h.update(format!("rpod seccomp {} {}:{} {} {}.{}\n", env!("CARGO_PKG_VERSION"), exe.dev(), exe.ino(), exe.size(), exe.mtime(), exe.mtime_nsec()));
    h.update(profile);
    Some(hex::encode(h.finalize()))
}

fn to_bytes(prog: &[libc::sock_filter]) -> Vec<u8> {
    prog.iter().flat_map(|f| [f.code.to_le_bytes().as_slice(), &[f.jt, f.jf], &f.k.to_le_bytes()].concat()).collect()
}

fn from_bytes(b: &[u8]) -> Option<Vec<libc::sock_filter>> {
    if b.is_empty() || b.len() % 8 != 0 || b.len() / 8 > usize::from(u16::MAX) {
        return None;
    }
    let prog: Vec<libc::sock_filter> = b
        .chunks_exact(8)
        .map(|c| libc::sock_filter { code: u16::from_le_bytes([c[0], c[1]]), jt: c[2], jf: c[3], k: u32::from_le_bytes([c[4], c[5], c[6], c[7]]) })
        .collect();
    // What `compile` itself checks: a damaged file is recompiled, never installed.
    check(&prog).ok().map(|()| prog)
}

/// [`compile`] of a spec's `linux.seccomp`, through a cache of compiled
/// programs keyed by the profile's SHA-256 (and this binary). Compiling
/// rpod's default profile is about 1.1 M instructions, a third of the
/// monitor's work before the container starts; a cached program is one file
/// read. A missing, unreadable or damaged entry is compiled again (and
/// rewritten); a cache that cannot be written changes nothing.
pub fn compile_cached(s: &oci_spec::runtime::LinuxSeccomp) -> Result<Vec<libc::sock_filter>> {
    compile_cached_in(CACHE_DIR.get().map(std::path::PathBuf::as_path), s)
}

fn compile_cached_in(dir: Option<&std::path::Path>, s: &oci_spec::runtime::LinuxSeccomp) -> Result<Vec<libc::sock_filter>> {
    let json = serde_json::to_vec(s).context("serialising the seccomp profile")?;
    let path = dir.zip(cache_key(&json)).map(|(d, k)| d.join(format!("{k}.bpf")));
    if let Some(prog) = path.as_deref().and_then(|p| crate::storage::read_regular(p, 1 << 20).ok()).and_then(|b| from_bytes(&b)) {
        return Ok(prog);
    }
    let prog = compile(&serde_json::from_slice(&json).context("reading the seccomp profile")?)?;
    if let (Some(dir), Some(path)) = (dir, &path) {
        if std::fs::create_dir_all(dir).is_ok() {
            let _ = crate::storage::atomic::write_file_fast(path, &to_bytes(&prog));
        }
    }
    Ok(prog)
}

/// Install a filter on the calling thread (before exec). Needs CAP_SYS_ADMIN
/// in the current user namespace or no_new_privs.
pub fn install(prog: &[libc::sock_filter]) -> std::io::Result<()> {
    let len = u16::try_from(prog.len()).map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    let fprog = libc::sock_fprog { len, filter: prog.as_ptr() as *mut libc::sock_filter };
    // SAFETY: fprog points at `prog`, which outlives the call; the kernel copies it.
    let rc = unsafe { libc::prctl(libc::PR_SET_SECCOMP, libc::SECCOMP_MODE_FILTER, &fprog as *const libc::sock_fprog) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};

    use super::*;
    use crate::runtime::caps::{ALL_CAPS, DEFAULT_CAPS};
    use crate::runtime::seccomp_default::{ALLOWED, BY_ARGUMENT, BY_CAPABILITY, DENIED, UNAVAILABLE};

    const CONTAINERS_COMMON: &str = "/usr/share/containers/seccomp.json";
    const UNDER_FILTER: &str = "RPOD_SECCOMP_TEST_UNDER_FILTER";

    fn containers_common() -> Value {
        let text = std::fs::read_to_string(CONTAINERS_COMMON).unwrap_or_else(|e| {
            panic!(
                "reading {CONTAINERS_COMMON}: {e}. The seccomp tests compare rpod's default with it: install Debian's \
                 golang-github-containers-common package (contrib/setup-test-env.sh installs it with podman)"
            )
        });
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {CONTAINERS_COMMON}: {e}"))
    }

    fn caps(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn plus(extra: &[&str]) -> Vec<String> {
        caps(DEFAULT_CAPS).into_iter().chain(caps(extra)).collect()
    }

    /// The capability sets the comparisons run with.
    fn cap_sets() -> Vec<(&'static str, Vec<String>)> {
        vec![
            ("the default capabilities", caps(DEFAULT_CAPS)),
            ("default + CAP_SYS_ADMIN", plus(&["CAP_SYS_ADMIN"])),
            (
                "default + other privileged capabilities",
                plus(&[
                    "CAP_SYS_PTRACE",
                    "CAP_SYSLOG",
                    "CAP_BPF",
                    "CAP_PERFMON",
                    "CAP_AUDIT_WRITE",
                    "CAP_SYS_TIME",
                    "CAP_SYS_MODULE",
                    "CAP_DAC_READ_SEARCH",
                    "CAP_SYS_BOOT",
                    "CAP_SYS_NICE",
                    "CAP_SYS_RAWIO",
                    "CAP_SYS_PACCT",
                    "CAP_SYS_TTY_CONFIG",
                ]),
            ),
            ("no capabilities", vec![]),
            ("every capability", caps(ALL_CAPS)),
        ]
    }

    fn nr(name: &str) -> u32 {
        SYSCALLS.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no syscall {name}")).1
    }

    /// A classic BPF interpreter for what the compiler emits, over a
    /// seccomp_data of the given arch.
    fn run_arch(prog: &[libc::sock_filter], arch: u32, nr: u32, args: &[u64; 6]) -> u32 {
        let mut data = [0u32; 16];
        data[0] = nr;
        data[1] = arch;
        for (i, a) in args.iter().enumerate() {
            data[4 + 2 * i] = *a as u32;
            data[5 + 2 * i] = (*a >> 32) as u32;
        }
        let (mut a, mut pc) = (0u32, 0usize);
        loop {
            let f = prog.get(pc).unwrap_or_else(|| panic!("ran off the end of the program at {pc}"));
            pc += 1;
            let cond = |c: bool| if c { f.jt as usize } else { f.jf as usize };
            match f.code {
                BPF_LD_W_ABS => a = data[(f.k / 4) as usize],
                BPF_ALU_AND_K => a &= f.k,
                BPF_JA => pc += f.k as usize,
                BPF_JEQ_K => pc += cond(a == f.k),
                BPF_JGT_K => pc += cond(a > f.k),
                BPF_JGE_K => pc += cond(a >= f.k),
                BPF_JSET_K => pc += cond(a & f.k != 0),
                BPF_RET_K => return f.k,
                c => panic!("unexpected instruction code {c:#x} at {}", pc - 1),
            }
        }
    }

    fn run(prog: &[libc::sock_filter], nr: u32, args: &[u64; 6]) -> u32 {
        run_arch(prog, AUDIT_ARCH_X86_64, nr, args)
    }

    fn holds(op: &str, arg: u64, value: u64, two: u64) -> bool {
        match op {
            "SCMP_CMP_EQ" => arg == value,
            "SCMP_CMP_NE" => arg != value,
            "SCMP_CMP_LT" => arg < value,
            "SCMP_CMP_LE" => arg <= value,
            "SCMP_CMP_GT" => arg > value,
            "SCMP_CMP_GE" => arg >= value,
            "SCMP_CMP_MASKED_EQ" => arg & value == two,
            other => panic!("operator {other}"),
        }
    }

    /// containers/common's semantics, evaluated straight from a profile file:
    /// the entries that apply to x86_64 and `caps`; a syscall is allowed iff
    /// an applicable allow entry matches its arguments and no applicable
    /// other entry does (then the most restrictive of those decides);
    /// otherwise the default action.
    struct Reference {
        default: u32,
        entries: HashMap<String, Vec<Entry>>,
    }

    /// An applicable entry: (order in the file, action, [(index, op, value, valueTwo)]).
    type Entry = (usize, u32, Vec<(usize, String, u64, u64)>);

    impl Reference {
        fn new(file: &Value, caps: &[String]) -> Reference {
            let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap();
            let kernel = kernel_version(release.trim()).unwrap();
            let errno = |v: &Value, name: &str, number: &str| -> Option<u32> {
                match v.get(name).and_then(Value::as_str).filter(|s| !s.is_empty()) {
                    Some(s) => Some(errno_value(s).unwrap()),
                    None => v.get(number).and_then(Value::as_u64).map(|n| n as u32),
                }
            };
            let strs = |v: Option<&Value>| -> Vec<String> {
                v.and_then(Value::as_array).map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect()).unwrap_or_default()
            };
            let default = action(file["defaultAction"].as_str().unwrap(), errno(file, "defaultErrno", "defaultErrnoRet")).unwrap();
            let mut entries: HashMap<String, Vec<_>> = HashMap::new();
            for (order, r) in file["syscalls"].as_array().unwrap().iter().enumerate() {
                let (inc, exc) = (r.get("includes").unwrap_or(&Value::Null), r.get("excludes").unwrap_or(&Value::Null));
                let has = |c: &String| caps.contains(c);
                let min = |f: &Value| f.get("minKernel").and_then(Value::as_str).map(|m| kernel >= kernel_version(m).unwrap());
                let inc_arches = strs(inc.get("arches"));
                if !strs(inc.get("caps")).iter().all(has)
                    || strs(exc.get("caps")).iter().any(has)
                    || (!inc_arches.is_empty() && !inc_arches.iter().any(|a| a == "amd64"))
                    || strs(exc.get("arches")).iter().any(|a| a == "amd64")
                    || min(inc) == Some(false)
                    || min(exc) == Some(true)
                {
                    continue;
                }
                let ret = action(r["action"].as_str().unwrap(), errno(r, "errno", "errnoRet")).unwrap();
                let cmp = |a: &Value| {
                    let two = a.get("valueTwo").and_then(Value::as_u64).unwrap_or(0);
                    (a["index"].as_u64().unwrap() as usize, a["op"].as_str().unwrap().to_string(), a["value"].as_u64().unwrap(), two)
                };
                let args: Vec<_> = r.get("args").and_then(Value::as_array).map(|a| a.iter().map(cmp).collect()).unwrap_or_default();
                let mut names = strs(r.get("names"));
                names.extend(r.get("name").and_then(Value::as_str).map(String::from));
                for n in names {
                    entries.entry(n).or_default().push((order, ret, args.clone()));
                }
            }
            Reference { default, entries }
        }

        fn decide(&self, name: &str, args: &[u64; 6]) -> u32 {
            let Some(entries) = self.entries.get(name) else { return self.default };
            let matching: Vec<_> = entries.iter().filter(|(_, _, cmps)| cmps.iter().all(|(i, op, v, two)| holds(op, args[*i], *v, *two))).collect();
            if let Some((_, ret, _)) = matching.iter().filter(|(_, ret, _)| *ret != RET_ALLOW).min_by_key(|(order, ret, _)| (precedence(*ret), *order)) {
                return *ret;
            }
            if matching.iter().any(|(_, ret, _)| *ret == RET_ALLOW) {
                RET_ALLOW
            } else {
                self.default
            }
        }
    }

    /// Argument values to try: zero, every constant of the profiles' argument
    /// rules, its neighbours, it with high bits set and in the high half, the
    /// masks combined,
    /// the flags glibc passes to clone for threads, fork and vfork, u64::MAX.
    fn values(profiles: &[&Value]) -> Vec<u64> {
        let mut consts = BTreeSet::new();
        for p in profiles {
            for r in p["syscalls"].as_array().unwrap() {
                for a in r.get("args").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
                    consts.insert(a["value"].as_u64().unwrap());
                    consts.extend(a.get("valueTwo").and_then(Value::as_u64));
                }
            }
        }
        let mut out: BTreeSet<u64> = [0, 1, 0xffff_ffff, 1 << 32, u64::MAX - 1, u64::MAX, 0x3d0f00, 0x1200011, 0x4111].into();
        out.insert(consts.iter().fold(0, |acc, c| acc | c));
        for c in consts {
            out.extend([c, c.wrapping_add(1), c.wrapping_sub(1), c | 1 << 32, c | 0xffff_ffff_0000_0000, c << 32, c << 32 | c]);
        }
        out.into_iter().collect()
    }

    /// The argument indices each syscall's rules look at, in any profile.
    fn indices(profiles: &[&Value]) -> HashMap<String, BTreeSet<usize>> {
        let mut out: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for p in profiles {
            for r in p["syscalls"].as_array().unwrap() {
                let args = r.get("args").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                let idx: Vec<usize> = args.iter().map(|a| a["index"].as_u64().unwrap() as usize).collect();
                for n in r.get("names").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
                    out.entry(n.as_str().unwrap().to_string()).or_default().extend(&idx);
                }
            }
        }
        out
    }

    /// Zero, all ones, each value in each argument, and every pair of values
    /// in every pair of the indices the syscall's rules combine.
    fn vectors(together: Option<&BTreeSet<usize>>, values: &[u64]) -> BTreeSet<[u64; 6]> {
        let mut out: BTreeSet<[u64; 6]> = [[0; 6], [u64::MAX; 6]].into();
        for i in 0..6 {
            for &v in values {
                let mut a = [0; 6];
                a[i] = v;
                out.insert(a);
            }
        }
        let together: Vec<usize> = together.map(|s| s.iter().copied().collect()).unwrap_or_default();
        for (x, &i) in together.iter().enumerate() {
            for &j in &together[x + 1..] {
                for &v in values {
                    for &w in values {
                        let mut a = [0; 6];
                        a[i] = v;
                        a[j] = w;
                        out.insert(a);
                    }
                }
            }
        }
        out
    }

    /// Failures grouped by syscall and capability set, each with the count
    /// and the first argument vectors.
    #[derive(Default)]
    struct Failures {
        checked: usize,
        groups: Vec<(String, Vec<String>)>,
    }

    impl Failures {
        fn add(&mut self, what: String, args: &[u64; 6], detail: String) {
            let line = format!("{args:x?}: {detail}");
            match self.groups.last_mut() {
                Some((w, lines)) if *w == what => lines.push(line),
                _ => self.groups.push((what, vec![line])),
            }
        }

        fn check(&self, heading: &str) {
            if self.groups.is_empty() {
                return;
            }
            let total: usize = self.groups.iter().map(|(_, l)| l.len()).sum();
            let mut text = format!("{heading}: {total} of {} checks failed, for {} syscalls:\n", self.checked, self.groups.len());
            for (what, lines) in &self.groups {
                text += &format!("{what}: {} argument vectors, e.g.\n", lines.len());
                for l in lines.iter().take(4) {
                    text += &format!("    {l}\n");
                }
            }
            panic!("{text}");
        }
    }

    #[test]
    fn default_is_at_least_as_strict_as_containers_common() {
        let file = containers_common();
        let mut failures = Failures::default();
        for (label, caps) in cap_sets() {
            let ours = default_profile(&caps);
            let prog = compile(&ours).unwrap();
            let reference = Reference::new(&file, &caps);
            let (values, indices) = (values(&[&file, &ours]), indices(&[&file, &ours]));
            for &(name, nr) in SYSCALLS {
                for args in vectors(indices.get(name), &values) {
                    failures.checked += 1;
                    let theirs = reference.decide(name, &args);
                    if run(&prog, nr, &args) == RET_ALLOW && theirs != RET_ALLOW {
                        failures.add(format!("{name} with {label}"), &args, format!("rpod allows, the file returns {theirs:#x}"));
                    }
                }
            }
        }
        failures.check(&format!("rpod's default allows what {CONTAINERS_COMMON} refuses"));
    }

    #[test]
    fn containers_common_file_compiles_to_its_semantics() {
        let file = containers_common();
        let mut failures = Failures::default();
        for (label, caps) in cap_sets() {
            let prog = compile(&from_docker_json(&file, &caps).unwrap()).unwrap();
            let reference = Reference::new(&file, &caps);
            let (values, indices) = (values(&[&file]), indices(&[&file]));
            for &(name, nr) in SYSCALLS {
                for args in vectors(indices.get(name), &values) {
                    failures.checked += 1;
                    let (got, want) = (run(&prog, nr, &args), reference.decide(name, &args));
                    if got != want {
                        failures.add(format!("{name} with {label}"), &args, format!("the filter returns {got:#x}, the file says {want:#x}"));
                    }
                }
            }
        }
        failures.check(&format!("{CONTAINERS_COMMON} compiled through from_docker_json"));
    }

    #[test]
    fn profile_file_honours_capabilities() {
        let file = containers_common();
        let verdict = |caps: &[String], name: &str, args: [u64; 6]| run(&compile(&from_docker_json(&file, caps).unwrap()).unwrap(), nr(name), &args);
        let z = [0; 6];
        let audit = [16, 3, 9, 0, 0, 0];
        let default = caps(DEFAULT_CAPS);
        for name in ["setns", "sethostname", "bpf", "quotactl", "kcmp", "open_by_handle_at", "iopl"] {
            assert_eq!(verdict(&default, name, z), RET_ERRNO | EPERM, "{name}");
        }
        assert_eq!(verdict(&default, "chroot", z), RET_ALLOW);
        assert_eq!(verdict(&default, "socket", audit), RET_ERRNO | EINVAL);
        assert_eq!(verdict(&default, "socket", [2, 1, 0, 0, 0, 0]), RET_ALLOW);
        let admin = plus(&["CAP_SYS_ADMIN"]);
        for name in ["setns", "sethostname", "bpf", "quotactl"] {
            assert_eq!(verdict(&admin, name, z), RET_ALLOW, "{name} with CAP_SYS_ADMIN");
        }
        assert_eq!(verdict(&admin, "kcmp", z), RET_ERRNO | EPERM);
        assert_eq!(verdict(&plus(&["CAP_SYS_PTRACE"]), "kcmp", z), RET_ALLOW);
        assert_eq!(verdict(&plus(&["CAP_AUDIT_WRITE"]), "socket", audit), RET_ALLOW);
        assert_eq!(verdict(&[], "chroot", z), RET_ERRNO | EPERM, "chroot after --cap-drop all");
    }

    #[test]
    fn docker_profile_conversion() {
        let d = json!({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1, "syscalls": [
            {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
            {"names": ["mount", "unshare"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
            {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
            {"names": ["kcmp"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "999.0"}},
            {"names": ["getpid"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "4.8"}},
            {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
            {"names": ["set_tls"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm", "arm64"]}},
            {"names": ["chroot"], "action": "SCMP_ACT_ALLOW", "excludes": {"caps": ["CAP_SYS_ADMIN", "CAP_SYS_CHROOT"]}},
            {"name": "fsync", "action": "SCMP_ACT_ERRNO", "errno": "EROFS", "errnoRet": 1},
        ]});
        let verdict = |caps: &[String], name: &str| {
            let oci = convert(&d, caps, Some((6, 1))).unwrap();
            run(&compile(&oci).unwrap(), nr(name), &[0; 6])
        };
        let admin = caps(&["CAP_SYS_ADMIN"]);
        assert_eq!(verdict(&admin, "mount"), RET_ALLOW);
        assert_eq!(verdict(&admin, "unshare"), RET_ALLOW);
        assert_eq!(verdict(&[], "mount"), RET_ERRNO | EPERM);
        assert_eq!(verdict(&[], "unshare"), RET_ERRNO | EPERM);
        assert_eq!(verdict(&[], "ptrace"), RET_ALLOW, "minKernel 4.8 holds on 6.1");
        assert_eq!(verdict(&[], "kcmp"), RET_ERRNO | EPERM, "minKernel 999.0 does not");
        assert_eq!(verdict(&[], "getpid"), RET_ERRNO | EPERM, "excluded from 4.8 on");
        assert_eq!(verdict(&[], "arch_prctl"), RET_ALLOW);
        assert_eq!(verdict(&[], "chroot"), RET_ALLOW);
        assert_eq!(verdict(&caps(&["CAP_SYS_CHROOT"]), "chroot"), RET_ERRNO | EPERM, "any excluded capability skips the entry");
        assert_eq!(verdict(&[], "fsync"), RET_ERRNO | 30, "errno (EROFS) wins over errnoRet");
        let oci = convert(&d, &[], Some((6, 1))).unwrap();
        let names: Vec<&str> = oci["syscalls"].as_array().unwrap().iter().flat_map(|r| r["names"].as_array().unwrap()).map(|n| n.as_str().unwrap()).collect();
        assert!(!names.contains(&"set_tls"), "an arm-only entry is dropped: {names:?}");
        assert!(convert(&d, &[], None).is_err(), "minKernel needs the kernel's version");
        assert!(from_docker_json(&json!({}), &[]).is_err());
        let one = |entry: Value| from_docker_json(&json!({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [entry]}), &[]);
        assert!(one(json!({"names": ["read"]})).is_err(), "an entry without action");
        assert!(one(json!({"name": "read", "names": ["write"], "action": "SCMP_ACT_ERRNO"})).is_err());
        assert!(one(json!({"names": ["read"], "action": "SCMP_ACT_ERRNO", "errno": "EBOGUS"})).is_err());
        assert!(one(json!({"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": -1})).is_err());
        assert!(from_docker_json(&json!({"defaultAction": "SCMP_ACT_NOTIFY"}), &[]).is_err());
    }

    #[test]
    fn default_profile_compiles() {
        for (label, caps) in cap_sets() {
            let p = default_profile(&caps);
            let prog = compile(&p).unwrap();
            assert!(prog.len() < 1024, "{label}: {} instructions", prog.len());
            // The profile survives the trip through the saved OCI spec
            // (`rpod exec` compiles it from there).
            let typed: oci_spec::runtime::LinuxSeccomp = serde_json::from_value(p.clone()).unwrap();
            let again = compile(&serde_json::to_value(&typed).unwrap()).unwrap();
            let words = |p: &[libc::sock_filter]| p.iter().map(|f| (f.code, f.jt, f.jf, f.k)).collect::<Vec<_>>();
            assert_eq!(words(&prog), words(&again), "{label}");
        }
    }

    #[test]
    fn compiled_programs_stay_in_bounds() {
        let file = containers_common();
        let mut progs = Vec::new();
        for (label, caps) in cap_sets() {
            progs.push((format!("default, {label}"), compile(&default_profile(&caps)).unwrap()));
            progs.push((format!("{CONTAINERS_COMMON}, {label}"), compile(&from_docker_json(&file, &caps).unwrap()).unwrap()));
        }
        for (label, prog) in progs {
            assert!(prog.len() <= MAX_INSNS, "{label}: {} instructions", prog.len());
            for (i, f) in prog.iter().enumerate() {
                let targets: Vec<usize> = match f.code {
                    BPF_JA => vec![f.k as usize],
                    BPF_JEQ_K | BPF_JGT_K | BPF_JGE_K | BPF_JSET_K => vec![f.jt as usize, f.jf as usize],
                    _ => vec![],
                };
                for t in targets {
                    assert!(i + 1 + t < prog.len(), "{label}: the jump at {i} lands outside the program");
                }
            }
            assert_eq!(prog.last().unwrap().code, BPF_RET_K, "{label}");
        }
    }

    #[test]
    fn every_syscall_has_a_place_in_the_default() {
        let mut places: HashMap<&str, Vec<&str>> = HashMap::new();
        let lists: Vec<(&str, &[&str])> = vec![("ALLOWED", ALLOWED), ("DENIED", DENIED), ("UNAVAILABLE", UNAVAILABLE), ("BY_ARGUMENT", BY_ARGUMENT)];
        for (list, names) in lists.into_iter().chain(BY_CAPABILITY.iter().map(|(cap, names)| (*cap, *names))) {
            for n in names {
                assert!(SYSCALLS.iter().any(|(s, _)| s == n), "{n} in {list} is no x86_64 syscall");
                places.entry(n).or_default().push(list);
            }
        }
        for (name, _) in SYSCALLS {
            let p = places.get(name).cloned().unwrap_or_default();
            assert_eq!(p.len(), 1, "{name} must be in exactly one list of seccomp_default, is in {p:?}");
        }
        for (label, caps) in cap_sets() {
            let prog = compile(&default_profile(&caps)).unwrap();
            for name in UNAVAILABLE {
                assert_eq!(run(&prog, nr(name), &[0; 6]), RET_ERRNO | ENOSYS, "{name} with {label}");
            }
            for name in DENIED {
                assert_eq!(run(&prog, nr(name), &[0; 6]), RET_ERRNO | EPERM, "{name} with {label}");
            }
            for name in ALLOWED {
                assert_eq!(run(&prog, nr(name), &[u64::MAX; 6]), RET_ALLOW, "{name} with {label}");
            }
            for (cap, names) in BY_CAPABILITY {
                let want = if caps.iter().any(|c| c == cap) { RET_ALLOW } else { RET_ERRNO | EPERM };
                for name in *names {
                    assert_eq!(run(&prog, nr(name), &[0; 6]), want, "{name} with {label}");
                }
            }
        }
    }

    #[test]
    fn default_keeps_ordinary_programs_working() {
        let prog = compile(&default_profile(&caps(DEFAULT_CAPS))).unwrap();
        let call = |name: &str, args: &[u64]| {
            let mut a = [0; 6];
            a[..args.len()].copy_from_slice(args);
            run(&prog, nr(name), &a)
        };
        // glibc's thread, fork and vfork flags; then namespace flags.
        assert_eq!(call("clone", &[0x3d0f00]), RET_ALLOW);
        assert_eq!(call("clone", &[0x1200011]), RET_ALLOW);
        assert_eq!(call("clone", &[0x4111]), RET_ALLOW);
        for flag in [0x20000u64, 0x2000000, 0x4000000, 0x8000000, 0x10000000, 0x20000000, 0x40000000] {
            assert_eq!(call("clone", &[flag | 0x11]), RET_ERRNO | EPERM, "clone {flag:#x}");
            assert_eq!(call("unshare", &[flag]), RET_ERRNO | EPERM, "unshare {flag:#x}");
        }
        assert_eq!(call("unshare", &[0x80]), RET_ERRNO | EPERM, "CLONE_NEWTIME");
        assert_eq!(call("unshare", &[0x200 | 0x400]), RET_ALLOW, "CLONE_FS|CLONE_FILES");
        assert_eq!(call("clone3", &[]), RET_ERRNO | ENOSYS, "glibc falls back to clone on ENOSYS");
        assert_eq!(call("personality", &[0xffff_ffff]), RET_ALLOW);
        assert_eq!(call("personality", &[8]), RET_ALLOW);
        assert_eq!(call("personality", &[0x40000]), RET_ERRNO | ENOSYS);
        assert_eq!(call("socket", &[2, 1, 0]), RET_ALLOW);
        assert_eq!(call("socket", &[10, 2, 0]), RET_ALLOW);
        assert_eq!(call("socket", &[16, 3, 0]), RET_ALLOW, "NETLINK_ROUTE");
        assert_eq!(call("socket", &[16, 3, 9]), RET_ERRNO | EINVAL, "NETLINK_AUDIT");
        assert_eq!(call("socket", &[16 | 1 << 32, 3, 9 | 1 << 32]), RET_ERRNO | EINVAL, "the kernel ignores the high halves");
        for name in ["syslog", "mount", "umount2", "pivot_root", "setns", "reboot", "vmsplice", "process_madvise", "pidfd_getfd"] {
            assert_eq!(call(name, &[]), RET_ERRNO | EPERM, "{name}");
        }
        for name in ["io_uring_setup", "keyctl", "add_key"] {
            assert_eq!(call(name, &[]), RET_ERRNO | ENOSYS, "{name}");
        }
        for name in [
            "read",
            "write",
            "openat",
            "close",
            "newfstatat",
            "statx",
            "getdents64",
            "mmap",
            "brk",
            "execve",
            "wait4",
            "exit_group",
            "rt_sigaction",
            "ioctl",
            "fcntl",
            "mkdir",
            "setresuid",
            "capset",
            "prctl",
            "kill",
            "ptrace",
            "arch_prctl",
            "set_tid_address",
            "rseq",
            "futex",
            "chroot",
            "chown",
            "setuid",
        ] {
            assert_eq!(call(name, &[1, 2, 3]), RET_ALLOW, "{name}");
        }
        assert_eq!(run(&prog, 1000, &[0; 6]), RET_ERRNO | ENOSYS, "a number the table does not know");
        assert_eq!(run(&prog, X32_SYSCALL_BIT, &[0; 6]), RET_ERRNO | ENOSYS, "x32");
        assert_eq!(run_arch(&prog, 0x4000_0003, 0, &[0; 6]), RET_KILL_PROCESS, "i386");
        let admin = compile(&default_profile(&plus(&["CAP_SYS_ADMIN"]))).unwrap();
        for (name, args) in
            [("clone", [0x10000011u64, 0, 0, 0, 0, 0]), ("clone3", [0; 6]), ("unshare", [0x7e020080, 0, 0, 0, 0, 0]), ("mount", [0; 6]), ("setns", [0; 6])]
        {
            assert_eq!(run(&admin, nr(name), &args), RET_ALLOW, "{name} with CAP_SYS_ADMIN");
        }
    }

    #[test]
    fn argument_operators_compare_64_bits() {
        let ops = ["SCMP_CMP_EQ", "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_GT", "SCMP_CMP_GE", "SCMP_CMP_MASKED_EQ"];
        let points = [0u64, 5, 0xffff_ffff, 1 << 32, (1 << 32) + 5, 0x8000_0000_0000_0000, u64::MAX];
        let mut args: BTreeSet<u64> = BTreeSet::new();
        for p in points {
            args.extend([p, p.wrapping_add(1), p.wrapping_sub(1), p ^ (1 << 32), p ^ 1]);
        }
        for op in ops {
            for value in points {
                let two = value & 0x0000_0001_0000_0005;
                let prof = json!({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": ENOSYS, "syscalls": [
                    {"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 3, "value": value, "valueTwo": two, "op": op}]},
                ]});
                let prog = compile(&prof).unwrap();
                for &a in &args {
                    let want = if holds(op, a, value, two) { RET_ALLOW } else { RET_ERRNO | ENOSYS };
                    assert_eq!(run(&prog, 0, &[0, 0, 0, a, 0, 0]), want, "{op} {value:#x} (two {two:#x}) on {a:#x}");
                }
            }
        }
        let arg = |a: Value| json!({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ERRNO", "args": [a]}]});
        assert!(compile(&arg(json!({"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}))).is_err());
        assert!(compile(&arg(json!({"index": 0, "value": 1, "op": "SCMP_CMP_BOGUS"}))).is_err());
        assert!(compile(&json!({"defaultAction": "SCMP_ACT_BOGUS"})).is_err());
    }

    #[test]
    fn restrictive_rules_win_whatever_their_order() {
        let allow = json!({"names": ["clone"], "action": "SCMP_ACT_ALLOW"});
        let newuser = json!({"index": 0, "value": 0x10000000u64, "valueTwo": 0x10000000u64, "op": "SCMP_CMP_MASKED_EQ"});
        let deny = json!({"names": ["clone"], "action": "SCMP_ACT_ERRNO", "errnoRet": EPERM, "args": [newuser]});
        let kill = json!({"names": ["clone"], "action": "SCMP_ACT_KILL_PROCESS", "args": [{"index": 1, "value": 7, "op": "SCMP_CMP_EQ"}]});
        for rules in [json!([allow, deny, kill]), json!([kill, deny, allow]), json!([deny, allow, kill])] {
            let prog = compile(&json!({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": ENOSYS, "syscalls": rules})).unwrap();
            assert_eq!(run(&prog, nr("clone"), &[0x11, 0, 0, 0, 0, 0]), RET_ALLOW);
            assert_eq!(run(&prog, nr("clone"), &[0x10000011, 0, 0, 0, 0, 0]), RET_ERRNO | EPERM);
            assert_eq!(run(&prog, nr("clone"), &[0x10000011, 7, 0, 0, 0, 0]), RET_KILL_PROCESS);
            assert_eq!(run(&prog, nr("read"), &[0; 6]), RET_ERRNO | ENOSYS);
        }
        // An allow rule with arguments and no unconditional rule: the default
        // applies when it does not match.
        let prog = compile(&json!({"defaultAction": "SCMP_ACT_KILL", "syscalls": [
            {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
        ]}))
        .unwrap();
        assert_eq!(run(&prog, nr("personality"), &[8, 0, 0, 0, 0, 0]), RET_ALLOW);
        assert_eq!(run(&prog, nr("personality"), &[9, 0, 0, 0, 0, 0]), RET_KILL_THREAD);
    }

    #[test]
    fn default_filter_runs_ordinary_programs() {
        use std::os::unix::process::CommandExt;
        let prog = compile(&default_profile(&caps(DEFAULT_CAPS))).unwrap();
        let setup = move || -> std::io::Result<()> {
            // SAFETY: prctl with integer arguments only.
            if unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } != 0 {
                return Err(std::io::Error::last_os_error());
            }
            install(&prog)
        };
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["runtime::seccomp::tests::ordinary_programs_under_filter", "--exact", "--nocapture", "--test-threads=1"]);
        cmd.env(UNDER_FILTER, "1");
        // SAFETY: `setup` runs between fork and exec; it only makes system calls and allocates nothing.
        unsafe { cmd.pre_exec(setup) };
        let out = cmd.output().expect("running the test binary under rpod's default filter");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "under rpod's default filter ({}):\n{text}", out.status);
        assert!(text.contains("1 passed"), "the helper test did not run:\n{text}");
    }

    /// Run by `default_filter_runs_ordinary_programs` under the filter; a no-op
    /// otherwise.
    #[test]
    fn ordinary_programs_under_filter() {
        if std::env::var_os(UNDER_FILTER).is_none() {
            return;
        }
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        assert!(status.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Seccomp:", "2"]), "no filter installed");
        // Threads: glibc's pthread_create tries clone3 first and must fall back to clone.
        let threads: Vec<_> = (0..4u32).map(|i| std::thread::spawn(move || i * 2)).collect();
        assert_eq!(threads.into_iter().map(|t| t.join().unwrap()).sum::<u32>(), 12);
        let errno = |rc: libc::c_long| if rc == -1 { std::io::Error::last_os_error().raw_os_error() } else { None };
        let null = std::ptr::null::<u8>();
        // SAFETY: raw syscalls with integers and null pointers only, which the kernel checks.
        let got = unsafe {
            [
                ("clone3", errno(libc::syscall(libc::SYS_clone3, null, 0usize)), Some(libc::ENOSYS)),
                ("unshare(CLONE_NEWUSER)", errno(libc::syscall(libc::SYS_unshare, libc::CLONE_NEWUSER)), Some(libc::EPERM)),
                ("setns", errno(libc::syscall(libc::SYS_setns, -1, 0)), Some(libc::EPERM)),
                ("mount", errno(libc::syscall(libc::SYS_mount, null, null, null, 0, null)), Some(libc::EPERM)),
                ("syslog", errno(libc::syscall(libc::SYS_syslog, 10, null, 0)), Some(libc::EPERM)),
                ("io_uring_setup", errno(libc::syscall(libc::SYS_io_uring_setup, 1, null)), Some(libc::ENOSYS)),
                ("keyctl", errno(libc::syscall(libc::SYS_keyctl, 0, -3, 0)), Some(libc::ENOSYS)),
                ("vmsplice", errno(libc::syscall(libc::SYS_vmsplice, -1, null, 0, 0)), Some(libc::EPERM)),
                ("audit socket", errno(libc::syscall(libc::SYS_socket, libc::AF_NETLINK, libc::SOCK_RAW, 9)), Some(libc::EINVAL)),
                ("personality(0x40000)", errno(libc::syscall(libc::SYS_personality, 0x40000)), Some(libc::ENOSYS)),
                ("personality query", errno(libc::syscall(libc::SYS_personality, 0xffff_ffffu64)), None),
            ]
        };
        for (what, got, want) in got {
            assert_eq!(got, want, "{what}");
        }
        // Programs: fork, exec, pipes, the usual tools (busybox's too when installed).
        let script = r#"set -e
ls / >/dev/null
id >/dev/null
d=$(mktemp -d)
mkdir "$d/x"
rmdir "$d/x" "$d"
echo ok | cat | grep -q ok
if command -v ps >/dev/null; then ps -e >/dev/null; fi
if command -v busybox >/dev/null; then
    busybox sh -ec 'busybox ls / >/dev/null; busybox id >/dev/null; busybox ps >/dev/null
        d=$(busybox mktemp -d); busybox mkdir "$d/x"; busybox rmdir "$d/x" "$d"'
fi
"#;
        let st = std::process::Command::new("/bin/sh").args(["-c", script]).status().unwrap();
        assert!(st.success(), "sh, ls, id, mkdir, ps under the filter: {st}");
    }

    /// The compiled-program cache gives back exactly what the compiler
    /// makes; a damaged or hostile entry (truncated, a jump out of the
    /// program, no final return, a FIFO) is compiled again, never installed,
    /// and another profile gets another entry.
    #[test]
    fn cached_programs_are_the_compilers_and_damaged_ones_are_recompiled() {
        let dir = std::env::temp_dir().join(format!("rpod-seccomp-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let defaults: Vec<String> = DEFAULT_CAPS.iter().map(|s| s.to_string()).collect();
        let typed: oci_spec::runtime::LinuxSeccomp = serde_json::from_value(default_profile(&defaults)).unwrap();
        let fresh = compile(&serde_json::to_value(&typed).unwrap()).unwrap();
        let bytes = |p: &[libc::sock_filter]| to_bytes(p);
        assert_eq!(bytes(&compile_cached_in(Some(&dir), &typed).unwrap()), bytes(&fresh));
        let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        let entry = &entries[0];
        assert_eq!(std::fs::read(entry).unwrap(), bytes(&fresh));
        assert_eq!(bytes(&compile_cached_in(Some(&dir), &typed).unwrap()), bytes(&fresh), "read back");
        // Damaged entries: each is recompiled and rewritten.
        let mut far_jump = bytes(&fresh);
        far_jump[2] = 0xff; // jt of the first instruction: out of the program
        far_jump[0..2].copy_from_slice(&BPF_JEQ_K.to_le_bytes());
        let no_return = bytes(&fresh[..fresh.len() - 1]);
        for bad in [bytes(&fresh)[..13].to_vec(), Vec::new(), far_jump, no_return] {
            std::fs::write(entry, &bad).unwrap();
            assert_eq!(bytes(&compile_cached_in(Some(&dir), &typed).unwrap()), bytes(&fresh));
            assert_eq!(std::fs::read(entry).unwrap(), bytes(&fresh), "rewritten");
        }
        std::fs::remove_file(entry).unwrap();
        nix::unistd::mkfifo(entry, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        assert_eq!(bytes(&compile_cached_in(Some(&dir), &typed).unwrap()), bytes(&fresh), "a FIFO is not waited on");
        // Another profile, another key.
        let other: oci_spec::runtime::LinuxSeccomp = serde_json::from_value(default_profile(&caps(&["CAP_SYS_ADMIN"]))).unwrap();
        let other_prog = compile_cached_in(Some(&dir), &other).unwrap();
        assert_ne!(bytes(&other_prog), bytes(&fresh));
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
