//! The EXAMPLES section of each man page (Podman's man pages have one for
//! every command): (what it does, the command line). Keyed by the command's
//! path (`volume create`); `container X` and `image X` share the examples
//! of the command they are another name for. A unit test parses every
//! example with rpod's own clap definitions, so none goes stale.

/// The examples of the command at `path` (words after `rpod`), if any.
pub fn for_command(path: &str) -> Option<&'static [(&'static str, &'static str)]> {
    let key = canonical(path);
    EXAMPLES.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// `container run` → `run`, `image ls` → `images`, ...
pub fn canonical(path: &str) -> String {
    let alias = match path {
        "container ls" => "ps",
        "image ls" => "images",
        "image rm" => "rmi",
        "image inspect" => "image inspect",
        "image exists" => "image exists",
        "image prune" => "image prune",
        "container exists" => "container exists",
        "container inspect" => "container inspect",
        "container prune" => "container prune",
        "system info" => "info",
        p => p.strip_prefix("container ").or_else(|| p.strip_prefix("image ")).unwrap_or(p),
    };
    alias.to_string()
}

type Examples = &'static [(&'static str, &'static str)];

const EXAMPLES: &[(&str, Examples)] = &[
    (
        "",
        &[
            ("Run a container from busybox and remove it when it exits.", "rpod run --rm docker.io/library/busybox echo hello"),
            ("Check what rootless rpod needs on this machine.", "rpod doctor"),
        ],
    ),
    (
        "run",
        &[
            ("Run a command in a new container, removed when it exits.", "rpod run --rm docker.io/library/alpine cat /etc/os-release"),
            ("Run a web server in the background, published on port 8080 of loopback.", "rpod run -d --name web -p 127.0.0.1:8080:80 docker.io/library/nginx"),
            ("An interactive shell with a named volume mounted at /data.", "rpod run -it --rm -v data:/data docker.io/library/busybox sh"),
            (
                "With limits: half a CPU, 256 MiB of memory and 100 processes.",
                "rpod run --rm --cpus 0.5 --memory 256m --pids-limit 100 docker.io/library/busybox true",
            ),
            ("Replace a container of the same name, as a systemd unit does.", "rpod run -d --replace --name web --sdnotify=conmon docker.io/library/nginx"),
            ("Run on a directory instead of an image (changes discarded with :O).", "rpod run --rm -it --rootfs ./rootfs:O /bin/sh"),
        ],
    ),
    (
        "create",
        &[
            ("Create a container without starting it.", "rpod create --name db -e POSTGRES_PASSWORD=secret docker.io/library/postgres"),
            ("Write its ID to a file.", "rpod create --cidfile /tmp/db.id docker.io/library/busybox sleep 600"),
        ],
    ),
    ("start", &[("Start a created or stopped container.", "rpod start db"), ("Start it and attach to its output.", "rpod start -a db")]),
    (
        "stop",
        &[
            ("Stop a container (SIGTERM, then SIGKILL after 10 s).", "rpod stop web"),
            ("Stop every running container, waiting at most 2 s each.", "rpod stop -a -t 2"),
        ],
    ),
    ("restart", &[("Restart a container.", "rpod restart web")]),
    ("kill", &[("Send SIGKILL to a container.", "rpod kill web"), ("Send another signal.", "rpod kill -s HUP web")]),
    (
        "rm",
        &[
            ("Remove a stopped container.", "rpod rm web"),
            ("Remove a container even if it runs, with its anonymous volumes.", "rpod rm -f -v web"),
            ("Remove every container.", "rpod rm -a -f"),
        ],
    ),
    (
        "ps",
        &[
            ("List running containers.", "rpod ps"),
            ("List every container, IDs only.", "rpod ps -a -q"),
            ("Names and status of the exited ones.", "rpod ps -a --filter status=exited --format '{{.Names}} {{.Status}}'"),
            ("Every container with its disk use (its changes, and its image's layers).", "rpod ps -a --size"),
        ],
    ),
    ("logs", &[("Show a container's output.", "rpod logs web"), ("Follow it, with timestamps, from the last 10 lines.", "rpod logs -f -t --tail 10 web")]),
    ("exec", &[("Run a command in a running container.", "rpod exec web cat /etc/hostname"), ("An interactive shell in it.", "rpod exec -it web sh")]),
    ("attach", &[("Attach to a running container's terminal (detach with ctrl-p ctrl-q).", "rpod attach web")]),
    ("wait", &[("Wait for a container to exit and print its exit code.", "rpod wait web")]),
    ("top", &[("Show the processes of a container.", "rpod top web")]),
    ("port", &[("Show a container's published ports.", "rpod port web"), ("Where one container port is published.", "rpod port web 80/tcp")]),
    ("rename", &[("Rename a container.", "rpod rename web web-old")]),
    ("pause", &[("Freeze every process of a container.", "rpod pause web")]),
    (
        "init",
        &[
            ("Check and prepare a created container, then start it.", "rpod container init web"),
            ("Initialize every created or exited container.", "rpod init --all"),
        ],
    ),
    ("unpause", &[("Thaw a paused container.", "rpod unpause web")]),
    ("stats", &[("Live resource use of running containers.", "rpod stats"), ("One snapshot, as JSON.", "rpod stats --no-stream --format json")]),
    ("update", &[("Change a running container's memory limit.", "rpod update --memory 512m web")]),
    ("diff", &[("Files changed in a container since it was created.", "rpod diff web")]),
    ("export", &[("Export a container's file system as a tar archive.", "rpod export -o web.tar web")]),
    (
        "commit",
        &[
            ("Make an image from a container's changes.", "rpod commit web localhost/web:v2"),
            ("Set its command while committing.", "rpod commit -c 'CMD [\"httpd\", \"-f\"]' web localhost/web:v3"),
        ],
    ),
    (
        "cp",
        &[
            ("Copy a file out of a container.", "rpod cp web:/etc/hostname ./hostname"),
            ("Copy a directory into it (owned by the container's user).", "rpod cp ./site web:/var/www"),
            ("Copy in keeping the archive's owners.", "rpod cp --archive=false - web:/srv"),
        ],
    ),
    (
        "mount",
        &[
            ("Mount a stopped container's root (inside `rpod unshare`) and print where.", "rpod mount web"),
            ("List the containers mounted in this session, full IDs.", "rpod mount --no-trunc"),
        ],
    ),
    (
        "unmount",
        &[("Unmount a container's root (when its mount count drops to zero).", "rpod unmount web"), ("Unmount every mounted container.", "rpod umount -a")],
    ),
    ("container exists", &[("Exit 0 if a container of that name exists, 1 if not.", "rpod container exists web")]),
    (
        "container inspect",
        &[
            ("A container's configuration and state as JSON.", "rpod container inspect web"),
            ("One field.", "rpod container inspect --format '{{.State.Status}}' web"),
        ],
    ),
    (
        "clone",
        &[
            ("Copy a container's configuration into a new container.", "rpod container clone web web2"),
            ("With another memory limit, removing the original, and start the copy.", "rpod container clone --memory 512m --destroy --run web"),
        ],
    ),
    (
        "cleanup",
        &[
            ("Release what exited containers still hold (mounts, network helpers).", "rpod container cleanup -a"),
            ("And remove one of them.", "rpod container cleanup --rm web"),
        ],
    ),
    ("container prune", &[("Remove every stopped container without asking.", "rpod container prune -f")]),
    ("container", &[("List containers through the container command group.", "rpod container ls -a")]),
    (
        "inspect",
        &[
            ("A container or an image as JSON.", "rpod inspect web"),
            ("The IP address of a container.", "rpod inspect --format '{{.NetworkSettings.IPAddress}}' web"),
        ],
    ),
    (
        "pull",
        &[
            ("Pull an image.", "rpod pull docker.io/library/alpine:3.20"),
            ("Pull another platform's image, quietly.", "rpod pull -q --platform linux/arm64 docker.io/library/alpine"),
            ("Pull a short name: its alias, or the unqualified-search-registries of registries.conf in order.", "rpod pull alpine"),
        ],
    ),
    (
        "push",
        &[
            ("Push an image to a registry.", "rpod push registry.example.com/team/app:1.0"),
            ("Push a local image under another name.", "rpod push localhost/app registry.example.com/team/app:1.0"),
        ],
    ),
    ("images", &[("List images.", "rpod images"), ("Only the IDs of dangling images.", "rpod images -q --filter dangling=true")]),
    ("image", &[("List images through the image command group.", "rpod image ls")]),
    ("rmi", &[("Remove an image.", "rpod rmi docker.io/library/alpine:3.20"), ("Remove every image not used by a container.", "rpod rmi -a")]),
    ("tag", &[("Give an image another name.", "rpod tag docker.io/library/alpine localhost/base:latest")]),
    ("untag", &[("Remove a name from an image.", "rpod untag localhost/base:latest localhost/base:latest")]),
    ("history", &[("The layers an image was built from.", "rpod history docker.io/library/alpine")]),
    (
        "image inspect",
        &[
            ("An image's configuration as JSON.", "rpod image inspect docker.io/library/alpine"),
            ("Its ID only.", "rpod image inspect --format '{{.Id}}' docker.io/library/alpine"),
        ],
    ),
    ("image exists", &[("Exit 0 if the image is in the store, 1 if not.", "rpod image exists docker.io/library/alpine")]),
    ("image prune", &[("Remove dangling images.", "rpod image prune -f"), ("Remove every image no container uses.", "rpod image prune -a -f")]),
    ("save", &[("Save an image to a tar archive.", "rpod save -o alpine.tar docker.io/library/alpine")]),
    ("load", &[("Load images from a tar archive.", "rpod load -i alpine.tar")]),
    (
        "import",
        &[
            ("Make an image from a root file system tarball.", "rpod import rootfs.tar localhost/mybase"),
            ("With a default command.", "rpod import -c 'CMD [\"/bin/sh\"]' rootfs.tar localhost/mybase"),
            ("From a URL (http or https).", "rpod import https://example.com/rootfs.tar.gz localhost/mybase"),
        ],
    ),
    (
        "build",
        &[
            ("Build the Containerfile in the current directory.", "rpod build -t localhost/app ."),
            ("With a build argument and another file.", "rpod build --build-arg VERSION=1.2 -f Containerfile.prod -t localhost/app:1.2 ."),
        ],
    ),
    (
        "login",
        &[
            ("Log in to a registry (asks for the password).", "rpod login -u alice registry.example.com"),
            ("Password from standard input.", "rpod login -u alice --password-stdin registry.example.com"),
        ],
    ),
    ("logout", &[("Forget the credentials of a registry.", "rpod logout registry.example.com")]),
    ("info", &[("Host, store and registry configuration.", "rpod info"), ("As JSON.", "rpod info --format json")]),
    ("version", &[("rpod's version.", "rpod version")]),
    (
        "events",
        &[("Follow events.", "rpod events"), ("The last hour's container events, then exit.", "rpod events --since 1h --stream=false --filter type=container")],
    ),
    (
        "unshare",
        &[
            ("A shell in rpod's user namespace, where the store's files have their container owners.", "rpod unshare"),
            ("Remove a directory a container wrote with subordinate ids.", "rpod unshare rm -rf ./data"),
        ],
    ),
    (
        "doctor",
        &[("Check what rootless containers need and print the command that fixes each problem.", "rpod doctor"), ("As JSON.", "rpod doctor --format json")],
    ),
    (
        "quadlet",
        &[
            ("Print the services Quadlet files would become.", "rpod quadlet --dryrun --user"),
            ("As the systemd user generator does (installed as rpod-user-generator), into a directory.", "rpod quadlet --user /tmp/units"),
        ],
    ),
    ("generate", &[("A systemd unit for a container.", "rpod generate systemd --new --name web")]),
    (
        "generate systemd",
        &[
            ("A unit that creates a fresh container on each start, written to container-web.service.", "rpod generate systemd --new --name --files web"),
            ("A unit that starts the existing container, always restarted.", "rpod generate systemd --restart-policy always web"),
        ],
    ),
    (
        "auto-update",
        &[
            ("Show which containers of systemd units have updates, without updating.", "rpod auto-update --dry-run"),
            ("Update them; a unit that fails to restart goes back to its old image.", "rpod auto-update"),
            ("Only the units and whether they were updated.", "rpod auto-update --format '{{.Unit}} {{.Updated}}'"),
        ],
    ),
    ("system", &[("Disk use of images, containers and volumes.", "rpod system df")]),
    ("system df", &[("Disk use of images, containers and volumes.", "rpod system df"), ("Per item.", "rpod system df -v")]),
    (
        "system prune",
        &[
            ("Remove stopped containers, dangling images and unused build cache without asking.", "rpod system prune -f"),
            ("Also every unused image and volume.", "rpod system prune -a --volumes -f"),
        ],
    ),
    ("system reset", &[("Remove every container, image and volume of the store without asking.", "rpod system reset -f")]),
    ("system migrate", &[("Check that the store reads as this rpod writes it.", "rpod system migrate")]),
    ("volume", &[("List volumes through the volume command group.", "rpod volume ls")]),
    ("manifest", &[("Inspect a manifest list through the manifest command group.", "rpod manifest inspect localhost/myapp:list")]),
    ("manifest create", &[("Create an empty manifest list.", "rpod manifest create localhost/myapp:list")]),
    ("manifest add", &[("Add an image of a registry to a list.", "rpod manifest add localhost/myapp:list docker://docker.io/library/busybox:latest")]),
    (
        "manifest annotate",
        &[(
            "Set the variant of an entry.",
            "rpod manifest annotate --variant v8 localhost/myapp:list sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )],
    ),
    ("manifest inspect", &[("Print a list's index.", "rpod manifest inspect localhost/myapp:list")]),
    ("manifest push", &[("Push a list and its images.", "rpod manifest push --all localhost/myapp:list docker://registry.example.com/myapp:latest")]),
    (
        "manifest remove",
        &[(
            "Remove an entry from a list.",
            "rpod manifest remove localhost/myapp:list sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )],
    ),
    ("manifest rm", &[("Remove a manifest list.", "rpod manifest rm localhost/myapp:list")]),
    ("manifest exists", &[("Check that a list exists (exit 0 or 1).", "rpod manifest exists localhost/myapp:list")]),
    ("volume create", &[("Create a named volume.", "rpod volume create data"), ("With a label.", "rpod volume create --label app=web data")]),
    ("volume ls", &[("List volumes.", "rpod volume ls"), ("Names only.", "rpod volume ls -q")]),
    ("volume inspect", &[("A volume's details as JSON.", "rpod volume inspect data")]),
    ("volume rm", &[("Remove a volume.", "rpod volume rm data")]),
    ("volume prune", &[("Remove every volume no container uses.", "rpod volume prune -f")]),
    ("volume exists", &[("Exit 0 if the volume exists, 1 if not.", "rpod volume exists data")]),
    ("volume export", &[("Save a volume's contents as a tar archive.", "rpod volume export -o data.tar data")]),
    ("volume import", &[("Fill a volume from a tar archive.", "rpod volume import data data.tar")]),
];

/// The EXAMPLES section in roff.
pub fn roff(examples: &[(&str, &str)]) -> String {
    let esc = |s: &str| {
        let s = s.replace('\\', "\\e").replace('-', "\\-");
        if s.starts_with('.') || s.starts_with('\'') {
            format!("\\&{s}")
        } else {
            s
        }
    };
    let mut out = String::from(".SH EXAMPLES\n");
    for (what, cmd) in examples {
        out.push_str(&format!(".PP\n{}\n.PP\n.RS 4\n.nf\n$ {}\n.fi\n.RE\n", esc(what), esc(cmd)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn paths(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            let p = if prefix.is_empty() { sub.get_name().to_string() } else { format!("{prefix} {}", sub.get_name()) };
            out.push(p.clone());
            paths(sub, &p, out);
        }
    }

    /// Every command has examples, and each example is a command line
    /// rpod's own parser accepts.
    #[test]
    fn every_command_has_examples_that_parse() {
        let mut all = vec![String::new()];
        paths(&crate::cli::command(), "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|p| for_command(p).is_none()).collect();
        assert!(missing.is_empty(), "commands without examples (add them to src/cli/examples.rs): {missing:?}");
        for (key, examples) in EXAMPLES {
            assert!(all.iter().any(|p| canonical(p) == *key), "examples for a command that does not exist: {key:?}");
            for (what, line) in examples.iter() {
                assert!(what.ends_with('.'), "{what:?}");
                let words = crate::systemd::unit::split_words(line).unwrap_or_else(|e| panic!("{line}: {e}"));
                assert_eq!(words[0], "rpod", "{line}");
                if let Err(e) = crate::cli::Cli::try_parse_from(&words) {
                    panic!("example {line:?} of {key:?} does not parse: {e}");
                }
            }
        }
    }

    #[test]
    fn roff_escapes_what_roff_would_read_as_requests() {
        let r = roff(&[("A test.", "rpod run --rm a\\b")]);
        assert!(r.contains("$ rpod run \\-\\-rm a\\eb"), "{r}");
        assert!(roff(&[(".hidden", "x")]).contains("\\&.hidden"));
    }
}
