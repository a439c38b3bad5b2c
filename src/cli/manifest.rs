//! `rpod manifest`: flags and printing; the engine's `manifest` module does the work.

use std::path::PathBuf;

use super::lazy::Lazy;
use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};

use crate::engine::images::Removal;
use crate::engine::manifest::{self, AddOptions, EntryOptions, PushListOptions, RegistryOptions};
use crate::engine::{Access, Engine};
use crate::error::ExitError;

#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Create a manifest list (an image index), optionally with images in it
    Create(Lazy<CreateArgs>),
    /// Add images to a manifest list (local images, or docker://REFERENCE: only its manifest is read)
    Add(Lazy<AddArgs>),
    /// Set the platform fields and annotations of an image in a manifest list
    Annotate(Lazy<AnnotateArgs>),
    /// Print a manifest list (local, or from a registry) as JSON
    Inspect(Lazy<InspectArgs>),
    /// Push a manifest list (and with --all, its images) to a registry
    Push(Lazy<PushArgs>),
    /// Remove an image from a manifest list (by digest)
    Remove(Lazy<RemoveArgs>),
    /// Remove manifest lists from local storage (their images stay)
    Rm(Lazy<RmArgs>),
    /// Check whether a manifest list exists in local storage (exit 0 if it does, 1 if not)
    Exists(Lazy<ExistsArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct RegistryArgs {
    /// Require HTTPS and verify certificates (false also allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Path of the authentication file (default: see containers-auth.json(5))
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Credentials USERNAME[:PASSWORD] for the registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EntryArgs {
    /// Set an annotation KEY=VALUE on the image's entry
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Override the architecture of the image's entry
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Override the OS of the image's entry
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Override the variant of the image's entry
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Override the OS version of the image's entry
    #[arg(long, value_name = "VERSION")]
    pub os_version: Option<String>,
    /// Override the OS features of the image's entry
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub os_features: Vec<String>,
    /// Override the features of the image's entry
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub features: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CreateArgs {
    /// Name of the new list
    #[arg(value_name = "LIST")]
    pub list: String,
    /// Images to add
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Add every image of an image that is itself a list
    #[arg(long)]
    pub all: bool,
    /// Use the existing list of that name, if any
    #[arg(short, long)]
    pub amend: bool,
    /// Require HTTPS and verify certificates (false also allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
}

#[derive(Debug, Clone, Args)]
pub struct AddArgs {
    /// The list
    #[arg(value_name = "LIST")]
    pub list: String,
    /// Images to add: local names, or docker://REFERENCE
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
    /// Add every image of a list
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub entry: EntryArgs,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

#[derive(Debug, Clone, Args)]
pub struct AnnotateArgs {
    /// The list
    #[arg(value_name = "LIST")]
    pub list: String,
    /// The image: its digest, or a local image in the list
    #[arg(value_name = "IMAGE")]
    pub image: String,
    #[command(flatten)]
    pub entry: EntryArgs,
}

#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// A local list, or a registry reference
    #[arg(value_name = "LIST")]
    pub list: String,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

#[derive(Debug, Clone, Args)]
pub struct PushArgs {
    /// The list
    #[arg(value_name = "LIST")]
    pub list: String,
    /// Where to: [docker://]REGISTRY/REPOSITORY[:TAG] (default: the list's name)
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
    /// Push the list's images too
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true)]
    pub all: bool,
    /// Manifest format: oci (default) or v2s2
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Compression of layers rpod compresses: gzip (default) or zstd
    #[arg(long, value_name = "FORMAT")]
    pub compression_format: Option<String>,
    /// Compression level: gzip 0-9, zstd 1-22
    #[arg(long, value_name = "LEVEL")]
    pub compression_level: Option<i32>,
    /// Write the digest of the pushed list to this file
    #[arg(long, value_name = "PATH")]
    pub digestfile: Option<PathBuf>,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
    /// Remove the local list after a successful push
    #[arg(long)]
    pub rm: bool,
    /// Discard signatures; rpod images carry none, so this changes nothing
    #[arg(long)]
    pub remove_signatures: bool,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

#[derive(Debug, Clone, Args)]
pub struct RemoveArgs {
    /// The list
    #[arg(value_name = "LIST")]
    pub list: String,
    /// Digest of the image to remove
    #[arg(value_name = "DIGEST")]
    pub image: String,
}

#[derive(Debug, Clone, Args)]
pub struct RmArgs {
    /// Lists to remove
    #[arg(value_name = "LIST", required = true)]
    pub lists: Vec<String>,
    /// Do not fail for lists that do not exist
    #[arg(short, long)]
    pub ignore: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExistsArgs {
    /// List to look for
    #[arg(value_name = "LIST")]
    pub list: String,
}

fn registry_options(a: &RegistryArgs) -> Result<RegistryOptions> {
    Ok(RegistryOptions { tls_verify: a.tls_verify, authfile: a.authfile.clone(), creds: a.creds.as_deref().map(super::commands::parse_creds).transpose()? })
}

fn entry_options(a: &EntryArgs) -> EntryOptions {
    EntryOptions {
        arch: a.arch.clone(),
        os: a.os.clone(),
        variant: a.variant.clone(),
        os_version: a.os_version.clone(),
        os_features: a.os_features.clone(),
        features: a.features.clone(),
        annotations: a.annotation.clone(),
    }
}

fn out(s: &str) -> Result<i32> {
    super::commands::print(s)
}

pub fn run(c: ManifestCommand, open: &dyn Fn(Access) -> Result<Engine>) -> Result<i32> {
    match c {
        ManifestCommand::Create(a) => {
            let o = AddOptions { all: a.all, registry: RegistryOptions { tls_verify: a.tls_verify, ..Default::default() }, ..Default::default() };
            let id = manifest::create(&mut open(Access::Metadata)?, &a.list, &a.images, a.amend, &o)?;
            out(&format!("{id}\n"))
        }
        ManifestCommand::Add(a) => {
            let o = AddOptions { all: a.all, entry: entry_options(&a.entry), registry: registry_options(&a.registry)? };
            let mut engine = open(Access::Metadata)?;
            let mut id = String::new();
            for image in &a.images {
                id = manifest::add(&mut engine, &a.list, image, &o)?;
            }
            out(&format!("{id}\n"))
        }
        ManifestCommand::Annotate(a) => {
            let id = manifest::annotate(&open(Access::Metadata)?, &a.list, &a.image, &entry_options(&a.entry))?;
            out(&format!("{id}\n"))
        }
        ManifestCommand::Inspect(a) => {
            let v = manifest::inspect(&open(Access::Metadata)?, &a.list, &registry_options(&a.registry)?)?;
            out(&format!("{}\n", pretty4(&v)?))
        }
        ManifestCommand::Push(a) => {
            let o = PushListOptions {
                all: a.all,
                format: a.format.as_deref().map(str::parse).transpose()?,
                registry: registry_options(&a.registry)?,
                compression: a.compression_format.as_deref().map(str::parse).transpose()?,
                compression_level: a.compression_level,
                rm: a.rm,
                progress: Some(super::progress::TerminalProgress::shared(a.quiet)),
            };
            let pushed = manifest::push(&mut open(Access::Metadata)?, &a.list, a.destination.as_deref(), &o)?;
            if let Some(path) = &a.digestfile {
                std::fs::write(path, pushed.digest.as_str()).with_context(|| format!("writing --digestfile {}", path.display()))?;
            }
            Ok(0)
        }
        ManifestCommand::Remove(a) => {
            let id = manifest::remove(&open(Access::Metadata)?, &a.list, &a.image)?;
            out(&format!("{id}\n"))
        }
        ManifestCommand::Rm(a) => {
            let report = manifest::rm(&open(Access::Content)?, &a.lists)?;
            let mut text = String::new();
            for r in &report.done {
                match r {
                    Removal::Untagged(n) => text.push_str(&format!("Untagged: {n}\n")),
                    Removal::Deleted(id) => text.push_str(&format!("Deleted: {id}\n")),
                }
            }
            out(&text)?;
            if let Some(e) = report.errors.into_iter().next() {
                return Err(anyhow!(e));
            }
            if !report.not_found.is_empty() && !a.ignore {
                return Err(anyhow!(crate::engine::Error::NoSuchImage(report.not_found.join(", "))));
            }
            Ok(0)
        }
        ManifestCommand::Exists(a) => {
            if manifest::exists(&open(Access::Metadata)?, &a.list)? {
                Ok(0)
            } else {
                Err(anyhow!(ExitError::silent(1)))
            }
        }
    }
}

/// JSON indented by four spaces, as Podman prints a manifest list.
fn pretty4(v: &impl serde::Serialize) -> Result<String> {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(b"    "));
    v.serialize(&mut ser)?;
    Ok(String::from_utf8(buf)?)
}
