//! The engine: the verbs rpod offers, orchestrating image, storage and
//! runtime. The CLI calls these and prints what they return; nothing here
//! prints to stdout.

pub mod archive;
pub mod autoupdate;
pub mod build;
pub mod commit;
pub mod complete;
pub mod conf;
pub mod container;
pub mod cp;
pub mod doctor;
pub mod error;
pub mod host;
pub mod identity;
pub mod images;
pub mod import;
pub mod info;
pub mod inspect;
pub mod lifecycle;
pub mod limits;
pub mod login;
pub mod logs;
pub mod lookup;
pub mod manifest;
pub mod mapped;
pub mod mount;
pub mod namespaces;
pub mod psfilter;
pub mod pull;
pub mod push;
pub mod spawn;
pub mod stats;
pub mod system;
pub mod systemd;
pub mod top;
pub mod volumes;

pub use error::{Error, Result as EngineResult};

use anyhow::{Context, Result};

use crate::image::registries::RegistriesConf;
use crate::paths::Paths;
use crate::runtime::userns::{self, IdMap};
use crate::storage::unpack::Owners;
use crate::storage::Store;

/// What a command needs from its process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads metadata only: no user namespace.
    Metadata,
    /// Creates or removes layer contents: runs inside rpod's user namespace.
    Content,
}

/// One invocation's view of the world.
pub struct Engine {
    pub paths: Paths,
    pub store: Store,
    /// The mapping of rpod's user namespace (`None` when running as real root).
    pub idmap: Option<IdMap>,
    /// Whether this process may create and remove layer contents.
    pub content_access: bool,
    /// `--storage-driver` for new containers: overlay, fuse-overlayfs or vfs.
    pub driver: String,
    /// `--cgroup-manager` or containers.conf's `cgroup_manager` (none: the
    /// host's default, decided at create).
    pub cgroup_manager: Option<crate::cgroups::Manager>,
    /// User namespaces `create` began for containers about to be started
    /// (`run`), by container ID: `start` takes them (runtime::premap).
    pub premaps: std::sync::Mutex<std::collections::HashMap<String, crate::runtime::premap::Premap>>,
}

impl Engine {
    /// Open the store; for [`Access::Content`], first move this process into
    /// rpod's user namespace (must be called before any thread starts).
    pub fn open(paths: Paths, access: Access) -> Result<Engine> {
        crate::runtime::seccomp::set_cache_dir(paths.runroot.join("seccomp"));
        let privileged = userns::already_privileged();
        let mut idmap = None;
        let mut content_access = privileged;
        if access == Access::Content && !privileged {
            let map = IdMap::for_current_user()?;
            userns::enter(&map).context("entering rpod's user namespace")?;
            idmap = Some(map);
            content_access = true;
        }
        let store = Store::open(&paths.root)?;
        if !content_access && store.has_stale_staging() {
            // An interrupted pull left a partial layer: clean it now if we can
            // map ids (best effort: a metadata command must still work without).
            if let Ok(map) = IdMap::for_current_user() {
                if userns::enter(&map).is_ok() {
                    idmap = Some(map);
                    content_access = true;
                }
            }
        }
        if content_access {
            let n = store.clean_staging()?;
            if n > 0 {
                tracing::info!("removed {n} incomplete layer(s) left by an interrupted rpod");
            }
        }
        Ok(Engine { paths, store, idmap, content_access, driver: "overlay".into(), cgroup_manager: None, premaps: Default::default() })
    }

    /// Enter rpod's user namespace now if not yet in it (before any thread starts).
    pub fn ensure_content_access(&mut self) -> Result<()> {
        if self.content_access {
            return Ok(());
        }
        let map = IdMap::for_current_user()?;
        userns::enter(&map).context("entering rpod's user namespace")?;
        self.idmap = Some(map);
        self.content_access = true;
        self.store.clean_staging()?;
        Ok(())
    }

    /// How layer ownership is applied when unpacking.
    pub fn owners(&self) -> Owners {
        match &self.idmap {
            Some(m) => Owners::Keep { uid_count: m.uid_count(), gid_count: m.gid_count() },
            None => Owners::Keep { uid_count: u32::MAX as u64, gid_count: u32::MAX as u64 },
        }
    }

    /// Remove layers no image and no container uses. `wait` blocks for running
    /// pulls; otherwise this is skipped while one runs.
    pub fn collect_garbage(&self, wait: bool) -> Result<()> {
        if let Some(lock) = self.store.gc_exclusive(wait)? {
            let keep: Vec<crate::storage::Digest> = container::containers(self)?.list_summaries()?.into_iter().flat_map(|c| c.layers).collect();
            self.store.collect_garbage(&lock, &keep)?;
        }
        Ok(())
    }

    /// registries.conf as it is now (read on every call: cheap, and a
    /// long-running caller sees edits).
    pub fn registries(&self) -> Result<RegistriesConf> {
        // Podman keeps recorded short-name aliases in the cache directory.
        let cache = if nix::unistd::geteuid().is_root() && !crate::runtime::userns::in_user_namespace() {
            std::path::PathBuf::from("/var/cache")
        } else {
            std::env::var_os("XDG_CACHE_HOME").map(std::path::PathBuf::from).filter(|p| p.is_absolute()).unwrap_or_else(|| self.paths.home.join(".cache"))
        };
        RegistriesConf::load(&self.paths.config_home, &cache)
    }
}
