//! Subordinate id ranges from `/etc/subuid` and `/etc/subgid` (subuid(5)).

use std::path::Path;

use thiserror::Error;

/// One `start:count` range of subordinate ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct IdRange {
    pub start: u32,
    pub count: u32,
}

#[derive(Debug, Error)]
pub enum SubidError {
    #[error(
        "no subordinate {kind}s for user {user} in {file}: add a range, e.g. `sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {user}`"
    )]
    NoRange { kind: &'static str, user: String, file: String },
    #[error("cannot read {file}: {source}; it must list subordinate ids for user {user} (see subuid(5))")]
    Read { file: String, user: String, source: std::io::Error },
}

/// Parse the ranges of `user` (by name or numeric id) from subuid/subgid text.
/// Malformed lines are ignored, as shadow-utils does.
pub fn parse_ranges(text: &str, user: &str, uid: u32) -> Vec<IdRange> {
    let uid_s = uid.to_string();
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let mut it = line.split(':');
            let (who, start, count) = (it.next()?, it.next()?, it.next()?);
            if who != user && who != uid_s {
                return None;
            }
            let start = start.trim().parse().ok()?;
            let count: u32 = count.trim().parse().ok()?;
            (count > 0).then_some(IdRange { start, count })
        })
        .collect()
}

/// The ranges of `user` in `file`; an error naming the fix when there are none.
pub fn ranges_for(file: &Path, kind: &'static str, user: &str, uid: u32) -> Result<Vec<IdRange>, SubidError> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(SubidError::Read { file: file.display().to_string(), user: user.into(), source }),
    };
    let ranges = parse_ranges(&text, user, uid);
    if ranges.is_empty() {
        return Err(SubidError::NoRange { kind, user: user.into(), file: file.display().to_string() });
    }
    Ok(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_by_name_and_uid() {
        let text = "alice:100000:65536\n# comment\nbob:200000:1000\n1001:300000:10\nbroken\nalice:x:1\n";
        assert_eq!(parse_ranges(text, "alice", 1000), vec![IdRange { start: 100000, count: 65536 }]);
        assert_eq!(parse_ranges(text, "carol", 1001), vec![IdRange { start: 300000, count: 10 }]);
        assert!(parse_ranges(text, "dave", 5).is_empty());
    }

    #[test]
    fn zero_count_is_ignored() {
        assert!(parse_ranges("a:1:0\n", "a", 1).is_empty());
    }
}
