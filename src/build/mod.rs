//! `rpod build`'s pieces that need no store: the Containerfile parser,
//! variable expansion, ignore files, the build context, and the stage
//! plan. The executor that runs steps lives in [`crate::engine::build`].

pub mod context;
pub mod ignore;
pub mod parser;
pub mod shell;

use std::collections::BTreeMap;

pub use parser::{Instruction, ParseError};

/// One `FROM` and the instructions under it.
#[derive(Debug, Clone)]
pub struct Stage {
    pub index: usize,
    /// `AS NAME`, lower-cased (stage names are case-insensitive).
    pub name: Option<String>,
    /// The `FROM` instruction itself.
    pub from: Instruction,
    pub instructions: Vec<Instruction>,
}

impl Stage {
    /// The base image as written (unexpanded).
    pub fn base(&self) -> &str {
        self.from.args.split_whitespace().next().unwrap_or("")
    }
}

/// A parsed Containerfile.
#[derive(Debug, Clone)]
pub struct Containerfile {
    /// `ARG`s before the first `FROM` (usable in `FROM` lines).
    pub global_args: Vec<Instruction>,
    pub stages: Vec<Stage>,
}

/// Parse and split into stages.
pub fn parse(text: &str) -> Result<Containerfile, ParseError> {
    let mut global_args = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for ins in parser::parse(text)? {
        if ins.keyword == "FROM" {
            let w: Vec<&str> = ins.args.split_whitespace().collect();
            let name = (w.len() == 3).then(|| w[2].to_ascii_lowercase());
            if let Some(n) = &name {
                if stages.iter().any(|s| s.name.as_ref() == Some(n)) {
                    return Err(ParseError { line: ins.line, message: format!("duplicate stage name {n:?}") });
                }
            }
            stages.push(Stage { index: stages.len(), name, from: ins, instructions: Vec::new() });
            continue;
        }
        match stages.last_mut() {
            Some(s) => s.instructions.push(ins),
            None if ins.keyword == "ARG" => global_args.push(ins),
            None => return Err(ParseError { line: ins.line, message: format!("{} before the first FROM (only ARG may come first)", ins.keyword) }),
        }
    }
    if stages.is_empty() {
        return Err(ParseError { line: 1, message: "no FROM instruction: a Containerfile must start with FROM (after ARGs)".into() });
    }
    Ok(Containerfile { global_args, stages })
}

impl Containerfile {
    /// The stage a `--from` or `FROM` value names: a stage name or index
    /// defined before `before`.
    pub fn stage_ref(&self, value: &str, before: usize) -> Option<usize> {
        let v = value.to_ascii_lowercase();
        if let Some(i) = self.stages[..before].iter().position(|s| s.name.as_deref() == Some(v.as_str())) {
            return Some(i);
        }
        match v.parse::<usize>() {
            Ok(i) if i < before => Some(i),
            _ => None,
        }
    }

    /// The index of `--target` (default: the last stage).
    pub fn target(&self, target: Option<&str>) -> Result<usize, String> {
        match target {
            None => Ok(self.stages.len() - 1),
            Some(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => {
                t.parse::<usize>().ok().filter(|i| *i < self.stages.len()).ok_or_else(|| format!("target stage {t} not found in the Containerfile"))
            }
            Some(t) => {
                let t = t.to_ascii_lowercase();
                self.stages
                    .iter()
                    .position(|s| s.name.as_deref() == Some(t.as_str()))
                    .ok_or_else(|| format!("target stage {t:?} not found in the Containerfile"))
            }
        }
    }

    /// The stages the target needs, in order. `base_of(i)` gives stage i's
    /// base after expansion (a stage it builds on, if any); `COPY --from`
    /// and `RUN --mount=from=` values name others (expanded by `expand`).
    pub fn needed(&self, target: usize, base_of: &dyn Fn(usize) -> Option<usize>, expand: &dyn Fn(&str) -> String) -> Vec<usize> {
        let mut need = vec![false; self.stages.len()];
        let mut todo = vec![target];
        while let Some(i) = todo.pop() {
            if need[i] {
                continue;
            }
            need[i] = true;
            if let Some(b) = base_of(i) {
                todo.push(b);
            }
            for ins in &self.stages[i].instructions {
                for from in stage_uses(ins) {
                    if let Some(j) = self.stage_ref(&expand(&from), i) {
                        todo.push(j);
                    }
                }
            }
        }
        (0..self.stages.len()).filter(|i| need[*i]).collect()
    }
}

/// The `--from` values an instruction reads (COPY --from, RUN --mount from=).
pub fn stage_uses(ins: &Instruction) -> Vec<String> {
    let mut out = Vec::new();
    if ins.keyword == "COPY" {
        if let Some(v) = ins.flag("from").and_then(|f| f.value.clone()) {
            out.push(v);
        }
    }
    if ins.keyword == "RUN" {
        for f in ins.flags.iter().filter(|f| f.name == "mount") {
            if let Some(m) = f.value.as_deref().map(mount_options) {
                if let Some(v) = m.get("from") {
                    out.push(v.clone());
                }
            }
        }
    }
    out
}

/// `type=cache,target=/x,from=y` as a map (`ro`/`readonly` alone become `ro=true`).
pub fn mount_options(v: &str) -> BTreeMap<String, String> {
    v.split(',')
        .filter(|s| !s.is_empty())
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_lowercase(), v.trim().to_string()),
            None => (kv.trim().to_ascii_lowercase(), "true".to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_and_plan() {
        let f = parse("ARG BASE=busybox\nFROM $BASE AS one\nRUN true\nFROM busybox AS two\nRUN true\nFROM one AS three\nCOPY --from=Two /a /b\nFROM busybox\nCOPY --from=0 /x /y\n")
            .unwrap();
        assert_eq!(f.global_args.len(), 1);
        assert_eq!(f.stages.len(), 4);
        assert_eq!(f.stage_ref("two", 2), Some(1));
        assert_eq!(f.stage_ref("three", 2), None, "a later stage is not a stage reference");
        let base_of = |i: usize| f.stage_ref(f.stages[i].base(), i);
        let id = |s: &str| s.to_string();
        assert_eq!(f.needed(f.target(Some("three")).unwrap(), &base_of, &id), vec![0, 1, 2]);
        assert_eq!(f.needed(f.target(None).unwrap(), &base_of, &id), vec![0, 3]);
        assert!(f.target(Some("nope")).is_err());
        assert!(parse("RUN true\n").is_err());
        assert_eq!(parse("FROM a AS x\nFROM b AS X\n").unwrap_err().line, 2);
    }

    #[test]
    fn mount_option_lists() {
        let m = mount_options("type=cache,target=/root/.cache,ro");
        assert_eq!(m["type"], "cache");
        assert_eq!(m["target"], "/root/.cache");
        assert_eq!(m["ro"], "true");
    }
}
