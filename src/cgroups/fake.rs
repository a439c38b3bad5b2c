//! A fake [`CgroupManager`] for unit tests: it records what the real one
//! would do (with the same translation of limits into file writes and the
//! same delegation check) and touches nothing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use oci_spec::runtime::LinuxResources;

use super::{controllers_to_enable, resources, CgroupError, CgroupManager};

/// One thing [`RecordingCgroup`] was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CgroupOp {
    Create,
    AddProcess(i32),
    SetFrozen(bool),
    KillAll,
    Destroy,
    /// Controllers enabled in the parent's `cgroup.subtree_control`.
    Enable(Vec<String>),
    /// A write to one of the cgroup's files.
    Write {
        file: String,
        value: String,
    },
}

/// A cgroup that records operations instead of making them. The parent
/// offers every controller unless told otherwise
/// ([`RecordingCgroup::with_controllers`]).
#[derive(Debug)]
pub struct RecordingCgroup {
    path: PathBuf,
    available: Option<Vec<String>>,
    ops: Mutex<Vec<CgroupOp>>,
}

impl RecordingCgroup {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        RecordingCgroup { path: path.into(), available: None, ops: Mutex::new(Vec::new()) }
    }

    /// Only these controllers are delegated to the parent (none enabled yet).
    pub fn with_controllers(mut self, controllers: &[&str]) -> Self {
        self.available = Some(controllers.iter().map(|c| c.to_string()).collect());
        self
    }

    /// Everything done so far, in order.
    pub fn ops(&self) -> Vec<CgroupOp> {
        self.ops.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn record(&self, op: CgroupOp) {
        self.ops.lock().unwrap_or_else(|e| e.into_inner()).push(op);
    }
}

impl CgroupManager for RecordingCgroup {
    fn path(&self) -> &Path {
        &self.path
    }

    fn create(&self) -> Result<(), CgroupError> {
        self.record(CgroupOp::Create);
        Ok(())
    }

    fn add_process(&self, pid: i32) -> Result<(), CgroupError> {
        self.record(CgroupOp::AddProcess(pid));
        Ok(())
    }

    fn set_frozen(&self, frozen: bool) -> Result<(), CgroupError> {
        self.record(CgroupOp::SetFrozen(frozen));
        Ok(())
    }

    fn kill_all(&self) -> Result<(), CgroupError> {
        self.record(CgroupOp::KillAll);
        Ok(())
    }

    fn destroy(&self) -> Result<(), CgroupError> {
        self.record(CgroupOp::Destroy);
        Ok(())
    }

    fn apply(&self, r: &LinuxResources) -> Result<(), CgroupError> {
        let writes = resources::translate(r)?;
        if writes.is_empty() {
            return Ok(());
        }
        let parent = self.path.parent().unwrap_or(Path::new("/"));
        let all: Vec<String>;
        let available = match &self.available {
            Some(a) => a,
            None => {
                all = writes.iter().filter_map(|w| w.controller()).map(str::to_string).collect();
                &all
            }
        };
        // Enabled once by an earlier apply, as the real parent would keep them.
        let enabled: Vec<String> = self.ops().into_iter().filter_map(|o| if let CgroupOp::Enable(v) = o { Some(v) } else { None }).flatten().collect();
        let enable = controllers_to_enable(&writes, available, &enabled, parent)?;
        if !enable.is_empty() {
            self.record(CgroupOp::Enable(enable));
        }
        for w in writes {
            self.record(CgroupOp::Write { file: w.file, value: w.value });
        }
        Ok(())
    }
}
