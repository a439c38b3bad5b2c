# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rpod_global_optspecs
    string join \n root= runroot= storage-driver= log-level= cgroup-manager= events-backend= storage-opt= tmpdir= noout syslog module= config= v/version h/help
end

function __fish_rpod_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rpod_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rpod_using_subcommand
    set -l cmd (__fish_rpod_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rpod -n "__fish_rpod_needs_command" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_needs_command" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_needs_command" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_needs_command" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_needs_command" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_needs_command" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_needs_command" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_needs_command" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_needs_command" -s v -l version -d 'Print the version (`rpod version X`, Podman\'s shape)'
complete -c rpod -n "__fish_rpod_needs_command" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "save" -d 'Save images to an archive (docker-archive, oci-archive) or a directory'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "load" -d 'Load images from an archive (-i FILE or standard input)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logs" -d 'Show the output of a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "cp" -d 'Copy files between a container and the host (CTR:PATH, HOST-PATH or -)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "diff" -d 'Show what a container changed in its image (A added, C changed, D deleted)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "export" -d 'Write a container\'s root file system as a tar archive'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "inspect" -d 'Display the configuration of a container or image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "top" -d 'Show the processes of a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unshare" -d 'Run a command in rpod\'s user namespace (as `podman unshare`)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "mount" -d 'Mount a stopped container\'s root file system (inside `rpod unshare`); no argument: list the mounted ones'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unmount" -d 'Unmount a container\'s root file system mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "umount" -d 'Unmount a container\'s root file system mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "init" -d 'Prepare one or more containers for start (checks, directories; state `initialized`)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pause" -d 'Pause all processes of one or more containers (cgroup v2 freezer)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "stats" -d 'Show the resource use of running containers (CPU, memory, network, block I/O, PIDs)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "update" -d 'Change the resource limits of a container, running or not'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "container" -d 'Manage containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "info" -d 'Display rpod\'s view of the system'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "import" -d 'Import a root file system tarball as a one-layer image (- reads standard input)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "build" -d 'Build an image from a Containerfile (or Dockerfile)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "doctor" -d 'Check everything rootless rpod needs and print the command that fixes each problem'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "quadlet" -d 'Turn Quadlet files (*.container, *.volume, *.image) into systemd services: the systemd generator (installed as rpod-user-generator), or --dryrun to print them'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "generate" -d 'Generate structured data: systemd units for a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "auto-update" -d 'Update containers run by systemd units whose io.containers.autoupdate label is registry or local, and restart their units (rolling back on failure)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "events" -d 'Show events: what rpod calls did to containers, images and volumes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "system" -d 'Manage rpod: disk use, pruning, information'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "version" -d 'Display the rpod version'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "manifest" -d 'Manage manifest lists (image indexes): create, add, annotate, inspect, push, remove, rm, exists'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l platform -d 'Pick this platform from a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l arch -d 'Pick this architecture from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l os -d 'Pick this operating system from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l variant -d 'Pick this architecture variant from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -s f -l format -d 'Manifest format: oci (default for rebuilt manifests) or v2s2' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l compression-format -d 'Compression of layers rpod compresses: gzip (default) or zstd; a blob the registry has in another compression is then not reused' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l compression-level -d 'Compression level: gzip 0-9 (default 6), zstd 1-22 (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -s q -l quiet -d 'Print nothing but errors'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l remove-signatures -d 'Discard signatures; rpod images carry none, so this changes nothing'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s o -l output -d 'Write to this file (or directory, for the dir formats) instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l format -d 'docker-archive (default), oci-archive, oci-dir or docker-dir' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -s m -l multi-image-archive -d 'Several images in one docker-archive'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l uncompressed -d 'Keep OCI layers uncompressed (oci-archive, oci-dir)'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l compress -d 'Compress layers with gzip (docker-dir)'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s q -l quiet -d 'Print nothing but errors'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s i -l input -d 'Read the archive (docker-archive or oci-archive; plain, gzip or zstd) from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -s q -l quiet -d 'Print nothing but errors'
complete -c rpod -n "__fish_rpod_using_subcommand load" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand load" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l format -d 'Output format: json, or a Go template such as \'{{.ID}} {{.Repository}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -s f -l filter -d 'Filter: dangling=true|false, label=KEY[=VALUE], reference=PATTERN, before=IMAGE, since=IMAGE, until=TIME' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -s a -l all -d 'Show all images (including intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "build" -d 'Build an image from a Containerfile (or Dockerfile)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "list" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "save" -d 'Save images to an archive (docker-archive, oci-archive) or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "load" -d 'Load images from an archive (-i FILE or standard input)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "export" -d 'Write an image\'s flattened root file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list inspect history tag untag rm prune exists pull push save load export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'Containerfile to use (default CONTEXT/Containerfile, else CONTEXT/Dockerfile); - reads standard input' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name the resulting image (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build argument: KEY=VALUE, or KEY to take it from the environment' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'Read build arguments (KEY=VALUE lines) from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage and name its image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Use and fill the build cache of intermediate images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image\'s manifest: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: always, missing, never or newer' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci or docker' -r -f -a "oci\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network for RUN steps (none, host, pasta, slirp4netns; default the default network)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Target platform: only the host\'s platform is supported' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'Set every created time to this many seconds since the epoch (reproducible images)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l manifest -d 'Add the built image to manifest list LIST (made if no image has that name); it replaces the list\'s entry for the same platform' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file for pulling base images (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials for pulling base images: USERNAME[:PASSWORD] (asked for when left out)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images (default: registries.conf decides)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove each step\'s container after the step: rpod always does (--rm=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove a step\'s container even when the step fails: rpod always does (--force-rm=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Do not compress layers in the store: rpod\'s store always keeps them uncompressed (the default; push compresses)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Skip the stages the target does not need: rpod always does (--skip-unused-stages=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use the build cache'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the final stage\'s new layers into one layer on top of its base'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash the whole image (base layers too) into one layer'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l omit-history -d 'Leave the history out of the image\'s config'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l compress -d 'Compress the context before sending it: a no-op, as in Podman (there is no daemon to send it to)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template such as \'{{.ID}} {{.Repository}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: dangling=true|false, label=KEY[=VALUE], reference=PATTERN, before=IMAGE, since=IMAGE, until=TIME' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (including intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template such as \'{{.ID}} {{.Repository}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: dangling=true|false, label=KEY[=VALUE], reference=PATTERN, before=IMAGE, since=IMAGE, until=TIME' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (including intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json (default), or a Go template such as \'{{.Id}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display the total file sizes of containers (SizeRw, SizeRootFs)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Show sizes and dates in human-readable form' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Output format: json, or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove images with several names by ID, and ignore unknown images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a named image is missing'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Pick this platform from a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Pick this architecture from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Pick this operating system from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Pick this architecture variant from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format: oci (default for rebuilt manifests) or v2s2' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression of layers rpod compresses: gzip (default) or zstd; a blob the registry has in another compression is then not reused' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level: gzip 0-9 (default 6), zstd 1-22 (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Discard signatures; rpod images carry none, so this changes nothing'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file (or directory, for the dir formats) instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'docker-archive (default), oci-archive, oci-dir or docker-dir' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Several images in one docker-archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Keep OCI layers uncompressed (oci-archive, oci-dir)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Compress layers with gzip (docker-dir)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print nothing but errors'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read the archive (docker-archive or oci-archive; plain, gzip or zstd) from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print nothing but errors'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile (or Dockerfile)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save images to an archive (docker-archive, oci-archive) or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load images from an archive (-i FILE or standard input)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write an image\'s flattened root file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s H -l human -d 'Show sizes and dates in human-readable form' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l format -d 'Output format: json, or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand history" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand history" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s f -l force -d 'Remove images with several names by ID, and ignore unknown images'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s i -l ignore -d 'Ignore errors when a named image is missing'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s u -l username -d 'Username' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l authfile -d 'Path of the authentication file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c rpod -n "__fish_rpod_using_subcommand login" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand login" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s a -l all -d 'Remove all credentials from the authentication file'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy it from rpod\'s environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s u -l user -d 'User (name or id) and optionally group to run as: USER[:GROUP]' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint (a string, or a JSON array)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s h -l hostname -d 'Container host name (default: the first 12 characters of the ID)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when pulling the image (default: registries.conf decides)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l authfile -d 'Path of the authentication file for pulling the image (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sig-proxy -d 'Forward the signals rpod receives to the attached container: rpod always does (--sig-proxy=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cidfile -d 'Write the container ID to this file (it must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sdnotify -d 'systemd readiness under a Type=notify unit: container (its process sends READY=1), conmon (ready once started), ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroups -d 'Cgroup mode: enabled (default), split and no-conmon (the same in rpod: the monitor never shares the container\'s cgroup), or disabled (no cgroup of its own)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroup-parent -d 'Parent of the container\'s cgroup: a slice name (systemd manager, default user.slice) or a path inside the user\'s delegated cgroup v2 subtree (cgroupfs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroupns -d 'Cgroup namespace: private (default, the container sees its own cgroup as the root) or host' -r -f -a "private\t''
host\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l security-opt -d 'Security options: seccomp=FILE, seccomp=unconfined, no-new-privileges' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s v -l volume -d 'Bind mount or volume: HOST-DIR:CTR-DIR[:OPTIONS], VOLUME:CTR-DIR[:OPTIONS] or CTR-DIR (options: ro, rw, z, Z, nosuid, nodev, noexec, bind, rbind, nocopy, propagation; U: chown the source to the container\'s user; O: an overlay whose changes are discarded, or kept with upperdir=DIR,workdir=DIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l mount -d 'Mount: type=bind|volume|tmpfs|image|devpts,source=...,target=...[,ro][,...] (Podman\'s keys)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l userns -d 'User namespace: host (default: container root is you), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside: files you write in bind mounts stay yours; the command runs as you), nomap (only subordinate ids), auto[:size=N] (ids no other auto container has)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l uidmap -d 'UID map CONTAINER_ID:HOST_ID:SIZE (host ids are ids in rpod\'s user namespace: 0 is you)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l gidmap -d 'GID map CONTAINER_ID:HOST_ID:SIZE (as --uidmap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l subuidname -d 'Name of the /etc/subuid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l subgidname -d 'Name of the /etc/subgid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (default rw,noexec,nosuid,nodev)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l network -d 'Network mode: pasta[:OPTIONS] (default where installed), slirp4netns[:OPTIONS], none, host, container:NAME, ns:PATH, private' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pid -d 'PID namespace: private (default), host, container:NAME (see its processes), ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l uts -d 'UTS namespace (host name): private (default), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l umask -d 'File mode creation mask of the container\'s processes, octal (default 0022, or containers.conf\'s umask)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s p -l publish -d 'Publish a container\'s port to the host: [[IP:][HOSTPORT]:]CONTAINERPORT[/PROTOCOL], ranges as 8000-8010:80-90' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for --publish-all' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns -d 'Set a DNS server (replaces the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns-option -d 'Set a resolver option (resolv.conf \'options\')' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (IP may be host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pull -d 'Pull the image: always, missing (default), never, or newer (when the registry\'s differs; the local one if unreachable)' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tz -d 'Timezone: local (the host\'s) or a name from /usr/share/zoneinfo such as Europe/Paris' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-driver -d 'Log driver: k8s-file (default; json-file is an alias), journald, none, passthrough' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-opt -d 'Log option: path=FILE, max-size=SIZE, tag=TEXT' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l requires -d 'Containers this one needs: they are started before it (comma-separated or repeated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-timeout -d 'Seconds `stop` waits before SIGKILL (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l unsetenv -d 'Remove a variable the image or rpod sets (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l label-file -d 'Read labels (KEY=VALUE lines) from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l annotation -d 'Add an OCI annotation to the container\'s spec: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l shm-size -d 'Size of /dev/shm (b, k, m, g; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp (default true, as Podman)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pidfile -d 'Write the container\'s process ID to this file when it starts' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l platform -d 'Pull this platform of a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l arch -d 'Pull this architecture of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l os -d 'Pull this operating system of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l variant -d 'Pull this architecture variant of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l group-add -d 'Additional groups for the container\'s process: GID or a group name from the image\'s /etc/group, or keep-groups (keep your supplementary groups)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s m -l memory -d 'Memory limit (b, k, m, g), e.g. 100m' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpus -d 'Number of CPUs, e.g. 0.5 (CPU quota per 100 ms period)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-quota -d 'CPU CFS quota in microseconds per period' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l blkio-weight -d 'Block IO weight (10-1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-read-bps -d 'Limit reads from a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-write-bps -d 'Limit writes to a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-read-iops -d 'Limit reads from a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-write-iops -d 'Limit writes to a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ulimit -d 'Process limit: TYPE=SOFT[:HARD] (nofile, nproc, core, stack, ...; -1 unlimited), or host for rpod\'s own' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l oom-score-adj -d 'Tune the OOM killer\'s preference for the container\'s processes (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l passwd -d 'Add entries for the container\'s user to /etc/passwd and /etc/group when the image lacks them (keep-id\'s user, a numeric --user)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l passwd-entry -d 'The /etc/passwd line added for the container\'s user ($USERNAME, $UID, $GID, $NAME, $HOME are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l init -d 'Run a tiny init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s i -l interactive -d 'Keep standard input open'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l replace -d 'Remove a container of the same --name first, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l privileged -d 'Give the container every capability the user namespace allows, no masked paths, no seccomp'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s P -l publish-all -d 'Publish every exposed port (the image\'s EXPOSE and --expose) on random host ports'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l no-hosts -d 'Do not generate /etc/hosts (keep the image\'s)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l unsetenv-all -d 'Remove every variable the image or rpod sets (only -e and --env-file remain)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-host -d 'Pass rpod\'s whole environment into the container (under --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s q -l quiet -d 'Print no pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rmi -d 'Remove the image after the container exits, unless another container uses it (implies --rm)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rootfs -d 'The first argument is a directory to run on (DIR, or DIR:O for an overlay that keeps the directory unchanged), not an image'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy it from rpod\'s environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s u -l user -d 'User (name or id) and optionally group to run as: USER[:GROUP]' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint (a string, or a JSON array)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s h -l hostname -d 'Container host name (default: the first 12 characters of the ID)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates when pulling the image (default: registries.conf decides)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l authfile -d 'Path of the authentication file for pulling the image (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sig-proxy -d 'Forward the signals rpod receives to the attached container: rpod always does (--sig-proxy=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cidfile -d 'Write the container ID to this file (it must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sdnotify -d 'systemd readiness under a Type=notify unit: container (its process sends READY=1), conmon (ready once started), ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroups -d 'Cgroup mode: enabled (default), split and no-conmon (the same in rpod: the monitor never shares the container\'s cgroup), or disabled (no cgroup of its own)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroup-parent -d 'Parent of the container\'s cgroup: a slice name (systemd manager, default user.slice) or a path inside the user\'s delegated cgroup v2 subtree (cgroupfs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroupns -d 'Cgroup namespace: private (default, the container sees its own cgroup as the root) or host' -r -f -a "private\t''
host\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l security-opt -d 'Security options: seccomp=FILE, seccomp=unconfined, no-new-privileges' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s v -l volume -d 'Bind mount or volume: HOST-DIR:CTR-DIR[:OPTIONS], VOLUME:CTR-DIR[:OPTIONS] or CTR-DIR (options: ro, rw, z, Z, nosuid, nodev, noexec, bind, rbind, nocopy, propagation; U: chown the source to the container\'s user; O: an overlay whose changes are discarded, or kept with upperdir=DIR,workdir=DIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l mount -d 'Mount: type=bind|volume|tmpfs|image|devpts,source=...,target=...[,ro][,...] (Podman\'s keys)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l userns -d 'User namespace: host (default: container root is you), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside: files you write in bind mounts stay yours; the command runs as you), nomap (only subordinate ids), auto[:size=N] (ids no other auto container has)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l uidmap -d 'UID map CONTAINER_ID:HOST_ID:SIZE (host ids are ids in rpod\'s user namespace: 0 is you)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l gidmap -d 'GID map CONTAINER_ID:HOST_ID:SIZE (as --uidmap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l subuidname -d 'Name of the /etc/subuid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l subgidname -d 'Name of the /etc/subgid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (default rw,noexec,nosuid,nodev)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l network -d 'Network mode: pasta[:OPTIONS] (default where installed), slirp4netns[:OPTIONS], none, host, container:NAME, ns:PATH, private' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pid -d 'PID namespace: private (default), host, container:NAME (see its processes), ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l uts -d 'UTS namespace (host name): private (default), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l umask -d 'File mode creation mask of the container\'s processes, octal (default 0022, or containers.conf\'s umask)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s p -l publish -d 'Publish a container\'s port to the host: [[IP:][HOSTPORT]:]CONTAINERPORT[/PROTOCOL], ranges as 8000-8010:80-90' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for --publish-all' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns -d 'Set a DNS server (replaces the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns-option -d 'Set a resolver option (resolv.conf \'options\')' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (IP may be host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pull -d 'Pull the image: always, missing (default), never, or newer (when the registry\'s differs; the local one if unreachable)' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tz -d 'Timezone: local (the host\'s) or a name from /usr/share/zoneinfo such as Europe/Paris' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-driver -d 'Log driver: k8s-file (default; json-file is an alias), journald, none, passthrough' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-opt -d 'Log option: path=FILE, max-size=SIZE, tag=TEXT' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l requires -d 'Containers this one needs: they are started before it (comma-separated or repeated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-timeout -d 'Seconds `stop` waits before SIGKILL (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l unsetenv -d 'Remove a variable the image or rpod sets (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l label-file -d 'Read labels (KEY=VALUE lines) from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l annotation -d 'Add an OCI annotation to the container\'s spec: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l shm-size -d 'Size of /dev/shm (b, k, m, g; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp (default true, as Podman)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pidfile -d 'Write the container\'s process ID to this file when it starts' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l platform -d 'Pull this platform of a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l arch -d 'Pull this architecture of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l os -d 'Pull this operating system of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l variant -d 'Pull this architecture variant of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l group-add -d 'Additional groups for the container\'s process: GID or a group name from the image\'s /etc/group, or keep-groups (keep your supplementary groups)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s m -l memory -d 'Memory limit (b, k, m, g), e.g. 100m' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpus -d 'Number of CPUs, e.g. 0.5 (CPU quota per 100 ms period)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-quota -d 'CPU CFS quota in microseconds per period' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l blkio-weight -d 'Block IO weight (10-1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-read-bps -d 'Limit reads from a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-write-bps -d 'Limit writes to a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-read-iops -d 'Limit reads from a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-write-iops -d 'Limit writes to a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ulimit -d 'Process limit: TYPE=SOFT[:HARD] (nofile, nproc, core, stack, ...; -1 unlimited), or host for rpod\'s own' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l oom-score-adj -d 'Tune the OOM killer\'s preference for the container\'s processes (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l passwd -d 'Add entries for the container\'s user to /etc/passwd and /etc/group when the image lacks them (keep-id\'s user, a numeric --user)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l passwd-entry -d 'The /etc/passwd line added for the container\'s user ($USERNAME, $UID, $GID, $NAME, $HOME are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l init -d 'Run a tiny init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s i -l interactive -d 'Keep standard input open'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l replace -d 'Remove a container of the same --name first, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l privileged -d 'Give the container every capability the user namespace allows, no masked paths, no seccomp'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s P -l publish-all -d 'Publish every exposed port (the image\'s EXPOSE and --expose) on random host ports'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l no-hosts -d 'Do not generate /etc/hosts (keep the image\'s)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l unsetenv-all -d 'Remove every variable the image or rpod sets (only -e and --env-file remain)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-host -d 'Pass rpod\'s whole environment into the container (under --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s q -l quiet -d 'Print no pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rmi -d 'Remove the image after the container exits, unless another container uses it (implies --rm)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rootfs -d 'The first argument is a directory to run on (DIR, or DIR:O for an overlay that keeps the directory unchanged), not an image'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s i -l interactive -d 'Keep standard input open and forward it'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s n -l last -d 'Show the N last created containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s f -l filter -d 'Filter KEY=VALUE: id, name (a regex), label, exited, status, ancestor, before, since, volume, health, network, pod, until' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l format -d 'Output format: json, or a Go template such as \'{{.Names}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l sort -d 'Sort by command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s q -l quiet -d 'Show only container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s l -l latest -d 'Show the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s s -l size -d 'Display the total file sizes: the container\'s changes (virtual: its image\'s layers)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l external -d 'Also list containers not created by rpod (rpod\'s store holds only its own)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l sync -d 'Sync container state with the OCI runtime: rpod\'s state is always current'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s i -l ignore -d 'Ignore errors when a named container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s t -l time -d 'Seconds to wait for a running container to stop before killing it (with -f)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s f -l force -d 'Stop running containers first'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s v -l volumes -d 'Remove the containers\' anonymous volumes too'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s i -l ignore -d 'Ignore errors when a named container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l depend -d 'Remove the containers that depend on it (--requires) first'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l tail -d 'Show only the last N lines' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l since -d 'Show lines since this time (RFC 3339, or a duration like 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l until -d 'Show lines until this time (RFC 3339, or a duration like 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s f -l follow -d 'Keep following the output'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s t -l timestamps -d 'Show timestamps'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s a -l archive -d 'Give what is copied into a container to the container\'s user (default true; false keeps the archive\'s owners)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l overwrite -d 'Allow replacing a directory by a file and a file by a directory'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l format -d 'Output format: json' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand export" -s o -l output -d 'Write to a file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand export" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand export" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand export" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand export" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand export" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand export" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand export" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s a -l author -d 'Author of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s f -l format -d 'Manifest format of the image: oci or docker' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s m -l message -d 'Comment for the image\'s history' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l include-volumes -d 'Record the container\'s volumes as the image\'s VOLUMEs'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s p -l pause -d 'Pause a running container while its changes are read'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s q -l quiet -d 'Print only the image ID (nothing else is printed either way)'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s s -l squash -d 'One layer holding the whole file system instead of a layer on top of the image\'s'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s f -l format -d 'Output format: json (default), or a Go template such as \'{{.Id}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s l -l latest -d 'Inspect the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s s -l size -d 'Display the total file sizes of containers (SizeRw, SizeRootFs)'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s e -l env -d 'Set environment variables (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s u -l user -d 'User (name or id) and optionally group: USER[:GROUP]' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s i -l interactive -d 'Keep standard input open'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s d -l detach -d 'Run in the background'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l sig-proxy -d 'Forward the signals rpod receives to the container: rpod always does (--sig-proxy=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l no-stdin -d 'Do not attach standard input'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand top" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand top" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand port" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand port" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand port" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -s a -l all -d 'All containers\' ports'
complete -c rpod -n "__fish_rpod_using_subcommand port" -s l -l latest -d 'The latest created container'
complete -c rpod -n "__fish_rpod_using_subcommand port" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand port" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s a -l all -d 'Restart every container, whatever its state'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l running -d 'With --all: only the running containers'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l format -d 'Output format of the list: json, or a Go template such as \'{{.ID}} {{.Path}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s a -l all -d 'Mount every container that is not running'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l no-trunc -l notruncate -d 'Do not truncate IDs in the list'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s a -l all -d 'Unmount every container mounted in this session'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s f -l force -d 'Unmount at once whatever the mount count (a busy mount is detached)'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s a -l all -d 'Unmount every container mounted in this session'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s f -l force -d 'Unmount at once whatever the mount count (a busy mount is detached)'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand init" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand init" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand init" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand init" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand init" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand init" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand init" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand init" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand init" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand init" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand init" -s a -l all -d 'Initialize every created or exited container'
complete -c rpod -n "__fish_rpod_using_subcommand init" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand init" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand init" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand init" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s a -l all -d 'Every running container (pause), every paused one (unpause)'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s a -l all -d 'Every running container (pause), every paused one (unpause)'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s i -l interval -d 'Seconds between samples' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l format -d 'Output format: json, or a Go template such as \'table {{.ID}} {{.MemUsage}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s a -l all -d 'Show all containers (those not running are skipped, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-stream -d 'Print one sample and exit'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-reset -d 'Do not clear the terminal between samples'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-trunc -d 'Do not truncate IDs'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand update" -s m -l memory -d 'Memory limit (b, k, m, g), e.g. 100m' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpus -d 'Number of CPUs, e.g. 0.5 (CPU quota per 100 ms period)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-quota -d 'CPU CFS quota in microseconds per period' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l blkio-weight -d 'Block IO weight (10-1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-read-bps -d 'Limit reads from a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-write-bps -d 'Limit writes to a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-read-iops -d 'Limit reads from a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-write-iops -d 'Limit writes to a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand update" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand update" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand update" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand update" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand update" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "list" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "stop" -d 'Stop one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "logs" -d 'Show the output of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "inspect" -d 'Display the configuration of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "cp" -d 'Copy files between a container and the host (CTR:PATH, HOST-PATH or -)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "diff" -d 'Show what a container changed in its image (A added, C changed, D deleted)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "export" -d 'Write a container\'s root file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "top" -d 'Show the processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "init" -d 'Prepare one or more containers for start (checks, directories; state `initialized`)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "pause" -d 'Pause all processes of one or more containers (cgroup v2 freezer)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "stats" -d 'Show the resource use of running containers (CPU, memory, network, block I/O, PIDs)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "update" -d 'Change the resource limits of a container, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "clone" -d 'Create a copy of a container, with other limits or another image if asked'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "cleanup" -d 'Clean up what a stopped container\'s last run left (and with --rm, remove it)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "mount" -d 'Mount a stopped container\'s root file system (inside `rpod unshare`); no argument: list the mounted ones'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "unmount" -d 'Unmount a container\'s root file system mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "umount" -d 'Unmount a container\'s root file system mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start ls ps list stop kill rm logs wait inspect cp diff export commit exists exec attach top rename port restart prune init pause unpause stats update clone cleanup mount unmount umount help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy it from rpod\'s environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'User (name or id) and optionally group to run as: USER[:GROUP]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the image\'s entrypoint (a string, or a JSON array)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name (default: the first 12 characters of the ID)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates when pulling the image (default: registries.conf decides)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the authentication file for pulling the image (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Forward the signals rpod receives to the attached container: rpod always does (--sig-proxy=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to this file (it must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'systemd readiness under a Type=notify unit: container (its process sends READY=1), conmon (ready once started), ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'Cgroup mode: enabled (default), split and no-conmon (the same in rpod: the monitor never shares the container\'s cgroup), or disabled (no cgroup of its own)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Parent of the container\'s cgroup: a slice name (systemd manager, default user.slice) or a path inside the user\'s delegated cgroup v2 subtree (cgroupfs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace: private (default, the container sees its own cgroup as the root) or host' -r -f -a "private\t''
host\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options: seccomp=FILE, seccomp=unconfined, no-new-privileges' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount or volume: HOST-DIR:CTR-DIR[:OPTIONS], VOLUME:CTR-DIR[:OPTIONS] or CTR-DIR (options: ro, rw, z, Z, nosuid, nodev, noexec, bind, rbind, nocopy, propagation; U: chown the source to the container\'s user; O: an overlay whose changes are discarded, or kept with upperdir=DIR,workdir=DIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Mount: type=bind|volume|tmpfs|image|devpts,source=...,target=...[,ro][,...] (Podman\'s keys)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: host (default: container root is you), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside: files you write in bind mounts stay yours; the command runs as you), nomap (only subordinate ids), auto[:size=N] (ids no other auto container has)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'UID map CONTAINER_ID:HOST_ID:SIZE (host ids are ids in rpod\'s user namespace: 0 is you)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'GID map CONTAINER_ID:HOST_ID:SIZE (as --uidmap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l subuidname -d 'Name of the /etc/subuid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l subgidname -d 'Name of the /etc/subgid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (default rw,noexec,nosuid,nodev)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Network mode: pasta[:OPTIONS] (default where installed), slirp4netns[:OPTIONS], none, host, container:NAME, ns:PATH, private' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace: private (default), host, container:NAME (see its processes), ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace (host name): private (default), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l umask -d 'File mode creation mask of the container\'s processes, octal (default 0022, or containers.conf\'s umask)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port to the host: [[IP:][HOSTPORT]:]CONTAINERPORT[/PROTOCOL], ranges as 8000-8010:80-90' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for --publish-all' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set a DNS server (replaces the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Set a resolver option (resolv.conf \'options\')' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (IP may be host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull the image: always, missing (default), never, or newer (when the registry\'s differs; the local one if unreachable)' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Timezone: local (the host\'s) or a name from /usr/share/zoneinfo such as Europe/Paris' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Log driver: k8s-file (default; json-file is an alias), journald, none, passthrough' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log option: path=FILE, max-size=SIZE, tag=TEXT' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Containers this one needs: they are started before it (comma-separated or repeated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds `stop` waits before SIGKILL (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Remove a variable the image or rpod sets (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read labels (KEY=VALUE lines) from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an OCI annotation to the container\'s spec: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (b, k, m, g; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp (default true, as Podman)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container\'s process ID to this file when it starts' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Pull this platform of a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l arch -d 'Pull this architecture of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l os -d 'Pull this operating system of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l variant -d 'Pull this architecture variant of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Additional groups for the container\'s process: GID or a group name from the image\'s /etc/group, or keep-groups (keep your supplementary groups)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (b, k, m, g), e.g. 100m' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs, e.g. 0.5 (CPU quota per 100 ms period)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'CPU CFS quota in microseconds per period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block IO weight (10-1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Limit reads from a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Limit writes to a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Limit reads from a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Limit writes to a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Process limit: TYPE=SOFT[:HARD] (nofile, nproc, core, stack, ...; -1 unlimited), or host for rpod\'s own' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune the OOM killer\'s preference for the container\'s processes (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd -d 'Add entries for the container\'s user to /etc/passwd and /etc/group when the image lacks them (keep-id\'s user, a numeric --user)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd-entry -d 'The /etc/passwd line added for the container\'s user ($USERNAME, $UID, $GID, $NAME, $HOME are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run a tiny init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep standard input open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Remove a container of the same --name first, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give the container every capability the user namespace allows, no masked paths, no seccomp'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish every exposed port (the image\'s EXPOSE and --expose) on random host ports'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Do not generate /etc/hosts (keep the image\'s)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Remove every variable the image or rpod sets (only -e and --env-file remain)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Pass rpod\'s whole environment into the container (under --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print no pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove the image after the container exits, unless another container uses it (implies --rm)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rootfs -d 'The first argument is a directory to run on (DIR, or DIR:O for an overlay that keeps the directory unchanged), not an image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to copy it from rpod\'s environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'User (name or id) and optionally group to run as: USER[:GROUP]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Override the image\'s entrypoint (a string, or a JSON array)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name (default: the first 12 characters of the ID)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when pulling the image (default: registries.conf decides)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file for pulling the image (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sig-proxy -d 'Forward the signals rpod receives to the attached container: rpod always does (--sig-proxy=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to this file (it must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'systemd readiness under a Type=notify unit: container (its process sends READY=1), conmon (ready once started), ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'Cgroup mode: enabled (default), split and no-conmon (the same in rpod: the monitor never shares the container\'s cgroup), or disabled (no cgroup of its own)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Parent of the container\'s cgroup: a slice name (systemd manager, default user.slice) or a path inside the user\'s delegated cgroup v2 subtree (cgroupfs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace: private (default, the container sees its own cgroup as the root) or host' -r -f -a "private\t''
host\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: seccomp=FILE, seccomp=unconfined, no-new-privileges' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount or volume: HOST-DIR:CTR-DIR[:OPTIONS], VOLUME:CTR-DIR[:OPTIONS] or CTR-DIR (options: ro, rw, z, Z, nosuid, nodev, noexec, bind, rbind, nocopy, propagation; U: chown the source to the container\'s user; O: an overlay whose changes are discarded, or kept with upperdir=DIR,workdir=DIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Mount: type=bind|volume|tmpfs|image|devpts,source=...,target=...[,ro][,...] (Podman\'s keys)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (default: container root is you), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside: files you write in bind mounts stay yours; the command runs as you), nomap (only subordinate ids), auto[:size=N] (ids no other auto container has)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'UID map CONTAINER_ID:HOST_ID:SIZE (host ids are ids in rpod\'s user namespace: 0 is you)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'GID map CONTAINER_ID:HOST_ID:SIZE (as --uidmap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l subuidname -d 'Name of the /etc/subuid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l subgidname -d 'Name of the /etc/subgid range to map (refused rootless, as by Podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (default rw,noexec,nosuid,nodev)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network mode: pasta[:OPTIONS] (default where installed), slirp4netns[:OPTIONS], none, host, container:NAME, ns:PATH, private' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace: private (default), host, container:NAME (see its processes), ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace (host name): private (default), host, container:NAME, ns:PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'File mode creation mask of the container\'s processes, octal (default 0022, or containers.conf\'s umask)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port to the host: [[IP:][HOSTPORT]:]CONTAINERPORT[/PROTOCOL], ranges as 8000-8010:80-90' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or range (PORT[-END][/PROTOCOL]) for --publish-all' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set a DNS server (replaces the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Set a resolver option (resolv.conf \'options\')' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (IP may be host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull the image: always, missing (default), never, or newer (when the registry\'s differs; the local one if unreachable)' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Timezone: local (the host\'s) or a name from /usr/share/zoneinfo such as Europe/Paris' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Log driver: k8s-file (default; json-file is an alias), journald, none, passthrough' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log option: path=FILE, max-size=SIZE, tag=TEXT' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Containers this one needs: they are started before it (comma-separated or repeated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds `stop` waits before SIGKILL (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Remove a variable the image or rpod sets (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels (KEY=VALUE lines) from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an OCI annotation to the container\'s spec: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (b, k, m, g; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp (default true, as Podman)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container\'s process ID to this file when it starts' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Pull this platform of a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l arch -d 'Pull this architecture of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l os -d 'Pull this operating system of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l variant -d 'Pull this architecture variant of a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Additional groups for the container\'s process: GID or a group name from the image\'s /etc/group, or keep-groups (keep your supplementary groups)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (b, k, m, g), e.g. 100m' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs, e.g. 0.5 (CPU quota per 100 ms period)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'CPU CFS quota in microseconds per period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO weight (10-1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit reads from a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit writes to a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit reads from a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit writes to a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Process limit: TYPE=SOFT[:HARD] (nofile, nproc, core, stack, ...; -1 unlimited), or host for rpod\'s own' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the OOM killer\'s preference for the container\'s processes (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd -d 'Add entries for the container\'s user to /etc/passwd and /etc/group when the image lacks them (keep-id\'s user, a numeric --user)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd-entry -d 'The /etc/passwd line added for the container\'s user ($USERNAME, $UID, $GID, $NAME, $HOME are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run a tiny init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep standard input open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Remove a container of the same --name first, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give the container every capability the user namespace allows, no masked paths, no seccomp'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every exposed port (the image\'s EXPOSE and --expose) on random host ports'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Do not generate /etc/hosts (keep the image\'s)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Remove every variable the image or rpod sets (only -e and --env-file remain)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Pass rpod\'s whole environment into the container (under --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rmi -d 'Remove the image after the container exits, unless another container uses it (implies --rm)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rootfs -d 'The first argument is a directory to run on (DIR, or DIR:O for an overlay that keeps the directory unchanged), not an image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Keep standard input open and forward it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N last created containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter KEY=VALUE: id, name (a regex), label, exited, status, ancestor, before, since, volume, health, network, pod, until' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template such as \'{{.Names}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display the total file sizes: the container\'s changes (virtual: its image\'s layers)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Also list containers not created by rpod (rpod\'s store holds only its own)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Sync container state with the OCI runtime: rpod\'s state is always current'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Show the N last created containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter KEY=VALUE: id, name (a regex), label, exited, status, ancestor, before, since, volume, health, network, pod, until' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Output format: json, or a Go template such as \'{{.Names}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Show only container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s s -l size -d 'Display the total file sizes: the container\'s changes (virtual: its image\'s layers)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l external -d 'Also list containers not created by rpod (rpod\'s store holds only its own)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l sync -d 'Sync container state with the OCI runtime: rpod\'s state is always current'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Show the N last created containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter KEY=VALUE: id, name (a regex), label, exited, status, ancestor, before, since, volume, health, network, pod, until' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template such as \'{{.Names}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort by command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Display the total file sizes: the container\'s changes (virtual: its image\'s layers)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l external -d 'Also list containers not created by rpod (rpod\'s store holds only its own)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l sync -d 'Sync container state with the OCI runtime: rpod\'s state is always current'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore errors when a named container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for a running container to stop before killing it (with -f)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop running containers first'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the containers\' anonymous volumes too'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a named container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that depend on it (--requires) first'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Show only the last N lines' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show lines since this time (RFC 3339, or a duration like 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show lines until this time (RFC 3339, or a duration like 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep following the output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json (default), or a Go template such as \'{{.Id}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display the total file sizes of containers (SizeRw, SizeRootFs)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Give what is copied into a container to the container\'s user (default true; false keeps the archive\'s owners)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Allow replacing a directory by a file and a file by a directory'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Output format: json' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Manifest format of the image: oci or docker' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Comment for the image\'s history' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l include-volumes -d 'Record the container\'s volumes as the image\'s VOLUMEs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause a running container while its changes are read'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Print only the image ID (nothing else is printed either way)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'One layer holding the whole file system instead of a layer on top of the image\'s'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'User (name or id) and optionally group: USER[:GROUP]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep standard input open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run in the background'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Forward the signals rpod receives to the container: rpod always does (--sig-proxy=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach standard input'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'All containers\' ports'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'The latest created container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart every container, whatever its state'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'With --all: only the running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -s a -l all -d 'Initialize every created or exited container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'Every running container (pause), every paused one (unpause)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cidfile -d 'Read the container ID from this file (repeatable)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Every running container (pause), every paused one (unpause)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between samples' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Output format: json, or a Go template such as \'table {{.ID}} {{.MemUsage}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (those not running are skipped, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one sample and exit'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the terminal between samples'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (b, k, m, g), e.g. 100m' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs, e.g. 0.5 (CPU quota per 100 ms period)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'CPU CFS quota in microseconds per period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Maximum number of processes (-1: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block IO weight (10-1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-bps -d 'Limit reads from a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-bps -d 'Limit writes to a block device, bytes per second: PATH:RATE (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-iops -d 'Limit reads from a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-iops -d 'Limit writes to a block device, operations per second: PATH:RATE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s l -l latest -d 'Act on the latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l name -d 'Name of the copy (as the NAME argument)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s m -l memory -d 'Memory limit (b, k, m, g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-reservation -d 'Memory soft limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpus -d 'Number of CPUs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-quota -d 'CPU CFS quota in microseconds per period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-cpus -d 'CPUs the copy may run on' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-mems -d 'Memory nodes the copy may use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l blkio-weight -d 'Block IO weight (10-1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original container (with -f even when running)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s f -l force -d 'Stop a running original for --destroy'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l run -d 'Start the copy'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s a -l all -d 'Every container that is not running'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s l -l latest -d 'The latest container created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rm -d 'Remove the container too'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rmi -d 'Remove the container\'s image too, if nothing else uses it (implies --rm)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'Output format of the list: json, or a Go template such as \'{{.ID}} {{.Path}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every container that is not running'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -l notruncate -d 'Do not truncate IDs in the list'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every container mounted in this session'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount at once whatever the mount count (a busy mount is detached)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount every container mounted in this session'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s f -l force -d 'Unmount at once whatever the mount count (a busy mount is detached)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show the output of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a container and the host (CTR:PATH, HOST-PATH or -)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show what a container changed in its image (A added, C changed, D deleted)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a container\'s root file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Show the processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "init" -d 'Prepare one or more containers for start (checks, directories; state `initialized`)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause all processes of one or more containers (cgroup v2 freezer)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Show the resource use of running containers (CPU, memory, network, block I/O, PIDs)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change the resource limits of a container, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Create a copy of a container, with other limits or another image if asked'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Clean up what a stopped container\'s last run left (and with --rm, remove it)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount a stopped container\'s root file system (inside `rpod unshare`); no argument: list the mounted ones'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Unmount a container\'s root file system mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "create" -d 'Create a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "list" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "inspect" -d 'Display the configuration of volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "rm" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "remove" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "prune" -d 'Remove every volume no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "import" -d 'Unpack a tar archive (a file, or - for standard input) into a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (only local)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the volume (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options (KEY=VALUE): o=uid=N,gid=N,nocopy; type=tmpfs with o=size=,mode=; type=none,o=bind,device=PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail if the volume already exists'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, label=KEY[=VALUE], driver=, dangling=true|false, anonymous=true|false' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template such as \'{{.Name}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only volume names'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: name=, label=KEY[=VALUE], driver=, dangling=true|false, anonymous=true|false' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template such as \'{{.Name}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only volume names'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json (default), or a Go template such as \'{{.Mountpoint}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect every volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers using the volume first'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers using the volume first'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Filter: label=KEY[=VALUE], name=, driver=' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove every volume no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "import" -d 'Unpack a tar archive (a file, or - for standard input) into a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s f -l format -d 'Output format: json, or a Go template such as \'{{.Version}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand info" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -s m -l message -d 'Comment for the image\'s history' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l arch -d 'Architecture the image says it is for (default the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l os -d 'Operating system the image says it is for (default linux)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l variant -d 'Architecture variant the image says it is for (v7, v8...)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand import" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand import" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand import" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand import" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand import" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand import" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s f -l file -d 'Containerfile to use (default CONTEXT/Containerfile, else CONTEXT/Dockerfile); - reads standard input' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s t -l tag -d 'Name the resulting image (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l build-arg -d 'Set a build argument: KEY=VALUE, or KEY to take it from the environment' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l build-arg-file -d 'Read build arguments (KEY=VALUE lines) from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l target -d 'Build up to this stage and name its image' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l layers -d 'Use and fill the build cache of intermediate images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l annotation -d 'Add an annotation to the image\'s manifest: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l pull -d 'Pull base images: always, missing, never or newer' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l format -d 'Image format: oci or docker' -r -f -a "oci\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l network -d 'Network for RUN steps (none, host, pasta, slirp4netns; default the default network)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l platform -d 'Target platform: only the host\'s platform is supported' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l timestamp -d 'Set every created time to this many seconds since the epoch (reproducible images)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l manifest -d 'Add the built image to manifest list LIST (made if no image has that name); it replaces the list\'s entry for the same platform' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l authfile -d 'Path of the authentication file for pulling base images (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l creds -d 'Credentials for pulling base images: USERNAME[:PASSWORD] (asked for when left out)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images (default: registries.conf decides)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l rm -d 'Remove each step\'s container after the step: rpod always does (--rm=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l force-rm -d 'Remove a step\'s container even when the step fails: rpod always does (--force-rm=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -s D -l disable-compression -d 'Do not compress layers in the store: rpod\'s store always keeps them uncompressed (the default; push compresses)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l skip-unused-stages -d 'Skip the stages the target does not need: rpod always does (--skip-unused-stages=false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l no-cache -d 'Do not use the build cache'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l squash -d 'Squash the final stage\'s new layers into one layer on top of its base'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l squash-all -d 'Squash the whole image (base layers too) into one layer'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l omit-history -d 'Leave the history out of the image\'s config'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l compress -d 'Compress the context before sending it: a no-op, as in Podman (there is no daemon to send it to)'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -s f -l format -d 'Output format: json, or a Go template applied to each check such as \'{{.Name}} {{.Status}}\' (fields Name, Status, Detail, Fix)' -r
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l dryrun -d 'Print the units instead of writing them'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l user -d 'Convert the user\'s units ($XDG_CONFIG_HOME/containers/systemd, ...), not the system\'s'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l no-kmsg-log -d 'Accepted for Podman\'s quadlet; rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -s v -l verbose -d 'Say which files are read'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -f -a "systemd" -d 'A systemd unit that starts (or, with --new, creates) a container (Quadlet is the newer way)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'systemd restart policy' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'Seconds systemd waits before restarting' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l stop-timeout -d 'Seconds to wait for the container to stop (default: its stop timeout)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'Seconds systemd waits for the start' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Prefix of the unit name' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'Between prefix and name' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Add Wants= to [Unit]' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'Add After= to [Unit]' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Add Requires= to [Unit]' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Add Environment= to [Service] (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create a new container on each start, from the command that made this one'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Use the container\'s name instead of its ID'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write the unit to ./UNIT.service and print its path'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'No header comment with the date and version'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "systemd" -d 'A systemd unit that starts (or, with --new, creates) a container (Quadlet is the newer way)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l format -d 'Output format: json, or a Go template applied to each row such as \'{{.Unit}} {{.Updated}}\' (fields Unit, Container, ContainerName, ContainerID, Image, Policy, Updated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l rollback -d 'When a restarted unit fails, give the image name back to the old image and restart the unit again' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l dry-run -d 'Only check for updates: UPDATED says pending where one is available'
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand events" -s f -l filter -d 'Filter: container=, image=, volume=, event=, type=, label=KEY[=VALUE]' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l format -d 'Output format: json (one object per line), or a Go template such as \'{{.Status}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l no-trunc -d 'Do not truncate IDs' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l since -d 'Events since this time (RFC 3339, Unix seconds, or a duration like 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l until -d 'Events until this time (RFC 3339, Unix seconds, or a duration like 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l stream -d 'Keep following new events (false: print the logged ones and exit)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand events" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand events" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -f -a "info" -d 'Display rpod\'s view of the system (as `rpod info`)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -f -a "df" -d 'Show disk use of images, containers and volumes'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -f -a "prune" -d 'Remove stopped containers and dangling images (and with flags, more)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -f -a "reset" -d 'Remove every container, image, volume and the rest of rpod\'s state'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -f -a "migrate" -d 'Check that the store reads as this rpod writes it (nothing to convert yet)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from info df prune reset migrate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Output format: json, or a Go template such as \'{{.Version}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Output format: json, or a Go template such as \'{{.Type}} {{.Size}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show each image, container and volume'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Filter: until=TIME (RFC 3339, Unix seconds or a duration like 10m), label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every unused image, not only dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Remove unused volumes too'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display rpod\'s view of the system (as `rpod info`)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show disk use of images, containers and volumes'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove stopped containers and dangling images (and with flags, more)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove every container, image, volume and the rest of rpod\'s state'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Check that the store reads as this rpod writes it (nothing to convert yet)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s f -l format -d 'Output format: json, or a Go template such as \'{{.Version}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand version" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "create" -d 'Create a manifest list (an image index), optionally with images in it'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "add" -d 'Add images to a manifest list (local images, or docker://REFERENCE: only its manifest is read)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "annotate" -d 'Set the platform fields and annotations of an image in a manifest list'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "inspect" -d 'Print a manifest list (local, or from a registry) as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "push" -d 'Push a manifest list (and with --all, its images) to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "remove" -d 'Remove an image from a manifest list (by digest)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "rm" -d 'Remove manifest lists from local storage (their images stay)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "exists" -d 'Check whether a manifest list exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l all -d 'Add every image of an image that is itself a list'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Use the existing list of that name, if any'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l annotation -d 'Set an annotation KEY=VALUE on the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l arch -d 'Override the architecture of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os -d 'Override the OS of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l variant -d 'Override the variant of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-version -d 'Override the OS version of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-features -d 'Override the OS features of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l features -d 'Override the features of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l all -d 'Add every image of a list'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l annotation -d 'Set an annotation KEY=VALUE on the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'Override the architecture of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'Override the OS of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'Override the variant of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-version -d 'Override the OS version of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-features -d 'Override the OS features of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l features -d 'Override the features of the image\'s entry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l all -d 'Push the list\'s images too' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format: oci (default) or v2s2' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression of layers rpod compresses: gzip (default) or zstd' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level: gzip 0-9, zstd 1-22' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed list to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l rm -d 'Remove the local list after a successful push'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Discard signatures; rpod images carry none, so this changes nothing'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail for lists that do not exist'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for new containers: overlay (native overlayfs, else fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default: storage.conf\'s driver, else overlay' -r -f -a "overlay\t''
fuse-overlayfs\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container under the user\'s systemd manager; the default where the user\'s D-Bus session bus is reachable) or cgroupfs (a child cgroup of the user\'s delegated subtree)' -r -f -a "cgroupfs\t''
systemd\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events), none, or journald (written to the file too: rpod has no journald writer)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Options for the storage driver; accepted, no effect: rpod\'s drivers take none (use --storage-driver)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for libpod\'s temporary state; accepted, no effect: rpod keeps its state under --runroot' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l module -d 'Load a containers.conf module (a path, or a name in a containers.conf.modules directory) after the other files' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l config -d 'Docker client configuration directory (deprecated in Podman); accepted, no effect' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l noout -d 'Do not write to standard output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog; accepted, no effect: rpod logs to standard error only'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a manifest list (an image index), optionally with images in it'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add images to a manifest list (local images, or docker://REFERENCE: only its manifest is read)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "annotate" -d 'Set the platform fields and annotations of an image in a manifest list'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Print a manifest list (local, or from a registry) as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push a manifest list (and with --all, its images) to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an image from a manifest list (by digest)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove manifest lists from local storage (their images stay)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether a manifest list exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "save" -d 'Save images to an archive (docker-archive, oci-archive) or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "load" -d 'Load images from an archive (-i FILE or standard input)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "stop" -d 'Stop one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "logs" -d 'Show the output of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "cp" -d 'Copy files between a container and the host (CTR:PATH, HOST-PATH or -)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "diff" -d 'Show what a container changed in its image (A added, C changed, D deleted)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "export" -d 'Write a container\'s root file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "inspect" -d 'Display the configuration of a container or image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "top" -d 'Show the processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "unshare" -d 'Run a command in rpod\'s user namespace (as `podman unshare`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "mount" -d 'Mount a stopped container\'s root file system (inside `rpod unshare`); no argument: list the mounted ones'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "unmount" -d 'Unmount a container\'s root file system mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "init" -d 'Prepare one or more containers for start (checks, directories; state `initialized`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "pause" -d 'Pause all processes of one or more containers (cgroup v2 freezer)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "stats" -d 'Show the resource use of running containers (CPU, memory, network, block I/O, PIDs)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "update" -d 'Change the resource limits of a container, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "container" -d 'Manage containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "volume" -d 'Manage volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "info" -d 'Display rpod\'s view of the system'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "import" -d 'Import a root file system tarball as a one-layer image (- reads standard input)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "build" -d 'Build an image from a Containerfile (or Dockerfile)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "doctor" -d 'Check everything rootless rpod needs and print the command that fixes each problem'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "quadlet" -d 'Turn Quadlet files (*.container, *.volume, *.image) into systemd services: the systemd generator (installed as rpod-user-generator), or --dryrun to print them'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "generate" -d 'Generate structured data: systemd units for a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "auto-update" -d 'Update containers run by systemd units whose io.containers.autoupdate label is registry or local, and restart their units (rolling back on failure)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "events" -d 'Show events: what rpod calls did to containers, images and volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "system" -d 'Manage rpod: disk use, pruning, information'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "version" -d 'Display the rpod version'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "manifest" -d 'Manage manifest lists (image indexes): create, add, annotate, inspect, push, remove, rm, exists'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull push save load images image history tag untag rmi login logout run create start ps stop kill rm logs wait cp diff export commit inspect exec attach top rename port restart unshare mount unmount init pause unpause stats update container volume info import build doctor quadlet generate auto-update events system version manifest help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Containerfile (or Dockerfile)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save images to an archive (docker-archive, oci-archive) or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load images from an archive (-i FILE or standard input)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "export" -d 'Write an image\'s flattened root file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Show the output of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Display the configuration of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files between a container and the host (CTR:PATH, HOST-PATH or -)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Show what a container changed in its image (A added, C changed, D deleted)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Write a container\'s root file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Check whether a container exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Show the processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "init" -d 'Prepare one or more containers for start (checks, directories; state `initialized`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Pause all processes of one or more containers (cgroup v2 freezer)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stats" -d 'Show the resource use of running containers (CPU, memory, network, block I/O, PIDs)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "update" -d 'Change the resource limits of a container, running or not'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "clone" -d 'Create a copy of a container, with other limits or another image if asked'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cleanup" -d 'Clean up what a stopped container\'s last run left (and with --rm, remove it)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "mount" -d 'Mount a stopped container\'s root file system (inside `rpod unshare`); no argument: list the mounted ones'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unmount" -d 'Unmount a container\'s root file system mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Display the configuration of volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove every volume no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Check whether a volume exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "import" -d 'Unpack a tar archive (a file, or - for standard input) into a volume'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "systemd" -d 'A systemd unit that starts (or, with --new, creates) a container (Quadlet is the newer way)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display rpod\'s view of the system (as `rpod info`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show disk use of images, containers and volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove stopped containers and dangling images (and with flags, more)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove every container, image, volume and the rest of rpod\'s state'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "migrate" -d 'Check that the store reads as this rpod writes it (nothing to convert yet)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "create" -d 'Create a manifest list (an image index), optionally with images in it'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "add" -d 'Add images to a manifest list (local images, or docker://REFERENCE: only its manifest is read)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "annotate" -d 'Set the platform fields and annotations of an image in a manifest list'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "inspect" -d 'Print a manifest list (local, or from a registry) as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "push" -d 'Push a manifest list (and with --all, its images) to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "remove" -d 'Remove an image from a manifest list (by digest)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "rm" -d 'Remove manifest lists from local storage (their images stay)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "exists" -d 'Check whether a manifest list exists in local storage (exit 0 if it does, 1 if not)'

# Live names (containers, images, volumes) from `rpod __complete`.
complete -c rpod -n 'not string match -q -- "-*" (commandline -ct)' -a '(command rpod __complete -- (commandline -opc)[2..-1] 2>/dev/null)'
