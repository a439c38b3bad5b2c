//! `rpod __complete` lists live names for the completion scripts, and the
//! generated bash script offers them.

mod common;

use std::process::Command;

use common::*;

fn lines(s: &str) -> Vec<String> {
    s.lines().map(String::from).collect()
}

#[test]
fn complete_lists_the_right_names_for_each_command() {
    let env = TestEnv::new("complete");
    let bb = img("busybox");
    env.pull(&bb);
    env.ok(&["run", "-d", "--name", "up", &bb, "sleep", "100"]);
    env.ok(&["create", "--name", "made", &bb, "true"]);
    env.ok(&["run", "--name", "done", &bb, "true"]);
    env.ok(&["volume", "create", "data"]);
    let c = |words: &[&str]| {
        let mut args = vec!["__complete", "--"];
        args.extend_from_slice(words);
        let out = env.rpod(&args);
        assert_eq!(out.code, 0, "{}", out.dump());
        assert!(out.stderr.is_empty(), "completion never prints errors:\n{}", out.dump());
        lines(&out.stdout)
    };
    let image = format!("{bb}:latest");
    assert_eq!(c(&["stop"]), ["up"]);
    assert_eq!(c(&["kill", "-s", "TERM"]), ["up"], "the value of -s is not a container");
    assert_eq!(c(&["exec", "-it"]), ["up"]);
    assert!(c(&["exec", "up"]).is_empty(), "the command after the container is not completed");
    assert_eq!(c(&["container", "stop"]), ["up"]);
    assert_eq!(c(&["rm", "-f"]), ["done", "made", "up"]);
    assert_eq!(c(&["start"]), ["done", "made", "up"]);
    assert_eq!(c(&["logs"]), ["done", "made", "up"]);
    assert!(c(&["unpause"]).is_empty(), "nothing is paused");
    assert_eq!(c(&["rmi"]), vec![image.clone()]);
    assert_eq!(c(&["image", "rm"]), vec![image.clone()]);
    assert_eq!(c(&["run", "--name", "x", "-e", "A=1"]), vec![image.clone()]);
    assert!(c(&["run", "--name"]).is_empty(), "the value of --name");
    assert!(c(&["run", &bb]).is_empty(), "the command after the image");
    assert_eq!(c(&["volume", "rm"]), ["data"]);
    assert_eq!(c(&["volume", "inspect"]), ["data"]);
    assert!(c(&["ps"]).is_empty());
    let mut both = vec!["done".to_string(), "made".into(), "up".into(), image.clone()];
    both.sort();
    assert_eq!(c(&["inspect"]), both);
    // --root in the typed words points at another store: its (empty) names.
    let other = env.dir.join("other-store");
    assert!(c(&["--root", other.to_str().unwrap(), "stop"]).is_empty());
    env.ok(&["rm", "-f", "-t", "0", "up"]);
}

#[test]
fn generated_bash_script_offers_live_names() {
    let env = TestEnv::new("complete-bash");
    let bb = img("busybox");
    env.pull(&bb);
    env.ok(&["create", "--name", "alpha", &bb, "true"]);
    env.ok(&["create", "--name", "beta", &bb, "true"]);
    // `command rpod` in the script must find the binary under test.
    let bin = env.dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("rpod")).unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/rpod.bash");
    let complete = |line: &str| bash_complete(&env, &script, &bin, line);
    assert_eq!(complete("rpod rm "), ["alpha", "beta"]);
    assert_eq!(complete("rpod rm al"), ["alpha"]);
    assert_eq!(complete("rpod container start b"), ["beta"]);
    let stop = complete("rpod stop ");
    assert!(!stop.iter().any(|n| n == "alpha" || n == "beta"), "created containers do not run: {stop:?}");
    // Options still come from clap's static completion.
    assert!(complete("rpod rm --fo").contains(&"--force".to_string()));
    // An image name with a colon: bash splits the word at `:`, so the
    // candidate is trimmed to what follows the last colon in the word.
    let reg = registry();
    let typed = format!("rpod rmi {reg}/busy");
    let got = complete(&typed);
    assert_eq!(got, [format!("{}/busybox:latest", reg.rsplit_once(':').unwrap().1)], "{typed}");
}

/// What bash offers for `line` (the cursor at its end), with the completion
/// `script` sourced and `bin` (holding `rpod`) first on PATH, as the env's user.
fn bash_complete(env: &TestEnv, script: &std::path::Path, bin: &std::path::Path, line: &str) -> Vec<String> {
    let body = format!(
        "source {}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<< \"$COMP_LINE\"; \
         [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
         _rpod_live rpod \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let prefix = env.shell_line(&[]);
    let prefix = prefix.strip_suffix(BIN).expect("shell_line ends with the binary");
    let q = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let cmd = format!("{prefix}{} bash -c {}", q(&format!("PATH={}:{PATH}", bin.display())), q(&body));
    let out = Command::new("sh").arg("-c").arg(&cmd).current_dir(&env.dir).output().unwrap();
    assert!(out.status.success(), "{cmd}\n{}", String::from_utf8_lossy(&out.stderr));
    let mut v: Vec<String> = lines(&String::from_utf8_lossy(&out.stdout)).into_iter().filter(|l| !l.is_empty()).collect();
    v.sort();
    v
}

/// `rpod <TAB>` in bash offers the commands users type and none of the
/// hidden ones (`__complete`, `container-monitor`), from the script the
/// current CLI definitions generate.
#[test]
fn bash_never_offers_hidden_subcommands() {
    let env = TestEnv::new("complete-hidden");
    let bin = env.dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("rpod")).unwrap();
    let script = env.dir.join("rpod.bash");
    std::fs::write(&script, rpod::cli::docs::completion_script(clap_complete::Shell::Bash)).unwrap();
    let top = bash_complete(&env, &script, &bin, "rpod ");
    for want in ["pull", "run", "volume", "quadlet", "doctor"] {
        assert!(top.iter().any(|c| c == want), "{want} missing from {top:?}");
    }
    for hidden in ["__complete", "container-monitor"] {
        assert!(!top.iter().any(|c| c == hidden), "rpod <TAB> offers {hidden}: {top:?}");
    }
    assert!(bash_complete(&env, &script, &bin, "rpod __c").is_empty());
    assert!(bash_complete(&env, &script, &bin, "rpod container-m").is_empty());
    assert!(!bash_complete(&env, &script, &bin, "rpod help ").iter().any(|c| c.starts_with("__") || c == "container-monitor"));
}
