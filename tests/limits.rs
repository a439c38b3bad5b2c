//! Resource limit flags, run as the unprivileged test user. This machine's
//! cgroup v2 tree offers no memory, cpu or pids controller to the user (see
//! ../shared/notes/machine-facts.md), so here the tests check that a limit
//! is refused before anything is stored, in one line naming the controller
//! and the systemd drop-in; that limits are enforced needs a systemd host
//! with delegation (the qemu tier of issue 16, not built yet).

mod common;

use common::*;

#[test]
fn limits_without_a_delegated_controller_are_refused_before_anything_is_stored() {
    let env = TestEnv::new("limits-refused");
    let bb = img("busybox");
    env.pull(&bb);
    for (flag, value, controller) in [("--memory", "100m", "memory"), ("--pids-limit", "50", "pids"), ("--cpus", "0.5", "cpu")] {
        let out = env.fails(&["run", "--rm", flag, value, &bb, "true"], 125);
        let line = out.assert_one_error_line();
        // Either the controller is missing from the delegated subtree, or
        // there is no delegated subtree at all: both say what to do.
        assert!(
            (line.contains(&format!("the {controller} controller is not delegated")) && line.contains("Delegate=")) || line.contains("delegated to you"),
            "{flag}: {line}"
        );
    }
    for args in [
        vec!["--memory", "1k"],
        vec!["--memory", "lots"],
        vec!["--memory-swap", "1g"],
        vec!["--cpus", "0"],
        vec!["--cpus", "1", "--cpu-quota", "50000"],
        vec!["--cpuset-cpus", "0;true"],
        vec!["--blkio-weight", "5"],
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend(args.iter().copied());
        a.extend([bb.as_str(), "true"]);
        let out = env.fails(&a, 125);
        out.assert_one_error_line();
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused limit left a container behind");
}
