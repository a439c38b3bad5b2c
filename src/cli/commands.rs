//! Dispatch: turn parsed flags into engine calls and print the results.

use std::io::{IsTerminal, Write};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};

use super::lazy::Only;
use super::output::{self, Template};
use super::template::is_json;
use super::{
    containers, Cli, Command, ContainerCommand, FormatArgs, HistoryArgs, ImageCommand, ImagesArgs, InspectArgs, LoginArgs, LogoutArgs, PruneArgs, PullArgs,
    RmiArgs,
};
use crate::engine::images::{self, Removal};
use crate::engine::pull::{self, PullOptions};
use crate::engine::{info, login, Access, Engine};
use crate::error::ExitError;
use crate::image::auth::Credentials;
use crate::image::platform::Platform;
use crate::paths::Paths;

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    if cli.version {
        // Podman's `podman version 4.3.1` shape, whatever command follows.
        return print(&format!("rpod version {}\n", env!("CARGO_PKG_VERSION")));
    }
    let Some(Only(command)) = cli.command else {
        bail!(crate::engine::Error::bad_input("missing command 'rpod COMMAND'"));
    };
    if let Command::Complete(a) = &command {
        return Ok(super::complete::run(&a.words));
    }
    if let Command::Doctor(a) = &command {
        // Before anything that could fail: doctor reports what is wrong.
        let paths = Paths::resolve(cli.root.as_deref(), cli.runroot.as_deref()).map_err(|e| format!("{e:#}"));
        return cmd_doctor(&crate::engine::doctor::doctor(paths.as_ref().map_err(|e| e.clone())), a);
    }
    if let Command::Quadlet(a) = &command {
        // A generator runs before the user's session exists: no store.
        return cmd_quadlet(a);
    }
    let paths = Paths::resolve(cli.root.as_deref(), cli.runroot.as_deref())?;
    // containers.conf, once for this call: a broken file fails every command (125).
    let conf = crate::config::load(&cli.compat.module)?;
    if let Some(b) = &cli.compat.events_backend {
        // The monitors rpod starts log `died`: they inherit the choice.
        std::env::set_var(crate::events::BACKEND_ENV, b);
    }
    // --events-backend, else the one rpod's caller chose, else events_logger.
    let conf_backend = conf.engine.events_logger.as_deref().filter(|_| std::env::var_os(crate::events::BACKEND_ENV).is_none());
    crate::events::configure(&paths.runroot, cli.compat.events_backend.as_deref().or(conf_backend));
    // The monitors this call starts inherit the backend in force, so they
    // need not read containers.conf again (a TOML parse on every start's
    // critical path, only for this key).
    std::env::set_var(crate::events::BACKEND_ENV, crate::events::backend());
    // --storage-driver, else storage.conf's driver, else overlay; with
    // storage.conf's mount_program, overlay roots are mounted by it.
    let storage_conf = crate::config::storage::get();
    let mut driver = cli.storage_driver.clone().or_else(|| storage_conf.driver.clone()).unwrap_or_else(|| "overlay".into());
    if let Some(p) = &storage_conf.mount_program {
        if driver == "overlay" {
            driver = "fuse-overlayfs".into();
        }
        std::env::set_var(crate::config::storage::MOUNT_PROGRAM_ENV, p);
    } else {
        // Never the caller's value: only storage.conf chooses the program.
        std::env::remove_var(crate::config::storage::MOUNT_PROGRAM_ENV);
    }
    // --cgroup-manager, else containers.conf's cgroup_manager.
    let cgroup_manager = match cli.compat.cgroup_manager.as_deref().or(conf.engine.cgroup_manager.as_deref()) {
        Some(m) => Some(crate::cgroups::Manager::parse(m).map_err(|e| anyhow!(ExitError::new(125, e)))?),
        None => None,
    };
    let open = |access| {
        Engine::open(paths.clone(), access).map(|mut e| {
            e.driver = driver.clone();
            e.cgroup_manager = cgroup_manager;
            e
        })
    };
    match command {
        Command::Pull(a) | Command::Image(Only(ImageCommand::Pull(a))) => cmd_pull(&open(Access::Content)?, &a),
        Command::Push(a) | Command::Image(Only(ImageCommand::Push(a))) => cmd_push(&mut open(Access::Metadata)?, &a),
        Command::Save(a) | Command::Image(Only(ImageCommand::Save(a))) => cmd_save(&open(Access::Content)?, &a),
        Command::Load(a) | Command::Image(Only(ImageCommand::Load(a))) => cmd_load(&open(Access::Content)?, &a),
        Command::Images(a) | Command::Image(Only(ImageCommand::Ls(a))) => cmd_images(&open(Access::Metadata)?, &a),
        Command::Image(Only(ImageCommand::Inspect(a))) => cmd_inspect(&open(Access::Metadata)?, &a),
        Command::History(a) | Command::Image(Only(ImageCommand::History(a))) => cmd_history(&open(Access::Metadata)?, &a),
        Command::Tag(a) | Command::Image(Only(ImageCommand::Tag(a))) => {
            images::tag(&open(Access::Metadata)?, &a.image, &a.names)?;
            Ok(0)
        }
        Command::Untag(a) | Command::Image(Only(ImageCommand::Untag(a))) => {
            images::untag(&open(Access::Metadata)?, &a.image, &a.names)?;
            Ok(0)
        }
        Command::Rmi(a) | Command::Image(Only(ImageCommand::Rm(a))) => cmd_rmi(&open(Access::Content)?, &a),
        Command::Image(Only(ImageCommand::Prune(a))) => cmd_prune(&open(Access::Content)?, &a),
        Command::Image(Only(ImageCommand::Exists(a))) => {
            if images::exists(&open(Access::Metadata)?, &a.image)? {
                Ok(0)
            } else {
                Err(anyhow!(ExitError::silent(1)))
            }
        }
        Command::Login(a) => cmd_login(&open(Access::Metadata)?, &a),
        Command::Logout(a) => cmd_logout(&open(Access::Metadata)?, &a),
        Command::Info(a) => cmd_info(&open(Access::Metadata)?, &a),
        Command::Import(a) => {
            let max_download = match std::env::var("RPOD_IMPORT_MAX_SIZE") {
                Ok(v) => Some(
                    v.trim().parse::<u64>().map_err(|_| crate::engine::Error::bad_input(format!("RPOD_IMPORT_MAX_SIZE={v:?}: expected a number of bytes")))?,
                ),
                Err(_) => None,
            };
            let o = crate::engine::import::ImportOptions {
                changes: a.change.clone(),
                message: a.message.clone(),
                max_download,
                os: a.os.clone(),
                arch: a.arch.clone(),
                variant: a.variant.clone(),
            };
            let id = crate::engine::import::import(&mut open(Access::Metadata)?, &a.source, a.name.as_deref(), &o)?;
            print(&format!("sha256:{id}\n"))
        }
        Command::Build(a) | Command::Image(Only(ImageCommand::Build(a))) => super::build::cmd_build(&mut open(Access::Metadata)?, &a),
        Command::Doctor(_) | Command::Complete(_) | Command::Quadlet(_) => unreachable!("handled before the store is opened"),
        Command::Version(a) => cmd_version(&a),
        Command::Generate(Only(super::GenerateCommand::Systemd(a))) => cmd_generate_systemd(&open(Access::Metadata)?, &a),
        Command::Events(a) => super::events::cmd_events(&paths.runroot, &a),
        Command::AutoUpdate(a) => cmd_auto_update(&mut open(Access::Metadata)?, &a),
        Command::System(Only(super::SystemCommand::Info(a))) => cmd_info(&open(Access::Metadata)?, &a),
        Command::System(Only(super::SystemCommand::Df(a))) => super::system::cmd_df(&open(Access::Content)?, &a),
        Command::System(Only(super::SystemCommand::Prune(a))) => super::system::cmd_prune(&open(Access::Content)?, &a),
        Command::System(Only(super::SystemCommand::Reset(a))) => super::lifecycle::cmd_reset(&open(Access::Content)?, &a),
        Command::System(Only(super::SystemCommand::Migrate)) => super::lifecycle::cmd_migrate(&open(Access::Metadata)?),
        Command::Container(Only(ContainerCommand::Clone(a))) => super::lifecycle::cmd_clone(&mut open(Access::Metadata)?, &a),
        Command::Container(Only(ContainerCommand::Cleanup(a))) => super::lifecycle::cmd_cleanup(&mut open(Access::Content)?, &a),
        Command::Run(mut a) | Command::Container(Only(ContainerCommand::Run(mut a))) => {
            if let Some(bad) = a.split_positionals() {
                return Ok(super::unknown_argument(&bad));
            }
            containers::cmd_run(&mut open(Access::Metadata)?, &a)
        }
        Command::Create(mut a) | Command::Container(Only(ContainerCommand::Create(mut a))) => {
            if let Some(bad) = a.split_positionals() {
                return Ok(super::unknown_argument(&bad));
            }
            containers::cmd_create(&mut open(Access::Metadata)?, &a)
        }
        Command::Start(a) | Command::Container(Only(ContainerCommand::Start(a))) => containers::cmd_start(&mut open(Access::Metadata)?, &a),
        Command::Ps(a) | Command::Container(Only(ContainerCommand::Ls(a))) => containers::cmd_ps(&open(Access::Metadata)?, &a),
        Command::Stop(a) | Command::Container(Only(ContainerCommand::Stop(a))) => containers::cmd_stop(&open(Access::Metadata)?, &a),
        Command::Kill(a) | Command::Container(Only(ContainerCommand::Kill(a))) => containers::cmd_kill(&open(Access::Metadata)?, &a),
        Command::Rm(a) | Command::Container(Only(ContainerCommand::Rm(a))) => containers::cmd_rm(&open(Access::Content)?, &a),
        Command::Logs(a) | Command::Container(Only(ContainerCommand::Logs(a))) => containers::cmd_logs(&open(Access::Metadata)?, &a),
        Command::Wait(a) | Command::Container(Only(ContainerCommand::Wait(a))) => containers::cmd_wait(&open(Access::Metadata)?, &a),
        Command::Container(Only(ContainerCommand::Exists(a))) => containers::cmd_container_exists(&open(Access::Metadata)?, &a.image),
        Command::Container(Only(ContainerCommand::Inspect(a))) => cmd_inspect_any(&open(Access::Metadata)?, &a, false),
        Command::Inspect(a) => cmd_inspect_any(&open(Access::Metadata)?, &a, true),
        Command::Exec(mut a) | Command::Container(Only(ContainerCommand::Exec(mut a))) => {
            if let Some(bad) = a.split_positionals() {
                return Ok(super::unknown_argument(&bad));
            }
            containers::cmd_exec(&open(Access::Metadata)?, &a)
        }
        Command::Attach(a) | Command::Container(Only(ContainerCommand::Attach(a))) => containers::cmd_attach(&open(Access::Metadata)?, &a),
        Command::Top(a) | Command::Container(Only(ContainerCommand::Top(a))) => containers::cmd_top(&open(Access::Metadata)?, &a),
        Command::Rename(a) | Command::Container(Only(ContainerCommand::Rename(a))) => containers::cmd_rename(&open(Access::Metadata)?, &a),
        Command::Port(a) | Command::Container(Only(ContainerCommand::Port(a))) => containers::cmd_port(&open(Access::Metadata)?, &a),
        Command::Restart(a) | Command::Container(Only(ContainerCommand::Restart(a))) => containers::cmd_restart(&mut open(Access::Metadata)?, &a),
        Command::Container(Only(ContainerCommand::Prune(a))) => containers::cmd_container_prune(&open(Access::Content)?, &a),
        Command::Pause(a) | Command::Container(Only(ContainerCommand::Pause(a))) => containers::cmd_pause(&open(Access::Metadata)?, &a, true),
        Command::Init(a) | Command::Container(Only(ContainerCommand::Init(a))) => containers::cmd_init(&open(Access::Metadata)?, &a),
        Command::Unpause(a) | Command::Container(Only(ContainerCommand::Unpause(a))) => containers::cmd_pause(&open(Access::Metadata)?, &a, false),
        Command::Stats(a) | Command::Container(Only(ContainerCommand::Stats(a))) => super::stats::cmd_stats(&open(Access::Metadata)?, &a),
        Command::Update(a) | Command::Container(Only(ContainerCommand::Update(a))) => super::stats::cmd_update(&open(Access::Metadata)?, &a),
        Command::Unshare(a) => containers::cmd_unshare(&open(Access::Content)?, &a),
        Command::Mount(a) | Command::Container(Only(ContainerCommand::Mount(a))) => {
            crate::engine::mount::require_session("mount")?;
            containers::cmd_mount(&open(Access::Metadata)?, &a)
        }
        Command::Unmount(a) | Command::Container(Only(ContainerCommand::Unmount(a))) => {
            crate::engine::mount::require_session("unmount")?;
            containers::cmd_unmount(&open(Access::Metadata)?, &a)
        }
        Command::Diff(a) | Command::Container(Only(ContainerCommand::Diff(a))) => containers::cmd_diff(&open(Access::Content)?, &a),
        Command::Commit(a) | Command::Container(Only(ContainerCommand::Commit(a))) => cmd_commit(&mut open(Access::Content)?, &a),
        Command::Export(a) | Command::Container(Only(ContainerCommand::Export(a))) => containers::cmd_export(&open(Access::Metadata)?, &a),
        Command::Image(Only(ImageCommand::Export(a))) => containers::cmd_image_export(&open(Access::Metadata)?, &a),
        Command::Cp(a) | Command::Container(Only(ContainerCommand::Cp(a))) => containers::cmd_cp(&open(Access::Metadata)?, &a),
        Command::Volume(Only(c)) => super::volumes::run(c, &open),
        Command::Manifest(Only(c)) => super::manifest::run(c, &open),
        Command::ContainerMonitor(a) => Ok(crate::engine::container::monitor(&open(Access::Metadata)?, &a.id, a.attach, a.sync_fd, a.userns_fd)?),
    }
}

fn cmd_commit(engine: &mut Engine, a: &super::CommitArgs) -> Result<i32> {
    use crate::engine::commit::{self, CommitOptions, ImageFormat};
    let o = CommitOptions {
        changes: a.change.clone(),
        message: a.message.clone(),
        author: a.author.clone(),
        pause: a.pause,
        squash: a.squash,
        format: ImageFormat::parse(&a.format)?,
        include_volumes: a.include_volumes,
        timestamp: None,
    };
    let report = commit::commit(engine, &a.container, a.image.as_deref(), &o)?;
    if let Some(f) = &a.iidfile {
        std::fs::write(f, format!("sha256:{}", report.id)).with_context(|| format!("writing {}", f.display()))?;
    }
    print(&format!("{}\n", report.id))
}

pub(super) fn print(s: &str) -> Result<i32> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e).context("writing to stdout"),
    }
}

fn json_out<T: serde::Serialize>(v: &T) -> Result<i32> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    print(&s)
}

pub(super) fn parse_creds(s: &str) -> Result<Credentials> {
    match s.split_once(':') {
        Some((u, p)) if !u.is_empty() => Ok(Credentials { username: u.into(), password: p.into() }),
        None if !s.is_empty() => {
            let password = read_password(&format!("Password for {s}: "))?;
            Ok(Credentials { username: s.into(), password })
        }
        _ => bail!("invalid --creds {s:?}: expected USERNAME[:PASSWORD]"),
    }
}

fn cmd_pull(engine: &Engine, a: &PullArgs) -> Result<i32> {
    let platform = Platform::from_flags(a.platform.as_deref(), a.os.as_deref(), a.arch.as_deref(), a.variant.as_deref())?;
    let creds = a.creds.as_deref().map(parse_creds).transpose()?;
    let opts = PullOptions {
        quiet: a.quiet,
        tls_verify: a.tls_verify,
        platform,
        authfile: a.authfile.clone(),
        creds,
        progress: Some(super::progress::TerminalProgress::shared(a.quiet)),
    };
    let pulled = pull::pull(engine, &a.image, &opts)?;
    print(&format!("{}\n", pulled.id))
}

fn cmd_push(engine: &mut Engine, a: &super::PushArgs) -> Result<i32> {
    use crate::engine::push::{self, PushOptions};
    let creds = a.creds.as_deref().map(parse_creds).transpose()?;
    let opts = PushOptions {
        tls_verify: a.tls_verify,
        authfile: a.authfile.clone(),
        creds,
        format: a.format.as_deref().map(str::parse).transpose()?,
        compression: a.compression_format.as_deref().map(str::parse).transpose()?,
        compression_level: a.compression_level,
        progress: Some(super::progress::TerminalProgress::shared(a.quiet)),
    };
    if crate::engine::manifest::exists(engine, &a.image)? {
        // A manifest list goes with its images (Podman's `manifest push --all`).
        use crate::engine::manifest::{self, PushListOptions, RegistryOptions};
        let o = PushListOptions {
            all: true,
            format: opts.format,
            registry: RegistryOptions { tls_verify: opts.tls_verify, authfile: opts.authfile.clone(), creds: opts.creds.clone() },
            compression: opts.compression,
            compression_level: opts.compression_level,
            rm: false,
            progress: opts.progress.clone(),
        };
        let pushed = manifest::push(engine, &a.image, a.destination.as_deref(), &o)?;
        if let Some(path) = &a.digestfile {
            std::fs::write(path, pushed.digest.as_str()).with_context(|| format!("writing --digestfile {}", path.display()))?;
        }
        return Ok(0);
    }
    let pushed = push::push(engine, &a.image, a.destination.as_deref(), &opts)?;
    if let Some(path) = &a.digestfile {
        std::fs::write(path, pushed.digest.as_str()).with_context(|| format!("writing --digestfile {}", path.display()))?;
    }
    Ok(0)
}

fn cmd_save(engine: &Engine, a: &super::SaveArgs) -> Result<i32> {
    use crate::engine::archive::{self, ArchiveFormat, SaveOptions, SaveTarget};
    let format: ArchiveFormat = a.format.parse()?;
    let opts = SaveOptions { format, multi: a.multi_image_archive, uncompressed: a.uncompressed, compress: a.compress };
    match &a.output {
        Some(p) => archive::save(engine, &a.images, SaveTarget::Path(p), &opts)?,
        None => {
            if format.is_dir() {
                bail!(crate::engine::Error::bad_input(format!("--format {} needs -o DIRECTORY", a.format)));
            }
            if std::io::stdout().is_terminal() {
                bail!(crate::engine::Error::bad_input("refusing to save to terminal. Use -o flag or redirect"));
            }
            let mut out = std::io::stdout().lock();
            archive::save(engine, &a.images, SaveTarget::Stream(&mut out), &opts)?;
        }
    }
    Ok(0)
}

fn cmd_load(engine: &Engine, a: &super::LoadArgs) -> Result<i32> {
    use crate::engine::archive;
    let names = match &a.input {
        Some(p) => archive::load_path(engine, p)?,
        None => {
            if std::io::stdin().is_terminal() {
                bail!(crate::engine::Error::bad_input("cannot read from terminal, use command-line redirection or the --input flag"));
            }
            archive::load(engine, &mut std::io::stdin().lock())?
        }
    };
    let mut text = String::new();
    for n in names {
        text.push_str(&format!("Loaded image: {n}\n"));
    }
    print(&text)
}

/// One row of `images`, with Podman's `--format` field names.
/// Images after `--filter` (and the optional name), in `--sort` order.
fn listed_images(engine: &Engine, a: &ImagesArgs) -> Result<Vec<crate::storage::ImageRecord>> {
    let mut filters: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for f in &a.filter {
        let (k, v) = f.split_once('=').ok_or_else(|| anyhow!("invalid filter {f:?}: expected KEY=VALUE"))?;
        let v = if k == "until" { super::containers::parse_time(v)?.to_rfc3339() } else { v.to_string() };
        filters.entry(k.to_string()).or_default().push(v);
    }
    let mut imgs = images::filter(engine, images::list(engine)?, &filters)?;
    if !a.all {
        // As Podman: a build's intermediate images show with --all only.
        let hidden = crate::engine::build::intermediate_ids(engine)?;
        imgs.retain(|i| !hidden.contains(&i.id));
    }
    match a.sort.as_str() {
        "id" => imgs.sort_by(|x, y| x.id.cmp(&y.id)),
        "size" => imgs.sort_by_key(|x| x.size),
        "repository" | "tag" => imgs.sort_by(|x, y| x.names.first().cmp(&y.names.first())),
        _ => imgs.sort_by(|x, y| y.created.cmp(&x.created)),
    }
    Ok(imgs)
}

fn image_rows(engine: &Engine, a: &ImagesArgs) -> Result<Vec<Value>> {
    let imgs = listed_images(engine, a)?;
    let filter = a.image.as_ref().map(|f| images::resolve(engine, &imgs, f).map(|i| i.id).unwrap_or_default());
    let containers = if a.format.as_deref().is_some_and(|f| f.contains("Containers")) { container_counts(engine)? } else { Default::default() };
    let mut rows = Vec::new();
    for img in imgs.iter().filter(|i| filter.as_ref().is_none_or(|f| *f == i.id)) {
        let id = if a.no_trunc { img.id_digest() } else { crate::container::short_id(&img.id).to_string() };
        for (repo, tag) in images::repo_tags(img) {
            rows.push(json!({
                "ID": id,
                "Id": img.id,
                "Repository": repo,
                "Tag": tag,
                "Digest": img.digest.to_string(),
                "CreatedSince": output::since(img.created.as_deref()),
                "CreatedAt": output::go_time(img.created.as_deref()),
                "Size": output::human_size(img.size),
                "RawSize": img.size,
                "Names": img.names,
                "RepoTags": img.names,
                "RepoDigests": img.repo_digests,
                "Created": output::since(img.created.as_deref()),
                "ReadOnly": false,
                "SharedSize": 0,
                "VirtualSize": img.size,
                "History": img.names.join(", "),
                "Dangling": img.names.is_empty(),
                "Containers": containers.get(&img.id).copied().unwrap_or(0),
                "Labels": Value::Null,
                "ParentId": "",
            }));
        }
    }
    Ok(rows)
}

/// How many containers use each image (by image ID).
fn container_counts(engine: &Engine) -> Result<std::collections::HashMap<String, usize>> {
    let mut m = std::collections::HashMap::new();
    let o = crate::engine::container::PsOptions { all: true, ..Default::default() };
    for s in crate::engine::container::ps(engine, &o)? {
        *m.entry(s.image_id).or_insert(0) += 1;
    }
    Ok(m)
}

/// Column titles Podman gives `images` fields.
const IMAGE_HEADERS: &[(&str, &str)] = &[("ID", "IMAGE ID"), ("Id", "IMAGE ID"), ("CreatedSince", "CREATED"), ("Created", "CREATED")];

fn cmd_images(engine: &Engine, a: &ImagesArgs) -> Result<i32> {
    if a.format.as_deref().is_some_and(is_json) {
        let imgs = listed_images(engine, a)?;
        let counts = container_counts(engine)?;
        let list: Vec<Value> = imgs
            .iter()
            .filter(|i| a.image.as_ref().is_none_or(|f| images::resolve(engine, &imgs, f).map(|x| x.id == i.id).unwrap_or(false)))
            .map(|i| {
                let created = i.created.as_deref().and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok());
                json!({
                    "Id": i.id,
                    "ParentId": "",
                    "RepoTags": i.names,
                    "RepoDigests": i.repo_digests,
                    "Size": i.size,
                    "SharedSize": 0,
                    "VirtualSize": i.size,
                    "Labels": images::config(engine, i).ok().and_then(|c| c.pointer("/config/Labels").cloned()).unwrap_or(Value::Null),
                    "Containers": counts.get(&i.id).copied().unwrap_or(0),
                    "Names": i.names,
                    "Digest": i.digest,
                    "History": i.names,
                    "Created": created.map(|c| c.timestamp()).unwrap_or(0),
                    "CreatedAt": i.created,
                })
            })
            .collect();
        return json_out(&list);
    }
    let rows = image_rows(engine, a)?;
    if a.quiet {
        let mut seen = Vec::new();
        for r in &rows {
            let id = r["ID"].as_str().unwrap_or("").to_string();
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        return print(&seen.iter().map(|s| format!("{s}\n")).collect::<String>());
    }
    if let Some(f) = &a.format {
        let t = Template::parse("images", f)?.ranged().go_type("", "images.imageReporter");
        return output::print_rows(&t, &rows, IMAGE_HEADERS, a.noheading);
    }
    let mut table = Vec::new();
    if !a.noheading {
        let mut h = vec!["REPOSITORY", "TAG"];
        if a.digests {
            h.push("DIGEST");
        }
        h.extend(["IMAGE ID", "CREATED", "SIZE"]);
        table.push(h.into_iter().map(String::from).collect());
    }
    for r in &rows {
        let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
        let mut line = vec![s("Repository"), s("Tag")];
        if a.digests {
            line.push(s("Digest"));
        }
        line.extend([s("ID"), s("CreatedSince"), s("Size")]);
        table.push(line);
    }
    print(&output::table(&table))
}

fn cmd_inspect(engine: &Engine, a: &InspectArgs) -> Result<i32> {
    if a.latest {
        bail!("--latest applies to containers: use `rpod inspect --latest`");
    }
    if a.size {
        bail!("--size applies to containers: use `rpod inspect --size`");
    }
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for name in &a.images {
        match images::lookup(engine, name) {
            Ok(img) => out.push(serde_json::to_value(images::inspect(engine, &img)?)?),
            Err(e) if matches!(crate::engine::error::find(&e), Some(crate::engine::Error::NoSuchImage(_))) => missing.push(name.clone()),
            Err(e) => return Err(e),
        }
    }
    print_inspect(a.format.as_deref(), &out)?;
    if let Some(m) = missing.first() {
        return Err(anyhow!(ExitError::new(crate::error::EXIT_ENGINE, format!("{m}: image not known"))));
    }
    Ok(0)
}

/// `inspect` (containers, then images) and `container inspect` (containers only).
fn cmd_inspect_any(engine: &Engine, a: &InspectArgs, images_too: bool) -> Result<i32> {
    let mut out = Vec::new();
    let mut missing = None;
    let names = if a.latest { vec![super::containers::latest_id(engine)?] } else { a.images.clone() };
    for name in &names {
        if crate::engine::container::exists(engine, name)? {
            out.push(serde_json::to_value(crate::engine::inspect::inspect_with(engine, name, a.size)?)?);
        } else if images_too {
            match images::lookup(engine, name) {
                Ok(img) => out.push(serde_json::to_value(images::inspect(engine, &img)?)?),
                Err(e) if matches!(crate::engine::error::find(&e), Some(crate::engine::Error::NoSuchImage(_))) => {
                    missing.get_or_insert(name.clone());
                }
                Err(e) => return Err(e),
            }
        } else {
            missing.get_or_insert(name.clone());
        }
    }
    print_inspect(a.format.as_deref(), &out)?;
    if let Some(m) = missing {
        return Err(anyhow!(ExitError::new(crate::error::EXIT_ENGINE, format!("no such object: {m:?}"))));
    }
    Ok(0)
}

/// `inspect --format`: JSON by default, else the template for each object,
/// with Podman's error prefix.
fn print_inspect(format: Option<&str>, out: &[Value]) -> Result<i32> {
    match format {
        None => json_out(&out),
        Some(f) if is_json(f) => json_out(&out),
        Some(f) => {
            let t = Template::parse("inspect", f)?.ranged().go_type("", "interface {}");
            output::print_rows(&t, out, &[], true).context("inspecting object: printing inspect output")
        }
    }
}

fn cmd_history(engine: &Engine, a: &HistoryArgs) -> Result<i32> {
    let img = images::lookup(engine, &a.image)?;
    let rows = images::history(engine, &img)?;
    if a.format.as_deref().is_some_and(is_json) {
        return json_out(&rows);
    }
    let short = |id: &str| if a.no_trunc || id == "<missing>" { id.to_string() } else { id[..12.min(id.len())].to_string() };
    if a.quiet {
        return print(&rows.iter().map(|r| format!("{}\n", short(&r.id))).collect::<String>());
    }
    let values: Vec<Value> = rows
        .iter()
        .map(|r| {
            let created_by = if a.no_trunc || r.created_by.chars().count() <= 45 {
                r.created_by.clone()
            } else {
                format!("{}...", r.created_by.chars().take(42).collect::<String>())
            };
            json!({
                "ID": short(&r.id),
                "Created": if a.human { output::since(r.created.as_deref()) } else { r.created.clone().unwrap_or_default() },
                "CreatedAt": output::go_time(r.created.as_deref()),
                "CreatedSince": output::since(r.created.as_deref()),
                "CreatedBy": created_by,
                "Size": if a.human { output::human_size(r.size) } else { r.size.to_string() },
                "Comment": r.comment,
                "Tags": Value::Array(vec![]),
            })
        })
        .collect();
    if let Some(f) = &a.format {
        let t = Template::parse("history", f)?.ranged().go_type("", "images.historyReporter");
        return output::print_rows(&t, &values, &[("CreatedSince", "CREATED"), ("CreatedAt", "CREATED AT")], false);
    }
    let mut table = vec![["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"].map(String::from).to_vec()];
    for v in &values {
        table.push(["ID", "Created", "CreatedBy", "Size", "Comment"].iter().map(|k| v[*k].as_str().unwrap_or("").to_string()).collect());
    }
    print(&output::table(&table))
}

fn cmd_rmi(engine: &Engine, a: &RmiArgs) -> Result<i32> {
    let report = images::rmi(engine, &a.images, a.all, a.force)?;
    let mut out = String::new();
    for r in &report.done {
        match r {
            Removal::Untagged(n) => out.push_str(&format!("Untagged: {n}\n")),
            Removal::Deleted(id) => out.push_str(&format!("Deleted: {id}\n")),
        }
    }
    print(&out)?;
    for e in &report.errors {
        eprintln!("Error: {e:#}");
    }
    if !report.errors.is_empty() {
        // Podman: 2 when an image is in use (by a container, or by several names).
        return Ok(if report.errors.iter().any(|e| matches!(e, crate::engine::Error::InUse(_))) { 2 } else { 125 });
    }
    if !report.not_found.is_empty() && !a.force && !a.ignore {
        for n in &report.not_found {
            eprintln!("Error: {n}: image not known");
        }
        return Ok(1);
    }
    Ok(0)
}

fn confirm(question: &str) -> Result<bool> {
    eprint!("{question} [y/N] ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("reading the answer")?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "Yes"))
}

fn cmd_prune(engine: &Engine, a: &PruneArgs) -> Result<i32> {
    if !a.force {
        let what = if a.all { "all images not used by at least one container" } else { "all dangling images" };
        if !confirm(&format!("WARNING! This command removes {what}.\nAre you sure you want to continue?"))? {
            return Ok(0);
        }
    }
    let removed = images::prune(engine, a.all)?;
    print(&removed.iter().map(|id| format!("{id}\n")).collect::<String>())
}

fn read_line_stdin() -> Result<String> {
    let mut s = String::new();
    std::io::stdin().read_line(&mut s).context("reading standard input")?;
    Ok(s.trim_end_matches(['\n', '\r']).to_string())
}

fn read_password(prompt: &str) -> Result<String> {
    use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        bail!("cannot prompt for a password: standard input is not a terminal (use --password-stdin)");
    }
    eprint!("{prompt}");
    let old = tcgetattr(&stdin).context("reading terminal settings")?;
    let mut quiet = old.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    tcsetattr(&stdin, SetArg::TCSANOW, &quiet).context("turning off echo")?;
    let line = read_line_stdin();
    let _ = tcsetattr(&stdin, SetArg::TCSANOW, &old);
    eprintln!();
    line
}

fn cmd_login(engine: &Engine, a: &LoginArgs) -> Result<i32> {
    let username = match &a.username {
        Some(u) => u.clone(),
        None if std::io::stdin().is_terminal() && !a.password_stdin => {
            eprint!("Username: ");
            read_line_stdin()?
        }
        None => bail!("missing username: use --username"),
    };
    let password = if a.password_stdin {
        read_line_stdin()?
    } else {
        match &a.password {
            Some(p) => p.clone(),
            None => read_password("Password: ")?,
        }
    };
    if username.is_empty() || password.is_empty() {
        bail!("username and password must not be empty");
    }
    login::login(engine, &a.registry, &Credentials { username, password }, a.tls_verify, a.authfile.as_deref())?;
    print("Login Succeeded!\n")
}

fn cmd_logout(engine: &Engine, a: &LogoutArgs) -> Result<i32> {
    login::logout(engine, a.registry.as_deref(), a.authfile.as_deref())?;
    match &a.registry {
        Some(r) => print(&format!("Removed login credentials for {r}\n")),
        None => print("Removed login credentials for all registries\n"),
    }
}

/// Go types of `info`'s parts, named in template errors as Podman names them.
const INFO_TYPES: &[(&str, &str)] = &[
    ("", "*define.Info"),
    ("Host", "*define.HostInfo"),
    ("Store", "*define.StoreInfo"),
    ("Version", "define.Version"),
    ("Host.Security", "define.SecurityInfo"),
    ("Host.Distribution", "define.DistributionInfo"),
    ("Host.OCIRuntime", "*define.OCIRuntimeInfo"),
    ("Host.IDMappings", "define.IDMappings"),
    ("Store.ImageStore", "define.ImageStore"),
    ("Store.ContainerStore", "define.ContainerStore"),
];

fn cmd_info(engine: &Engine, a: &FormatArgs) -> Result<i32> {
    let v = serde_json::to_value(info::info(engine))?;
    match a.format.as_deref() {
        Some(f) if is_json(f) => json_out(&v),
        Some(f) => {
            let mut t = Template::parse("info", f)?;
            for (path, ty) in INFO_TYPES {
                t = t.go_type(path, ty);
            }
            output::print_one(&t, &output::go_fields(&v))
        }
        None => print(&output::yaml(&v)),
    }
}

/// `doctor`: a table of checks, then the fixes; exit 1 when a needed part is missing.
/// `rpod quadlet`: as Podman's quadlet, errors go to standard error one
/// line per unit, the other units are still made, and the exit code is 1
/// when any unit failed.
pub fn cmd_quadlet(a: &super::QuadletArgs) -> Result<i32> {
    if !a.dryrun && a.dirs.is_empty() {
        bail!("missing output directory: rpod quadlet [--user] NORMAL-DIR [EARLY-DIR LATE-DIR], or --dryrun");
    }
    let o = crate::engine::systemd::QuadletOptions { user: a.user, output: if a.dryrun { None } else { a.dirs.first().cloned() }, rpod: None };
    let g = crate::engine::systemd::quadlet(&o)?;
    if a.verbose {
        for u in &g.units {
            eprintln!("rpod quadlet: converted {} to {}", u.source.display(), u.name);
        }
    }
    for w in &g.warnings {
        eprintln!("rpod quadlet: warning: {w}");
    }
    for e in &g.errors {
        eprintln!("rpod quadlet: {e}");
    }
    if a.dryrun {
        let mut s = String::new();
        for u in &g.units {
            s.push_str(&format!("---{}---\n{}\n", u.name, u.text));
        }
        print(&s)?;
    }
    Ok(if g.errors.is_empty() { 0 } else { 1 })
}

fn cmd_generate_systemd(engine: &Engine, a: &super::GenerateSystemdArgs) -> Result<i32> {
    // The flags of `run` that take a value, for --new's rewriting.
    let root = super::command();
    let mut value_flags = Vec::new();
    if let Some(run) = root.find_subcommand("run") {
        for arg in run.get_arguments().filter(|x| x.get_action().takes_values()) {
            if let Some(l) = arg.get_long() {
                value_flags.push(format!("--{l}"));
            }
            for al in arg.get_all_aliases().unwrap_or_default() {
                value_flags.push(format!("--{al}"));
            }
            if let Some(c) = arg.get_short() {
                value_flags.push(format!("-{c}"));
            }
        }
    }
    let o = crate::engine::systemd::GenerateOptions {
        container: a.container.clone(),
        new: a.new,
        use_name: a.name,
        restart_policy: a.restart_policy.clone(),
        restart_sec: a.restart_sec,
        stop_timeout: a.stop_timeout,
        start_timeout: a.start_timeout,
        container_prefix: a.container_prefix.clone(),
        separator: a.separator.clone(),
        no_header: a.no_header,
        wants: a.wants.clone(),
        after: a.after.clone(),
        requires: a.requires.clone(),
        env: a.env.clone(),
        value_flags,
        rpod: None,
    };
    let unit = crate::engine::systemd::generate(engine, &o)?;
    if a.files {
        let path = std::env::current_dir().context("the current directory")?.join(&unit.name);
        std::fs::write(&path, &unit.text).with_context(|| format!("writing {}", path.display()))?;
        return print(&format!("{}\n", path.display()));
    }
    print(&unit.text)
}

fn cmd_auto_update(engine: &mut Engine, a: &super::AutoUpdateArgs) -> Result<i32> {
    use crate::engine::autoupdate::{auto_update, AutoUpdateOptions, Systemctl};
    let o = AutoUpdateOptions { dry_run: a.dry_run, rollback: a.rollback, authfile: a.authfile.clone(), tls_verify: a.tls_verify };
    // The user's manager unless rpod runs as real root (inside rpod's user
    // namespace the effective uid reads 0, but the engine has a mapping).
    let user = engine.idmap.is_some() || !crate::runtime::userns::already_privileged();
    let (rows, errors) = auto_update(engine, &o, &Systemctl { user })?;
    match a.format.as_deref() {
        Some(f) if is_json(f) => json_out(&rows)?,
        Some(f) => {
            let t = Template::parse("auto-update", f)?;
            let rows: Vec<Value> = rows.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
            output::print_rows(&t, &rows, &[], true)?
        }
        None => {
            let mut table = vec![vec!["UNIT".to_string(), "CONTAINER".into(), "IMAGE".into(), "POLICY".into(), "UPDATED".into()]];
            table.extend(rows.iter().map(|r| vec![r.unit.clone(), r.container.clone(), r.image.clone(), r.policy.clone(), r.updated.clone()]));
            print(&output::table(&table))?
        }
    };
    if errors.is_empty() {
        return Ok(0);
    }
    // Podman prints the rows, then every error, and fails.
    for e in &errors[..errors.len() - 1] {
        eprintln!("Error: {e}");
    }
    bail!("{}", errors[errors.len() - 1])
}

fn cmd_doctor(report: &crate::engine::doctor::Report, a: &super::DoctorArgs) -> Result<i32> {
    let code = if report.failed() { 1 } else { 0 };
    match a.format.as_deref() {
        Some(f) if is_json(f) => json_out(report)?,
        Some(f) => {
            let t = Template::parse("doctor", f)?;
            let rows: Vec<Value> = report.checks.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
            output::print_rows(&t, &rows, &[], true)?
        }
        None => {
            let mut rows = vec![vec!["CHECK".to_string(), "STATUS".into(), "DETAIL".into()]];
            rows.extend(report.checks.iter().map(|c| vec![c.name.clone(), c.status.as_str().into(), c.detail.clone()]));
            let mut s = output::table(&rows);
            let fixes: Vec<_> = report.checks.iter().filter(|c| !c.fix.is_empty()).collect();
            if !fixes.is_empty() {
                s.push_str("\nTo fix:\n");
                for c in fixes {
                    s.push_str(&format!("  {} ({}): {}\n", c.name, c.status.as_str(), c.fix));
                }
            }
            print(&s)?
        }
    };
    if code != 0 {
        return Err(anyhow!(ExitError::silent(code)));
    }
    Ok(0)
}

fn cmd_version(a: &FormatArgs) -> Result<i32> {
    let v = info::version();
    match a.format.as_deref() {
        Some(f) if is_json(f) => json_out(&json!({ "Client": v })),
        Some(f) => {
            // Podman 4 evaluates against the client's fields (`{{.Version}}`),
            // Podman 5 against {Client, Server} (`{{.Client.Version}}`): both
            // work. Local Podman has no server: `{{.Server}}` is `<nil>`.
            let mut data = serde_json::to_value(&v)?;
            if let Value::Object(m) = &mut data {
                m.insert("Client".into(), serde_json::to_value(&v)?);
                m.insert("Server".into(), Value::Null);
            }
            output::print_one(&Template::parse("version", f)?.go_type("", "*define.Version"), &data)
        }
        None => {
            // Podman 4.3's local shape; `Git Commit:` only when known, as Podman does.
            let mut rows = vec![
                vec!["Client:".to_string(), "rpod Engine".to_string()],
                vec!["Version:".to_string(), v.version],
                vec!["API Version:".to_string(), v.api_version],
                vec!["Go Version:".to_string(), v.go_version],
            ];
            if !v.git_commit.is_empty() {
                rows.push(vec!["Git Commit:".to_string(), v.git_commit]);
            }
            rows.push(vec!["Built:".to_string(), v.built_time]);
            rows.push(vec!["OS/Arch:".to_string(), v.os_arch]);
            print(&output::table(&rows))
        }
    }
}
