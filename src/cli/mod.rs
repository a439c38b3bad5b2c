//! The command line: clap definitions (the single source of help, man pages
//! and completions) and the printing of results. No storage access here: the
//! CLI calls the engine and formats what it returns.

mod build;
mod commands;
mod complete;
mod containers;
pub mod docs;
mod events;
pub mod examples;
pub mod flags;
pub(crate) mod lazy;
mod lifecycle;
mod manifest;
pub mod output;
mod progress;
mod stats;
mod system;
pub mod template;
mod volumes;

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};
use lazy::{Lazy, Only};

pub use commands::run;

/// Manage images and containers as a normal user: no daemon, no root.
#[derive(Debug, Parser)]
#[command(name = "rpod", version, disable_version_flag = true, arg_required_else_help = true, max_term_width = 100)]
#[command(about = "Manage images and containers as a normal user: no daemon, no root")]
pub struct Cli {
    /// Path to the image and container store (default $XDG_DATA_HOME/rpod)
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)
    #[arg(long, global = true, value_name = "PATH")]
    pub runroot: Option<PathBuf>,
    /// Storage driver for new containers: overlay (native overlayfs, else
    /// fuse-overlayfs), fuse-overlayfs, or vfs (a full copy); default:
    /// storage.conf's driver, else overlay
    #[arg(long, global = true, value_name = "DRIVER",
          value_parser = ["overlay", "fuse-overlayfs", "vfs"])]
    pub storage_driver: Option<String>,
    /// Log messages at or above this level to stderr
    #[arg(long, global = true, value_name = "LEVEL", default_value = "warn",
          value_parser = ["trace", "debug", "info", "warn", "warning", "error", "fatal", "panic"])]
    pub log_level: String,
    #[command(flatten)]
    pub compat: GlobalCompat,
    /// Print the version (`rpod version X`, Podman's shape)
    #[arg(short = 'v', long)]
    pub version: bool,
    /// The command; only `-v/--version` goes without one.
    #[command(subcommand)]
    pub command: Option<Only<Command>>,
}

/// Podman's global flags that rpod accepts so `alias podman=rpod` keeps
/// scripts working; what each does in rpod is in its help.
#[derive(Debug, Clone, Args)]
pub struct GlobalCompat {
    /// Cgroup manager: systemd (a transient scope per container under the user's
    /// systemd manager; the default where the user's D-Bus session bus is
    /// reachable) or cgroupfs (a child cgroup of the user's delegated subtree)
    #[arg(long, global = true, value_name = "MANAGER", value_parser = ["cgroupfs", "systemd"])]
    pub cgroup_manager: Option<String>,
    /// Events backend: file (the default, $XDG_RUNTIME_DIR/rpod/events),
    /// none, or journald (written to the file too: rpod has no journald writer)
    #[arg(long, global = true, value_name = "BACKEND", value_parser = ["file", "journald", "none"])]
    pub events_backend: Option<String>,
    /// Options for the storage driver; accepted, no effect: rpod's drivers
    /// take none (use --storage-driver)
    #[arg(long, global = true, value_name = "OPTION")]
    pub storage_opt: Vec<String>,
    /// Directory for libpod's temporary state; accepted, no effect: rpod
    /// keeps its state under --runroot
    #[arg(long, global = true, value_name = "PATH")]
    pub tmpdir: Option<PathBuf>,
    /// Do not write to standard output
    #[arg(long, global = true)]
    pub noout: bool,
    /// Also log to syslog; accepted, no effect: rpod logs to standard error only
    #[arg(long, global = true)]
    pub syslog: bool,
    /// Load a containers.conf module (a path, or a name in a
    /// containers.conf.modules directory) after the other files
    #[arg(long, global = true, value_name = "MODULE")]
    pub module: Vec<String>,
    /// Docker client configuration directory (deprecated in Podman); accepted,
    /// no effect
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pull an image from a registry
    Pull(Lazy<PullArgs>),
    /// Push an image to a registry
    Push(Lazy<PushArgs>),
    /// Save images to an archive (docker-archive, oci-archive) or a directory
    Save(Lazy<SaveArgs>),
    /// Load images from an archive (-i FILE or standard input)
    Load(Lazy<LoadArgs>),
    /// List images in local storage
    Images(Lazy<ImagesArgs>),
    /// Manage images
    #[command(subcommand)]
    Image(Only<ImageCommand>),
    /// Show the history of an image
    History(Lazy<HistoryArgs>),
    /// Add names to a local image
    Tag(Lazy<TagArgs>),
    /// Remove names from a local image
    Untag(Lazy<UntagArgs>),
    /// Remove one or more images from local storage
    Rmi(Lazy<RmiArgs>),
    /// Log in to a container registry
    Login(Lazy<LoginArgs>),
    /// Log out of a container registry
    Logout(Lazy<LogoutArgs>),
    /// Run a command in a new container
    Run(Lazy<RunArgs>),
    /// Create a container without starting it
    Create(Lazy<RunArgs>),
    /// Start one or more containers
    Start(Lazy<StartArgs>),
    /// List containers
    Ps(Lazy<PsArgs>),
    /// Stop one or more running containers
    Stop(Lazy<StopArgs>),
    /// Send a signal to one or more running containers
    Kill(Lazy<KillArgs>),
    /// Remove one or more containers
    Rm(Lazy<RmArgs>),
    /// Show the output of a container
    Logs(Lazy<LogsArgs>),
    /// Wait for containers to stop and print their exit codes
    Wait(Lazy<NamesArgs>),
    /// Copy files between a container and the host (CTR:PATH, HOST-PATH or -)
    Cp(Lazy<CpArgs>),
    /// Show what a container changed in its image (A added, C changed, D deleted)
    Diff(Lazy<DiffArgs>),
    /// Write a container's root file system as a tar archive
    Export(Lazy<ExportArgs>),
    /// Create a new image from a container's changes
    Commit(Lazy<CommitArgs>),
    /// Display the configuration of a container or image
    Inspect(Lazy<InspectArgs>),
    /// Run a process in a running container
    Exec(Lazy<ExecArgs>),
    /// Attach to a running container's input and output
    Attach(Lazy<AttachArgs>),
    /// Show the processes of a container
    Top(Lazy<TopArgs>),
    /// Rename a container
    Rename(Lazy<RenameArgs>),
    /// List a container's published ports
    Port(Lazy<PortArgs>),
    /// Restart one or more containers
    Restart(Lazy<RestartArgs>),
    /// Run a command in rpod's user namespace (as `podman unshare`)
    Unshare(Lazy<UnshareArgs>),
    /// Mount a stopped container's root file system (inside `rpod unshare`); no argument: list the mounted ones
    Mount(Lazy<MountArgs>),
    /// Unmount a container's root file system mounted by `rpod mount`
    #[command(visible_alias = "umount")]
    Unmount(Lazy<UnmountArgs>),
    /// Prepare one or more containers for start (checks, directories; state `initialized`)
    Init(Lazy<InitArgs>),
    /// Pause all processes of one or more containers (cgroup v2 freezer)
    Pause(Lazy<PauseArgs>),
    /// Unpause one or more paused containers
    Unpause(Lazy<PauseArgs>),
    /// Show the resource use of running containers (CPU, memory, network, block I/O, PIDs)
    Stats(Lazy<StatsArgs>),
    /// Change the resource limits of a container, running or not
    Update(Lazy<UpdateArgs>),
    /// Manage containers
    #[command(subcommand)]
    Container(Only<ContainerCommand>),
    /// Manage volumes
    #[command(subcommand)]
    Volume(Only<VolumeCommand>),
    /// The per-container monitor (started by rpod, not by users)
    #[command(name = "container-monitor", hide = true)]
    ContainerMonitor(Lazy<MonitorArgs>),
    /// Display rpod's view of the system
    Info(Lazy<FormatArgs>),
    /// Names for shell completion: the words typed after `rpod`, not the one
    /// being completed (used by the completion scripts)
    #[command(name = "__complete", hide = true)]
    Complete(Lazy<CompleteArgs>),
    /// Import a root file system tarball as a one-layer image (- reads standard input)
    Import(Lazy<ImportArgs>),
    /// Build an image from a Containerfile (or Dockerfile)
    Build(Lazy<BuildArgs>),
    /// Check everything rootless rpod needs and print the command that fixes each problem
    Doctor(Lazy<DoctorArgs>),
    /// Turn Quadlet files (*.container, *.volume, *.image) into systemd services: the
    /// systemd generator (installed as rpod-user-generator), or --dryrun to print them
    Quadlet(Lazy<QuadletArgs>),
    /// Generate structured data: systemd units for a container
    #[command(subcommand)]
    Generate(Only<GenerateCommand>),
    /// Update containers run by systemd units whose io.containers.autoupdate label
    /// is registry or local, and restart their units (rolling back on failure)
    AutoUpdate(Lazy<AutoUpdateArgs>),
    /// Show events: what rpod calls did to containers, images and volumes
    Events(Lazy<EventsArgs>),
    /// Manage rpod: disk use, pruning, information
    #[command(subcommand)]
    System(Only<SystemCommand>),
    /// Display the rpod version
    Version(Lazy<FormatArgs>),
    /// Manage manifest lists (image indexes): create, add, annotate, inspect, push, remove, rm, exists
    #[command(subcommand)]
    Manifest(Only<manifest::ManifestCommand>),
}

// Parsed once per process: build's many flags inline cost nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Build an image from a Containerfile (or Dockerfile)
    Build(Lazy<BuildArgs>),
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(Lazy<ImagesArgs>),
    /// Display the configuration of an image
    Inspect(Lazy<InspectArgs>),
    /// Show the history of an image
    History(Lazy<HistoryArgs>),
    /// Add names to a local image
    Tag(Lazy<TagArgs>),
    /// Remove names from a local image
    Untag(Lazy<UntagArgs>),
    /// Remove one or more images from local storage
    Rm(Lazy<RmiArgs>),
    /// Remove unused images
    Prune(Lazy<PruneArgs>),
    /// Check whether an image exists in local storage (exit 0 if it does, 1 if not)
    Exists(Lazy<ExistsArgs>),
    /// Pull an image from a registry
    Pull(Lazy<PullArgs>),
    /// Push an image to a registry
    Push(Lazy<PushArgs>),
    /// Save images to an archive (docker-archive, oci-archive) or a directory
    Save(Lazy<SaveArgs>),
    /// Load images from an archive (-i FILE or standard input)
    Load(Lazy<LoadArgs>),
    /// Write an image's flattened root file system as a tar archive
    Export(Lazy<ImageExportArgs>),
}

#[derive(Debug, Subcommand)]
pub enum ContainerCommand {
    /// Run a command in a new container
    Run(Lazy<RunArgs>),
    /// Create a container without starting it
    Create(Lazy<RunArgs>),
    /// Start one or more containers
    Start(Lazy<StartArgs>),
    /// List containers
    #[command(visible_alias = "ps", visible_alias = "list")]
    Ls(Lazy<PsArgs>),
    /// Stop one or more running containers
    Stop(Lazy<StopArgs>),
    /// Send a signal to one or more running containers
    Kill(Lazy<KillArgs>),
    /// Remove one or more containers
    Rm(Lazy<RmArgs>),
    /// Show the output of a container
    Logs(Lazy<LogsArgs>),
    /// Wait for containers to stop and print their exit codes
    Wait(Lazy<NamesArgs>),
    /// Display the configuration of a container
    Inspect(Lazy<InspectArgs>),
    /// Copy files between a container and the host (CTR:PATH, HOST-PATH or -)
    Cp(Lazy<CpArgs>),
    /// Show what a container changed in its image (A added, C changed, D deleted)
    Diff(Lazy<DiffArgs>),
    /// Write a container's root file system as a tar archive
    Export(Lazy<ExportArgs>),
    /// Create a new image from a container's changes
    Commit(Lazy<CommitArgs>),
    /// Check whether a container exists (exit 0 if it does, 1 if not)
    Exists(Lazy<ExistsArgs>),
    /// Run a process in a running container
    Exec(Lazy<ExecArgs>),
    /// Attach to a running container's input and output
    Attach(Lazy<AttachArgs>),
    /// Show the processes of a container
    Top(Lazy<TopArgs>),
    /// Rename a container
    Rename(Lazy<RenameArgs>),
    /// List a container's published ports
    Port(Lazy<PortArgs>),
    /// Restart one or more containers
    Restart(Lazy<RestartArgs>),
    /// Remove all stopped containers
    Prune(Lazy<PruneContainersArgs>),
    /// Prepare one or more containers for start (checks, directories; state `initialized`)
    Init(Lazy<InitArgs>),
    /// Pause all processes of one or more containers (cgroup v2 freezer)
    Pause(Lazy<PauseArgs>),
    /// Unpause one or more paused containers
    Unpause(Lazy<PauseArgs>),
    /// Show the resource use of running containers (CPU, memory, network, block I/O, PIDs)
    Stats(Lazy<StatsArgs>),
    /// Change the resource limits of a container, running or not
    Update(Lazy<UpdateArgs>),
    /// Create a copy of a container, with other limits or another image if asked
    Clone(Lazy<CloneArgs>),
    /// Clean up what a stopped container's last run left (and with --rm, remove it)
    Cleanup(Lazy<CleanupArgs>),
    /// Mount a stopped container's root file system (inside `rpod unshare`); no argument: list the mounted ones
    Mount(Lazy<MountArgs>),
    /// Unmount a container's root file system mounted by `rpod mount`
    #[command(visible_alias = "umount")]
    Unmount(Lazy<UnmountArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct CloneArgs {
    /// Container to copy
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Name of the copy (default: NAME-clone)
    #[arg(value_name = "NAME")]
    pub new_name: Option<String>,
    /// Another image for the copy
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
    /// Name of the copy (as the NAME argument)
    #[arg(long, value_name = "NAME", conflicts_with = "new_name")]
    pub name: Option<String>,
    /// Remove the original container (with -f even when running)
    #[arg(long)]
    pub destroy: bool,
    /// Stop a running original for --destroy
    #[arg(short, long)]
    pub force: bool,
    /// Start the copy
    #[arg(long)]
    pub run: bool,
    #[command(flatten)]
    pub limits: CloneLimitArgs,
}

/// The limits `container clone` may change (Podman's subset).
#[derive(Debug, Clone, Args)]
pub struct CloneLimitArgs {
    /// Memory limit (b, k, m, g)
    #[arg(short = 'm', long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit
    #[arg(long, value_name = "SIZE")]
    pub memory_reservation: Option<String>,
    /// Number of CPUs
    #[arg(long, value_name = "N")]
    pub cpus: Option<f64>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPU CFS quota in microseconds per period
    #[arg(long, value_name = "US", allow_hyphen_values = true)]
    pub cpu_quota: Option<i64>,
    /// CPU CFS period in microseconds
    #[arg(long, value_name = "US")]
    pub cpu_period: Option<u64>,
    /// CPUs the copy may run on
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the copy may use
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Block IO weight (10-1000)
    #[arg(long, value_name = "WEIGHT")]
    pub blkio_weight: Option<u16>,
}

#[derive(Debug, Clone, Args)]
pub struct CleanupArgs {
    /// Containers to clean up
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub containers: Vec<String>,
    /// Every container that is not running
    #[arg(short, long, conflicts_with = "containers")]
    pub all: bool,
    /// The latest container created
    #[arg(short, long, conflicts_with = "containers")]
    pub latest: bool,
    /// Remove the container too
    #[arg(long)]
    pub rm: bool,
    /// Remove the container's image too, if nothing else uses it (implies --rm)
    #[arg(long)]
    pub rmi: bool,
}

#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    /// Create a volume
    Create(Lazy<VolumeCreateArgs>),
    /// List volumes
    #[command(visible_alias = "list")]
    Ls(Lazy<VolumeLsArgs>),
    /// Display the configuration of volumes
    Inspect(Lazy<VolumeInspectArgs>),
    /// Remove one or more volumes
    #[command(visible_alias = "remove")]
    Rm(Lazy<VolumeRmArgs>),
    /// Remove every volume no container uses
    Prune(Lazy<VolumePruneArgs>),
    /// Check whether a volume exists (exit 0 if it does, 1 if not)
    Exists(Lazy<VolumeExistsArgs>),
    /// Write a volume's content as a tar archive
    Export(Lazy<VolumeExportArgs>),
    /// Unpack a tar archive (a file, or - for standard input) into a volume
    Import(Lazy<VolumeImportArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct VolumeExportArgs {
    /// Volume to export
    #[arg(value_name = "VOLUME")]
    pub volume: String,
    /// Write to a file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct VolumeImportArgs {
    /// Volume to fill
    #[arg(value_name = "VOLUME")]
    pub volume: String,
    /// Tar archive, or - for standard input
    #[arg(value_name = "SOURCE")]
    pub source: String,
}

#[derive(Debug, Clone, Args)]
pub struct VolumeCreateArgs {
    /// Name of the volume (default: a generated ID)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Volume driver (only local)
    #[arg(short, long, value_name = "DRIVER", default_value = "local")]
    pub driver: String,
    /// Set metadata on the volume (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Driver options (KEY=VALUE): o=uid=N,gid=N,nocopy; type=tmpfs with o=size=,mode=; type=none,o=bind,device=PATH
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
    /// Do not fail if the volume already exists
    #[arg(long)]
    pub ignore: bool,
}

#[derive(Debug, Clone, Args)]
pub struct VolumeLsArgs {
    /// Show only volume names
    #[arg(short, long)]
    pub quiet: bool,
    /// Filter: name=, label=KEY[=VALUE], driver=, dangling=true|false, anonymous=true|false
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output format: json, or a Go template such as '{{.Name}}'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print the header line
    #[arg(long)]
    pub noheading: bool,
}

#[derive(Debug, Clone, Args)]
pub struct VolumeInspectArgs {
    /// Volumes to inspect
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub volumes: Vec<String>,
    /// Inspect every volume
    #[arg(short, long)]
    pub all: bool,
    /// Output format: json (default), or a Go template such as '{{.Mountpoint}}'
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct VolumeRmArgs {
    /// Volumes to remove
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub volumes: Vec<String>,
    /// Remove every volume
    #[arg(short, long)]
    pub all: bool,
    /// Remove the containers using the volume first
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct VolumePruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Filter: label=KEY[=VALUE], name=, driver=
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct VolumeExistsArgs {
    /// Volume to look for
    #[arg(value_name = "VOLUME")]
    pub volume: String,
}

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// Container to compare with its image
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Output format: json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CommitArgs {
    /// Container to commit
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Name for the new image; short names are qualified with localhost/
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
    /// Author of the image
    #[arg(short, long, value_name = "AUTHOR")]
    pub author: Option<String>,
    /// Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR
    #[arg(short, long, value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Manifest format of the image: oci or docker
    #[arg(short, long, value_name = "FORMAT", default_value = "oci")]
    pub format: String,
    /// Write the image ID to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Record the container's volumes as the image's VOLUMEs
    #[arg(long)]
    pub include_volumes: bool,
    /// Comment for the image's history
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Pause a running container while its changes are read
    #[arg(short, long)]
    pub pause: bool,
    /// Print only the image ID (nothing else is printed either way)
    #[arg(short, long)]
    pub quiet: bool,
    /// One layer holding the whole file system instead of a layer on top of the image's
    #[arg(short, long)]
    pub squash: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Container to export
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Write to a file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ImageExportArgs {
    /// Image to export
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Write to a file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CpArgs {
    /// Source: CONTAINER:PATH, a host path, or - (a tar stream on stdin)
    #[arg(value_name = "SRC")]
    pub source: String,
    /// Destination: CONTAINER:PATH, a host path, or - (a tar stream on stdout)
    #[arg(value_name = "DEST")]
    pub dest: String,
    /// Allow replacing a directory by a file and a file by a directory
    #[arg(long)]
    pub overwrite: bool,
    /// Give what is copied into a container to the container's user (default true; false keeps the archive's owners)
    #[arg(short, long, value_name = "BOOL", num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true)]
    pub archive: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExecArgs {
    /// Keep standard input open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Run in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Set environment variables (KEY=VALUE)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// User (name or id) and optionally group: USER[:GROUP]
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Container to run the command in, then the command and its arguments
    // One positional, as Podman's flags end at the container: in
    // `exec CTR ls --help` and `exec CTR --help` the `--help` is the command's.
    #[arg(value_names = ["CONTAINER", "COMMAND"], required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub container_and_command: Vec<String>,
    /// The container (filled from `container_and_command` by [`ExecArgs::split_positionals`]).
    #[arg(skip)]
    pub container: String,
    /// The command and its arguments (filled likewise).
    #[arg(skip)]
    pub command: Vec<String>,
}

impl ExecArgs {
    /// Splits the one positional into the container and the command, as
    /// [`RunArgs::split_positionals`] does; a "container" that starts with
    /// `-` is a flag clap did not know and is returned.
    pub fn split_positionals(&mut self) -> Option<String> {
        let mut rest = std::mem::take(&mut self.container_and_command).into_iter();
        self.container = rest.next().unwrap_or_default();
        self.command = rest.collect();
        self.container.starts_with('-').then(|| self.container.clone())
    }
}

#[derive(Debug, Clone, Args)]
pub struct AttachArgs {
    /// Do not attach standard input
    #[arg(long)]
    pub no_stdin: bool,
    /// Container to attach to
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", conflicts_with = "latest")]
    pub container: Option<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Forward the signals rpod receives to the container: rpod always does (--sig-proxy=false is refused)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub sig_proxy: bool,
}

#[derive(Debug, Clone, Args)]
pub struct TopArgs {
    /// Container to list the processes of
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", conflicts_with = "latest")]
    pub container: Option<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
}

#[derive(Debug, Clone, Args)]
pub struct StatsArgs {
    /// Containers to show (default: every running container)
    #[arg(value_name = "CONTAINER", conflicts_with = "latest")]
    pub containers: Vec<String>,
    /// Show all containers (those not running are skipped, as in Podman)
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Print one sample and exit
    #[arg(long)]
    pub no_stream: bool,
    /// Do not clear the terminal between samples
    #[arg(long)]
    pub no_reset: bool,
    /// Do not truncate IDs
    #[arg(long)]
    pub no_trunc: bool,
    /// Seconds between samples
    #[arg(short, long, value_name = "SECONDS", default_value_t = 5)]
    pub interval: u32,
    /// Output format: json, or a Go template such as 'table {{.ID}} {{.MemUsage}}'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Container to update
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", conflicts_with = "latest")]
    pub container: Option<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PortArgs {
    /// Container, and optionally one of its ports (PORT[/PROTOCOL])
    #[arg(value_name = "CONTAINER [PORT]", num_args = 0..=2)]
    pub args: Vec<String>,
    /// All containers' ports
    #[arg(short, long)]
    pub all: bool,
    /// The latest created container
    #[arg(short, long)]
    pub latest: bool,
}

#[derive(Debug, Clone, Args)]
pub struct RenameArgs {
    /// Container to rename
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// New name
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Debug, Clone, Args)]
pub struct PruneContainersArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct MountArgs {
    /// Containers to mount (none: list the mounted containers)
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Mount every container that is not running
    #[arg(short, long)]
    pub all: bool,
    /// Output format of the list: json, or a Go template such as '{{.ID}} {{.Path}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Do not truncate IDs in the list
    #[arg(long = "no-trunc", visible_alias = "notruncate")]
    pub no_trunc: bool,
}

#[derive(Debug, Clone, Args)]
pub struct UnmountArgs {
    /// Containers to unmount
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Unmount every container mounted in this session
    #[arg(short, long)]
    pub all: bool,
    /// Unmount at once whatever the mount count (a busy mount is detached)
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct UnshareArgs {
    /// Command and arguments (default: $SHELL)
    #[arg(value_name = "COMMAND", trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

#[derive(Debug, Clone, Args)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Assign a name to the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Set environment variables (KEY=VALUE, or KEY to copy it from rpod's environment)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User (name or id) and optionally group to run as: USER[:GROUP]
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Override the image's entrypoint (a string, or a JSON array)
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Container host name (default: the first 12 characters of the ID)
    #[arg(short = 'h', long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Print help (-h is --hostname, as in Podman)
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Require HTTPS and verify certificates when pulling the image (default: registries.conf decides)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Path of the authentication file for pulling the image (default: see containers-auth.json(5))
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Forward the signals rpod receives to the attached container: rpod always does (--sig-proxy=false is refused)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub sig_proxy: bool,
    /// Mount the container's root file system read-only
    #[arg(long)]
    pub read_only: bool,
    /// Run a tiny init as PID 1 that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Keep standard input open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Run in the background and print the container ID
    #[arg(short, long)]
    pub detach: bool,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Remove a container of the same --name first, running or not
    #[arg(long)]
    pub replace: bool,
    /// Write the container ID to this file (it must not exist)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// systemd readiness under a Type=notify unit: container (its process sends READY=1), conmon (ready once started), ignore
    #[arg(long, value_name = "MODE", default_value = "container")]
    pub sdnotify: String,
    /// Cgroup mode: enabled (default), split and no-conmon (the same in rpod: the monitor
    /// never shares the container's cgroup), or disabled (no cgroup of its own)
    #[arg(long, value_name = "MODE", default_value = "enabled")]
    pub cgroups: String,
    /// Parent of the container's cgroup: a slice name (systemd manager, default
    /// user.slice) or a path inside the user's delegated cgroup v2 subtree (cgroupfs)
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Cgroup namespace: private (default, the container sees its own cgroup as
    /// the root) or host
    #[arg(long, value_name = "MODE", value_parser = ["private", "host"])]
    pub cgroupns: Option<String>,
    /// Set metadata on the container (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub restart: String,
    /// Add Linux capabilities
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container every capability the user namespace allows, no masked paths, no seccomp
    #[arg(long)]
    pub privileged: bool,
    /// Security options: seccomp=FILE, seccomp=unconfined, no-new-privileges
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Bind mount or volume: HOST-DIR:CTR-DIR[:OPTIONS], VOLUME:CTR-DIR[:OPTIONS] or CTR-DIR
    /// (options: ro, rw, z, Z, nosuid, nodev, noexec, bind, rbind, nocopy, propagation;
    /// U: chown the source to the container's user; O: an overlay whose changes are discarded,
    /// or kept with upperdir=DIR,workdir=DIR)
    #[arg(short, long, value_name = "[SRC:]DEST[:OPTS]")]
    pub volume: Vec<String>,
    /// Mount: type=bind|volume|tmpfs|image|devpts,source=...,target=...[,ro][,...] (Podman's keys)
    #[arg(long, value_name = "type=TYPE,...")]
    pub mount: Vec<String>,
    /// User namespace: host (default: container root is you), keep-id[:uid=N,gid=N,size=N]
    /// (your uid and gid inside: files you write in bind mounts stay yours; the command runs as you),
    /// nomap (only subordinate ids), auto[:size=N] (ids no other auto container has)
    #[arg(long, value_name = "MODE", default_value = "")]
    pub userns: String,
    /// UID map CONTAINER_ID:HOST_ID:SIZE (host ids are ids in rpod's user namespace: 0 is you)
    #[arg(long, value_name = "C:H:N")]
    pub uidmap: Vec<String>,
    /// GID map CONTAINER_ID:HOST_ID:SIZE (as --uidmap)
    #[arg(long, value_name = "C:H:N")]
    pub gidmap: Vec<String>,
    /// Name of the /etc/subuid range to map (refused rootless, as by Podman)
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Name of the /etc/subgid range to map (refused rootless, as by Podman)
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
    /// Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// Mount a tmpfs: PATH[:OPTIONS] (default rw,noexec,nosuid,nodev)
    #[arg(long, value_name = "PATH[:OPTS]")]
    pub tmpfs: Vec<String>,
    /// Network mode: pasta[:OPTIONS] (default where installed), slirp4netns[:OPTIONS], none, host, container:NAME, ns:PATH, private
    #[arg(long, alias = "net", value_name = "MODE", default_value = "")]
    pub network: String,
    /// PID namespace: private (default), host, container:NAME (see its processes), ns:PATH
    #[arg(long, value_name = "MODE", default_value = "")]
    pub pid: String,
    /// IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH
    #[arg(long, value_name = "MODE", default_value = "")]
    pub ipc: String,
    /// UTS namespace (host name): private (default), host, container:NAME, ns:PATH
    #[arg(long, value_name = "MODE", default_value = "")]
    pub uts: String,
    /// File mode creation mask of the container's processes, octal (default 0022, or containers.conf's umask)
    #[arg(long, value_name = "MASK")]
    pub umask: Option<String>,
    /// Publish a container's port to the host: [[IP:][HOSTPORT]:]CONTAINERPORT[/PROTOCOL], ranges as 8000-8010:80-90
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// Publish every exposed port (the image's EXPOSE and --expose) on random host ports
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// Expose a port or range (PORT[-END][/PROTOCOL]) for --publish-all
    #[arg(long, value_name = "PORT")]
    pub expose: Vec<String>,
    /// Set a DNS server (replaces the host's)
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set a DNS search domain ('.' for none)
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Set a resolver option (resolv.conf 'options')
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a line to /etc/hosts: NAME:IP (IP may be host-gateway)
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Do not generate /etc/hosts (keep the image's)
    #[arg(long)]
    pub no_hosts: bool,
    /// Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Pull the image: always, missing (default), never, or newer (when the registry's differs; the local one if unreachable)
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["always", "missing", "never", "newer"])]
    pub pull: String,
    /// Timezone: local (the host's) or a name from /usr/share/zoneinfo such as Europe/Paris
    #[arg(long, value_name = "TZ")]
    pub tz: Option<String>,
    /// Log driver: k8s-file (default; json-file is an alias), journald, none, passthrough
    #[arg(long, value_name = "DRIVER", default_value = "")]
    pub log_driver: String,
    /// Log option: path=FILE, max-size=SIZE, tag=TEXT
    #[arg(long, value_name = "KEY=VALUE")]
    pub log_opt: Vec<String>,
    /// Containers this one needs: they are started before it (comma-separated or repeated)
    #[arg(long, value_name = "CONTAINER", value_delimiter = ',')]
    pub requires: Vec<String>,
    /// Signal that stops the container (default: the image's StopSignal, else SIGTERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds `stop` waits before SIGKILL (default 10)
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// Remove a variable the image or rpod sets (-e still sets it)
    #[arg(long, value_name = "KEY")]
    pub unsetenv: Vec<String>,
    /// Remove every variable the image or rpod sets (only -e and --env-file remain)
    #[arg(long)]
    pub unsetenv_all: bool,
    /// Pass rpod's whole environment into the container (under --env-file and -e)
    #[arg(long)]
    pub env_host: bool,
    /// Read labels (KEY=VALUE lines) from a file
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Add an OCI annotation to the container's spec: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Size of /dev/shm (b, k, m, g; default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Print no pull progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Remove the image after the container exits, unless another container uses it (implies --rm)
    #[arg(long)]
    pub rmi: bool,
    /// With --read-only, mount tmpfs on /run, /tmp and /var/tmp (default true, as Podman)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    pub read_only_tmpfs: bool,
    /// Write the container's process ID to this file when it starts
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
    /// Pull this platform of a multi-arch image: OS/ARCH[/VARIANT]
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Pull this architecture of a multi-arch image
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Pull this operating system of a multi-arch image
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Pull this architecture variant of a multi-arch image
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Additional groups for the container's process: GID or a group name from the image's /etc/group, or
    /// keep-groups (keep your supplementary groups)
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Process limit: TYPE=SOFT[:HARD] (nofile, nproc, core, stack, ...; -1 unlimited), or host for rpod's own
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Tune the OOM killer's preference for the container's processes (-1000 to 1000; rootless can only raise it)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// Add entries for the container's user to /etc/passwd and /etc/group when the image lacks them (keep-id's user, a numeric --user)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub passwd: bool,
    /// The /etc/passwd line added for the container's user ($USERNAME, $UID, $GID, $NAME, $HOME are replaced)
    #[arg(long, value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// The first argument is a directory to run on (DIR, or DIR:O for an overlay that keeps the directory unchanged), not an image
    #[arg(long)]
    pub rootfs: bool,
    /// Image to run, then the command and its arguments (default: the image's).
    /// One positional, as Podman's flags end at the image: in
    /// `run IMAGE -c true` the `-c` belongs to the command, not `--cpu-shares`.
    #[arg(value_names = ["IMAGE", "COMMAND"], required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub image_and_command: Vec<String>,
    /// The image (filled from `image_and_command` by [`RunArgs::split_positionals`]).
    #[arg(skip)]
    pub image: String,
    /// The command and its arguments (filled likewise).
    #[arg(skip)]
    pub command: Vec<String>,
}

impl RunArgs {
    /// Splits the one positional into the image and the command; called once
    /// after parsing, before anything reads `image` or `command`. An "image"
    /// that starts with `-` is a flag clap did not know (the positional
    /// accepts hyphens for the command's sake): it is returned, to be
    /// reported as [`unknown_argument`] reports it.
    pub fn split_positionals(&mut self) -> Option<String> {
        let mut rest = std::mem::take(&mut self.image_and_command).into_iter();
        self.image = rest.next().unwrap_or_default();
        self.command = rest.collect();
        self.image.starts_with('-').then(|| self.image.clone())
    }
}

/// Resource limits, shared by run/create and update.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Memory limit (b, k, m, g), e.g. 100m
    #[arg(short = 'm', long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit (memory.low)
    #[arg(long, value_name = "SIZE")]
    pub memory_reservation: Option<String>,
    /// Number of CPUs, e.g. 0.5 (CPU quota per 100 ms period)
    #[arg(long, value_name = "N")]
    pub cpus: Option<f64>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPU CFS quota in microseconds per period
    #[arg(long, value_name = "US", allow_hyphen_values = true)]
    pub cpu_quota: Option<i64>,
    /// CPU CFS period in microseconds
    #[arg(long, value_name = "US")]
    pub cpu_period: Option<u64>,
    /// CPUs the container may run on (0-3, 0,1)
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use (0-3, 0,1)
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Maximum number of processes (-1: unlimited)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<i64>,
    /// Block IO weight (10-1000)
    #[arg(long, value_name = "WEIGHT")]
    pub blkio_weight: Option<u16>,
    /// Limit reads from a block device, bytes per second: PATH:RATE (b, k, m, g)
    #[arg(long, value_name = "PATH:RATE")]
    pub device_read_bps: Vec<String>,
    /// Limit writes to a block device, bytes per second: PATH:RATE (b, k, m, g)
    #[arg(long, value_name = "PATH:RATE")]
    pub device_write_bps: Vec<String>,
    /// Limit reads from a block device, operations per second: PATH:RATE
    #[arg(long, value_name = "PATH:RATE")]
    pub device_read_iops: Vec<String>,
    /// Limit writes to a block device, operations per second: PATH:RATE
    #[arg(long, value_name = "PATH:RATE")]
    pub device_write_iops: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct StartArgs {
    /// Containers to start
    #[arg(required_unless_present = "latest", conflicts_with = "latest", value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Attach to the container's output
    #[arg(short, long)]
    pub attach: bool,
    /// Keep standard input open and forward it
    #[arg(short, long)]
    pub interactive: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PsArgs {
    /// Show all containers (default: running ones)
    #[arg(short, long)]
    pub all: bool,
    /// Show only container IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Show the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Show the N last created containers
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Filter KEY=VALUE: id, name (a regex), label, exited, status, ancestor, before, since, volume, health, network, pod, until
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output format: json, or a Go template such as '{{.Names}}'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print column headings
    #[arg(long)]
    pub noheading: bool,
    /// Sort by command, created, id, image, names, runningfor, size, status
    #[arg(long, value_name = "KEY", default_value = "created",
          value_parser = ["command", "created", "id", "image", "names", "runningfor", "size", "status"])]
    pub sort: String,
    /// Display the total file sizes: the container's changes (virtual: its image's layers)
    #[arg(short, long)]
    pub size: bool,
    /// Also list containers not created by rpod (rpod's store holds only its own)
    #[arg(long)]
    pub external: bool,
    /// Sync container state with the OCI runtime: rpod's state is always current
    #[arg(long)]
    pub sync: bool,
}

#[derive(Debug, Clone, Args)]
pub struct StopArgs {
    /// Containers to stop
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile"], conflicts_with = "latest")]
    pub containers: Vec<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Seconds to wait before killing the container
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Stop all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Ignore errors when a named container is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Read the container ID from this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct RestartArgs {
    /// Containers to restart
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile"], conflicts_with = "latest")]
    pub containers: Vec<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Seconds to wait before killing the container
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Restart every container, whatever its state
    #[arg(short, long)]
    pub all: bool,
    /// With --all: only the running containers
    #[arg(long)]
    pub running: bool,
    /// Read the container ID from this file (repeatable)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct KillArgs {
    /// Containers to signal
    #[arg(required_unless_present_any = ["all", "latest", "cidfile"], conflicts_with = "latest", value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Read the container ID from this file (repeatable)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Signal all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Signal to send (name or number)
    #[arg(short, long, value_name = "SIGNAL", default_value = "KILL")]
    pub signal: String,
}

#[derive(Debug, Clone, Args)]
pub struct RmArgs {
    /// Containers to remove
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "cidfile", "latest"])]
    pub containers: Vec<String>,
    /// Stop running containers first
    #[arg(short, long)]
    pub force: bool,
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Remove the containers' anonymous volumes too
    #[arg(short, long)]
    pub volumes: bool,
    /// Seconds to wait for a running container to stop before killing it (with -f)
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Ignore errors when a named container is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Read the container ID from this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Remove the containers that depend on it (--requires) first
    #[arg(long)]
    pub depend: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LogsArgs {
    /// Container to show the output of
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", conflicts_with = "latest")]
    pub container: Option<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Keep following the output
    #[arg(short, long)]
    pub follow: bool,
    /// Show only the last N lines
    #[arg(long, value_name = "N")]
    pub tail: Option<usize>,
    /// Show lines since this time (RFC 3339, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Show lines until this time (RFC 3339, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Show timestamps
    #[arg(short, long)]
    pub timestamps: bool,
}

#[derive(Debug, Clone, Args)]
pub struct NamesArgs {
    /// Containers
    #[arg(required_unless_present = "latest", conflicts_with = "latest", value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PauseArgs {
    /// Containers
    #[arg(required_unless_present_any = ["latest", "all", "cidfile"], conflicts_with_all = ["latest", "all"], value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Act on the latest container created
    #[arg(short, long, conflicts_with = "all")]
    pub latest: bool,
    /// Every running container (pause), every paused one (unpause)
    #[arg(short, long)]
    pub all: bool,
    /// Read the container ID from this file (repeatable)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Containers
    #[arg(required_unless_present_any = ["latest", "all"], conflicts_with_all = ["latest", "all"], value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Initialize every created or exited container
    #[arg(short, long, conflicts_with = "latest")]
    pub all: bool,
    /// Act on the latest container created
    #[arg(short, long)]
    pub latest: bool,
}

#[derive(Debug, Clone, Args)]
pub struct MonitorArgs {
    /// Container ID
    pub id: String,
    /// The descriptor of the pipe to report on (ready, started, error)
    #[arg(long, value_name = "FD")]
    pub sync_fd: Option<i32>,
    /// Wait for one attach client before starting the container
    #[arg(long)]
    pub attach: bool,
    /// The container's user namespace, made by the starting CLI; the next
    /// descriptor is the pipe that says when it is mapped
    #[arg(long, value_name = "FD")]
    pub userns_fd: Option<i32>,
}

#[derive(Debug, Clone, Args)]
pub struct PullArgs {
    /// Image to pull: [REGISTRY/]NAME[:TAG|@DIGEST]; short names use the search registries
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Print only the image ID
    #[arg(short, long)]
    pub quiet: bool,
    /// Require HTTPS and verify certificates (false also allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Pick this platform from a multi-arch image: OS/ARCH[/VARIANT]
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Pick this architecture from a multi-arch image
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Pick this operating system from a multi-arch image
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Pick this architecture variant from a multi-arch image
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Path of the authentication file (default: see containers-auth.json(5))
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Credentials USERNAME[:PASSWORD] for the registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct PushArgs {
    /// Local image to push
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Where to: [docker://]REGISTRY/REPOSITORY[:TAG] (default: the image's own name)
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
    /// Require HTTPS and verify certificates (false also allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Path of the authentication file (default: see containers-auth.json(5))
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Credentials USERNAME[:PASSWORD] for the registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Manifest format: oci (default for rebuilt manifests) or v2s2
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Compression of layers rpod compresses: gzip (default) or zstd; a
    /// blob the registry has in another compression is then not reused
    #[arg(long, value_name = "FORMAT")]
    pub compression_format: Option<String>,
    /// Compression level: gzip 0-9 (default 6), zstd 1-22 (default 3)
    #[arg(long, value_name = "LEVEL")]
    pub compression_level: Option<i32>,
    /// Write the digest of the pushed manifest to this file
    #[arg(long, value_name = "PATH")]
    pub digestfile: Option<PathBuf>,
    /// Discard signatures; rpod images carry none, so this changes nothing
    #[arg(long)]
    pub remove_signatures: bool,
}

#[derive(Debug, Clone, Args)]
pub struct SaveArgs {
    /// Image to save; with -m every name is an image, otherwise further names are extra tags
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
    /// Write to this file (or directory, for the dir formats) instead of standard output
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// docker-archive (default), oci-archive, oci-dir or docker-dir
    #[arg(long, value_name = "FORMAT", default_value = "docker-archive")]
    pub format: String,
    /// Several images in one docker-archive
    #[arg(short, long)]
    pub multi_image_archive: bool,
    /// Keep OCI layers uncompressed (oci-archive, oci-dir)
    #[arg(long)]
    pub uncompressed: bool,
    /// Compress layers with gzip (docker-dir)
    #[arg(long)]
    pub compress: bool,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LoadArgs {
    /// Read the archive (docker-archive or oci-archive; plain, gzip or zstd) from this file
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ImagesArgs {
    /// Show only images matching this name
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
    /// Show all images (including intermediate images)
    #[arg(short, long)]
    pub all: bool,
    /// Show only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print column headings
    #[arg(short, long)]
    pub noheading: bool,
    /// Output format: json, or a Go template such as '{{.ID}} {{.Repository}}'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Filter: dangling=true|false, label=KEY[=VALUE], reference=PATTERN, before=IMAGE, since=IMAGE, until=TIME
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Sort by created, id, repository, size or tag
    #[arg(long, value_name = "KEY", default_value = "created", value_parser = ["created", "id", "repository", "size", "tag"])]
    pub sort: String,
}

#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// Names or IDs to inspect
    #[arg(required_unless_present = "latest", conflicts_with = "latest", value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Inspect the latest container created
    #[arg(short, long)]
    pub latest: bool,
    /// Output format: json (default), or a Go template such as '{{.Id}}'
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display the total file sizes of containers (SizeRw, SizeRootFs)
    #[arg(short, long)]
    pub size: bool,
}

#[derive(Debug, Clone, Args)]
pub struct HistoryArgs {
    /// Image to show the history of
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Show sizes and dates in human-readable form
    #[arg(short = 'H', long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL")]
    pub human: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Show only the IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format: json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct TagArgs {
    /// Image to name
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// New names; short names are qualified with localhost/
    #[arg(required = true, value_name = "TARGET_NAME")]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct UntagArgs {
    /// Image to remove names from
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Names to remove (all names when none are given)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct RmiArgs {
    /// Images to remove
    #[arg(value_name = "IMAGE", required_unless_present = "all")]
    pub images: Vec<String>,
    /// Remove all images
    #[arg(short, long, conflicts_with = "images")]
    pub all: bool,
    /// Remove images with several names by ID, and ignore unknown images
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors when a named image is missing
    #[arg(short, long)]
    pub ignore: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PruneArgs {
    /// Remove all unused images, not just dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExistsArgs {
    /// Image to look for
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// Registry to log in to (registry or registry/namespace)
    #[arg(value_name = "REGISTRY")]
    pub registry: String,
    /// Username
    #[arg(short, long, value_name = "USERNAME")]
    pub username: Option<String>,
    /// Password (prefer --password-stdin)
    #[arg(short, long, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Read the password from standard input
    #[arg(long, conflicts_with = "password")]
    pub password_stdin: bool,
    /// Require HTTPS and verify certificates (false also allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Path of the authentication file
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct LogoutArgs {
    /// Registry to log out of
    #[arg(value_name = "REGISTRY", required_unless_present = "all")]
    pub registry: Option<String>,
    /// Remove all credentials from the authentication file
    #[arg(short, long, conflicts_with = "registry")]
    pub all: bool,
    /// Path of the authentication file
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Display rpod's view of the system (as `rpod info`)
    Info(Lazy<FormatArgs>),
    /// Show disk use of images, containers and volumes
    Df(Lazy<DfArgs>),
    /// Remove stopped containers and dangling images (and with flags, more)
    Prune(Lazy<SystemPruneArgs>),
    /// Remove every container, image, volume and the rest of rpod's state
    Reset(Lazy<ResetArgs>),
    /// Check that the store reads as this rpod writes it (nothing to convert yet)
    Migrate,
}

#[derive(Debug, Clone, Args)]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct DfArgs {
    /// Show each image, container and volume
    #[arg(short, long)]
    pub verbose: bool,
    /// Output format: json, or a Go template such as '{{.Type}} {{.Size}}'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct SystemPruneArgs {
    /// Remove every unused image, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove unused volumes too
    #[arg(long)]
    pub volumes: bool,
    /// Filter: until=TIME (RFC 3339, Unix seconds or a duration like 10m), label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EventsArgs {
    /// Filter: container=, image=, volume=, event=, type=, label=KEY[=VALUE]
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output format: json (one object per line), or a Go template such as '{{.Status}}'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not truncate IDs
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub no_trunc: bool,
    /// Events since this time (RFC 3339, Unix seconds, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Events until this time (RFC 3339, Unix seconds, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Keep following new events (false: print the logged ones and exit)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub stream: bool,
}

#[derive(Debug, Clone, Args)]
pub struct FormatArgs {
    /// Output format: json, or a Go template such as '{{.Version}}'
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CompleteArgs {
    /// The words typed so far after `rpod`
    #[arg(value_name = "WORD", trailing_var_arg = true, allow_hyphen_values = true)]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Build context: a directory or a tarball (default .); - reads the Containerfile from standard input, with no context
    #[arg(value_name = "CONTEXT")]
    pub context: Option<String>,
    /// Containerfile to use (default CONTEXT/Containerfile, else CONTEXT/Dockerfile); - reads standard input
    #[arg(short, long, value_name = "PATH")]
    pub file: Vec<String>,
    /// Name the resulting image (repeatable)
    #[arg(short, long, value_name = "NAME")]
    pub tag: Vec<String>,
    /// Set a build argument: KEY=VALUE, or KEY to take it from the environment
    #[arg(long, value_name = "KEY[=VALUE]")]
    pub build_arg: Vec<String>,
    /// Read build arguments (KEY=VALUE lines) from a file
    #[arg(long, value_name = "PATH")]
    pub build_arg_file: Vec<PathBuf>,
    /// Build up to this stage and name its image
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// Do not use the build cache
    #[arg(long)]
    pub no_cache: bool,
    /// Use and fill the build cache of intermediate images
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub layers: bool,
    /// Squash the final stage's new layers into one layer on top of its base
    #[arg(long)]
    pub squash: bool,
    /// Squash the whole image (base layers too) into one layer
    #[arg(long)]
    pub squash_all: bool,
    /// Add a label to the image: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Add an annotation to the image's manifest: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Pull base images: always, missing, never or newer
    #[arg(long, value_name = "POLICY", default_value = "missing", num_args = 0..=1, default_missing_value = "always")]
    pub pull: String,
    /// Image format: oci or docker
    #[arg(long, value_name = "FORMAT", default_value = "oci", value_parser = ["oci", "docker"])]
    pub format: String,
    /// Network for RUN steps (none, host, pasta, slirp4netns; default the default network)
    #[arg(long, value_name = "MODE")]
    pub network: Option<String>,
    /// Target platform: only the host's platform is supported
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// A secret for RUN --mount=type=secret: id=ID,src=PATH
    #[arg(long, value_name = "id=ID,src=PATH")]
    pub secret: Vec<String>,
    /// Write the image ID to this file
    #[arg(long, value_name = "PATH")]
    pub iidfile: Option<PathBuf>,
    /// Print only the image ID
    #[arg(short, long)]
    pub quiet: bool,
    /// Set every created time to this many seconds since the epoch (reproducible images)
    #[arg(long, value_name = "SECONDS")]
    pub timestamp: Option<i64>,
    /// Leave the history out of the image's config
    #[arg(long)]
    pub omit_history: bool,
    /// Add the built image to manifest list LIST (made if no image has that name); it replaces the list's entry for the same platform
    #[arg(long, value_name = "LIST")]
    pub manifest: Option<String>,
    /// Path of the authentication file for pulling base images (default: see containers-auth.json(5))
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Credentials for pulling base images: USERNAME[:PASSWORD] (asked for when left out)
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Require HTTPS and verify certificates when pulling base images (default: registries.conf decides)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Remove each step's container after the step: rpod always does (--rm=false is refused)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub rm: bool,
    /// Remove a step's container even when the step fails: rpod always does (--force-rm=false is refused)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub force_rm: Option<bool>,
    /// Compress the context before sending it: a no-op, as in Podman (there is no daemon to send it to)
    #[arg(long)]
    pub compress: bool,
    /// Do not compress layers in the store: rpod's store always keeps them uncompressed (the default; push compresses)
    #[arg(long, short = 'D', value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub disable_compression: Option<bool>,
    /// Skip the stages the target does not need: rpod always does (--skip-unused-stages=false is refused)
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub skip_unused_stages: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Tarball of a root file system (plain, gzip or zstd): a file, an http or https URL
    /// (at most 32 GiB downloaded; RPOD_IMPORT_MAX_SIZE=BYTES changes it), or - for standard input
    #[arg(value_name = "TARBALL")]
    pub source: String,
    /// Name for the image; short names are qualified with localhost/
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR
    #[arg(short, long, value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Comment for the image's history
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Print only the image ID
    #[arg(short, long)]
    pub quiet: bool,
    /// Architecture the image says it is for (default the host's)
    #[arg(long, value_name = "ARCH", value_parser = platform_word)]
    pub arch: Option<String>,
    /// Operating system the image says it is for (default linux)
    #[arg(long, value_name = "OS", value_parser = platform_word)]
    pub os: Option<String>,
    /// Architecture variant the image says it is for (v7, v8...)
    #[arg(long, value_name = "VARIANT", value_parser = platform_word)]
    pub variant: Option<String>,
}

/// One word of a platform (`arm64`, `linux`, `v8`): no slashes, spaces or control characters.
fn platform_word(s: &str) -> std::result::Result<String, String> {
    if s.is_empty() || s.len() > 64 || !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
        return Err(format!("{s:?} is not a platform word (letters, digits, _ - . only)"));
    }
    Ok(s.to_string())
}

#[derive(Debug, Clone, Args)]
pub struct DoctorArgs {
    /// Output format: json, or a Go template applied to each check such as
    /// '{{.Name}} {{.Status}}' (fields Name, Status, Detail, Fix)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct AutoUpdateArgs {
    /// Only check for updates: UPDATED says pending where one is available
    #[arg(long)]
    pub dry_run: bool,
    /// Output format: json, or a Go template applied to each row such as
    /// '{{.Unit}} {{.Updated}}' (fields Unit, Container, ContainerName,
    /// ContainerID, Image, Policy, Updated)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// When a restarted unit fails, give the image name back to the old image and restart the unit again
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub rollback: bool,
    /// Path of the authentication file (default: see containers-auth.json(5))
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Require HTTPS and verify certificates (false also allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// A systemd unit that starts (or, with --new, creates) a container (Quadlet is the newer way)
    Systemd(Lazy<GenerateSystemdArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct GenerateSystemdArgs {
    /// The container (name or ID)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Create a new container on each start, from the command that made this one
    #[arg(long)]
    pub new: bool,
    /// Use the container's name instead of its ID
    #[arg(short, long)]
    pub name: bool,
    /// Write the unit to ./UNIT.service and print its path
    #[arg(short, long)]
    pub files: bool,
    /// systemd restart policy
    #[arg(long, value_name = "POLICY", default_value = "on-failure")]
    pub restart_policy: String,
    /// Seconds systemd waits before restarting
    #[arg(long, value_name = "SECONDS")]
    pub restart_sec: Option<u32>,
    /// Seconds to wait for the container to stop (default: its stop timeout)
    #[arg(short = 't', long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// Seconds systemd waits for the start
    #[arg(long, value_name = "SECONDS")]
    pub start_timeout: Option<u32>,
    /// Prefix of the unit name
    #[arg(long, value_name = "PREFIX", default_value = "container")]
    pub container_prefix: String,
    /// Between prefix and name
    #[arg(long, value_name = "SEP", default_value = "-")]
    pub separator: String,
    /// No header comment with the date and version
    #[arg(long)]
    pub no_header: bool,
    /// Add Wants= to [Unit]
    #[arg(long, value_name = "UNIT")]
    pub wants: Vec<String>,
    /// Add After= to [Unit]
    #[arg(long, value_name = "UNIT")]
    pub after: Vec<String>,
    /// Add Requires= to [Unit]
    #[arg(long, value_name = "UNIT")]
    pub requires: Vec<String>,
    /// Add Environment= to [Service] (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct QuadletArgs {
    /// Print the units instead of writing them
    #[arg(long)]
    pub dryrun: bool,
    /// Convert the user's units ($XDG_CONFIG_HOME/containers/systemd, ...), not the system's
    #[arg(long)]
    pub user: bool,
    /// Accepted for Podman's quadlet; rpod logs to standard error only
    #[arg(long)]
    pub no_kmsg_log: bool,
    /// Say which files are read
    #[arg(short, long)]
    pub verbose: bool,
    /// The generator's directories (systemd passes normal, early and late; units go to the first)
    #[arg(value_name = "DIR", num_args = 0..=3)]
    pub dirs: Vec<PathBuf>,
}

/// The clap command tree, for man pages and completions.
pub fn command() -> clap::Command {
    lazy::eager_tree(Cli::command)
}

/// Parse, run, and return the process exit code.
pub fn main() -> i32 {
    // Installed as a systemd generator (`rpod-user-generator`, or
    // `rpod-generator` for the system manager), rpod is Quadlet.
    let argv0 = std::env::args_os().next().map(std::path::PathBuf::from).unwrap_or_default();
    let prog = argv0.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if prog.ends_with("-generator") && prog != "rpod" {
        let a = QuadletArgs {
            dryrun: false,
            user: prog.ends_with("user-generator"),
            no_kmsg_log: true,
            verbose: false,
            dirs: std::env::args_os().skip(1).map(PathBuf::from).collect(),
        };
        return match commands::cmd_quadlet(&a) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("rpod quadlet: {e:#}");
                1
            }
        };
    }
    if let Some(code) = monitor_fast_path() {
        return code;
    }
    let cli = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::{ContextKind, ContextValue, ErrorKind};
            // A Podman flag rpod lacks: one line saying so, not clap's usage dump.
            if e.kind() == ErrorKind::UnknownArgument {
                if let Some(ContextValue::String(bad)) = e.get(ContextKind::InvalidArg) {
                    return unknown_argument(bad);
                }
            }
            match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    return 0;
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    return crate::error::EXIT_ENGINE;
                }
                _ => {}
            }
            // Podman's shape for a usage error: one `Error:` line, exit 125.
            eprintln!("Error: {}", one_line_usage_error(&e.render().to_string()));
            return crate::error::EXIT_ENGINE;
        }
    };
    // The monitor's stderr is /dev/null, and the subscriber's registry
    // would stay resident (~33 kB) for the container's whole life.
    if !matches!(cli.command, Some(Only(Command::ContainerMonitor(_)))) {
        init_tracing(&cli.log_level);
    }
    if cli.compat.noout {
        silence_stdout();
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("{e:#}");
            if !msg.is_empty() {
                eprintln!("Error: {msg}");
            }
            exit_code_for(&e)
        }
    }
}

/// The monitor's command line exactly as `engine::container::start_record`
/// builds it (`--root R --runroot RR container-monitor --sync-fd N
/// [--userns-fd M] [--attach] ID`), run without clap: building rpod's whole
/// command tree (its global flags copied into every subcommand) costs about
/// a millisecond of CPU, on the critical path of every container start. Any
/// other shape (a user typing the hidden command) goes through clap.
/// `Cli::try_parse()` without its last step: the parsed tree (several
/// hundred heap blocks for `run`'s flags) is left to the process's exit
/// instead of being freed one by one (about 0.65 M instructions of every
/// call, 10 % of `run`'s own work before the container starts).
fn parse_args() -> Result<Cli, clap::Error> {
    parse_from(std::env::args_os().collect())
}

/// Parse `argv` as `rpod` does: only the subcommand it names is registered
/// ([`lazy::Only`]), and the parsed tree is never freed.
pub(crate) fn parse_from(argv: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    lazy::parse_only(argv, |argv| {
        let cmd = Box::leak(Box::new(Cli::command()));
        let matches = Box::leak(Box::new(cmd.try_get_matches_from_mut(argv)?));
        Cli::from_arg_matches_mut(matches).map_err(|e| e.format(cmd))
    })
}

fn monitor_fast_path() -> Option<i32> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let word = |i: usize| args.get(i).and_then(|a| a.to_str());
    if word(0) != Some("--root") || word(2) != Some("--runroot") || word(4) != Some("container-monitor") || word(5) != Some("--sync-fd") {
        return None;
    }
    let sync_fd: i32 = word(6)?.parse().ok()?;
    let mut i = 7;
    let mut userns_fd = None;
    if word(i) == Some("--userns-fd") {
        userns_fd = Some(word(i + 1)?.parse::<i32>().ok()?);
        i += 2;
    }
    let attach = word(i) == Some("--attach");
    if attach {
        i += 1;
    }
    let id = word(i)?;
    if args.len() != i + 1 || id.starts_with('-') {
        return None;
    }
    let (root, runroot) = (PathBuf::from(&args[1]), PathBuf::from(&args[3]));
    let run = || -> anyhow::Result<i32> {
        let paths = crate::paths::Paths::resolve(Some(root.as_path()), Some(runroot.as_path()))?;
        // The starting rpod passes the events backend in force through the
        // environment; only without it (a monitor started some other way)
        // is containers.conf's events_logger read (as in commands::run).
        let conf_backend = match std::env::var_os(crate::events::BACKEND_ENV) {
            Some(_) => None,
            None => crate::config::load(&[])?.engine.events_logger.as_deref(),
        };
        crate::events::configure(&paths.runroot, conf_backend);
        let engine = crate::engine::Engine::open(paths, crate::engine::Access::Metadata)?;
        Ok(crate::engine::container::monitor(&engine, id, attach, Some(sync_fd), userns_fd)?)
    };
    Some(run().unwrap_or_else(|e| {
        eprintln!("Error: {e:#}");
        exit_code_for(&e)
    }))
}

/// Podman's exit code for an error that reached `main`: an explicit
/// [`crate::error::ExitError`] wins, then the engine error's kind, else 125.
pub fn exit_code_for(e: &anyhow::Error) -> i32 {
    if let Some(x) = e.chain().find_map(|c| c.downcast_ref::<crate::error::ExitError>()) {
        return x.code;
    }
    match crate::engine::error::find(e) {
        Some(err) => exit_code_for_engine(err),
        None => crate::error::EXIT_ENGINE,
    }
}

/// The exit code for an engine error where the command has no rule of its own.
pub fn exit_code_for_engine(e: &crate::engine::Error) -> i32 {
    match e {
        crate::engine::Error::Launch { code, .. } => *code,
        _ => crate::error::EXIT_ENGINE,
    }
}

/// clap's message without its `error:` prefix, usage and hints, on one line.
fn one_line_usage_error(msg: &str) -> String {
    let body = msg.split("\n\nUsage:").next().unwrap_or(msg);
    let body = body.split("\n\n  tip:").next().unwrap_or(body);
    let body = body.trim().trim_start_matches("error: ");
    body.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("For more information")).collect::<Vec<_>>().join(" ")
}

/// `--noout`: standard output goes to /dev/null (errors still reach stderr).
fn silence_stdout() {
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        // SAFETY: dup2 onto fd 1 with a valid open descriptor; `null` is closed after.
        unsafe { libc::dup2(std::os::fd::AsRawFd::as_raw_fd(&null), libc::STDOUT_FILENO) };
    }
}

fn init_tracing(level: &str) {
    let lvl = match level {
        "trace" => tracing::Level::TRACE,
        "debug" => tracing::Level::DEBUG,
        "info" => tracing::Level::INFO,
        "warn" | "warning" => tracing::Level::WARN,
        _ => tracing::Level::ERROR,
    };
    let _ = tracing_subscriber::fmt().with_max_level(lvl).with_writer(std::io::stderr).with_target(false).without_time().try_init();
}

/// One line for an argument clap does not know (exit 125): Podman's flag
/// rpod lacks, with its reason; an operand to a command that takes none; or
/// cobra's "unknown flag".
pub(crate) fn unknown_argument(bad: &str) -> i32 {
    let args: Vec<String> = std::env::args().collect();
    let root = command();
    let path = flags::command_path(&root, &args);
    let no_positionals = flags::find_command(&root, &path).is_some_and(|c| c.get_positionals().next().is_none());
    match flags::refusal(&root, &args, bad) {
        Some(msg) => eprintln!("Error: {msg}"),
        // Podman's (validate.NoArgs) wording for an operand given to a command that takes none.
        None if !bad.starts_with('-') && no_positionals => eprintln!("Error: `{}` takes no arguments", path.replacen("podman", "rpod", 1)),
        None => {
            // Podman's (cobra's) wording for a flag nobody has.
            let path = path.replacen("podman", "rpod", 1);
            eprintln!("Error: unknown flag: {}\nSee '{path} --help'", bad.split('=').next().unwrap_or(bad));
        }
    }
    crate::error::EXIT_ENGINE
}
