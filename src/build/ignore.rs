//! `.containerignore` / `.dockerignore` with Docker's rules: one pattern a
//! line, `#` comments, patterns cleaned (`./a` is `a`, leading `/`
//! dropped), Go `filepath.Match` syntax plus `**` for any number of
//! directories, `!` re-includes, the last matching pattern wins, and a
//! pattern matching a directory also excludes everything under it.

/// One parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    parts: Vec<String>,
    exclude: bool,
}

/// The rules of one ignore file.
#[derive(Debug, Clone, Default)]
pub struct Ignore {
    patterns: Vec<Pattern>,
}

fn clean(p: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c.to_string()),
        }
    }
    out
}

impl Ignore {
    pub fn parse(text: &str) -> Ignore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (exclude, p) = match l.strip_prefix('!') {
                Some(rest) => (false, rest.trim()),
                None => (true, l),
            };
            let parts = clean(p);
            if parts.is_empty() {
                continue;
            }
            patterns.push(Pattern { parts, exclude });
        }
        Ignore { patterns }
    }

    /// Extra patterns (`COPY --exclude`): excludes added after the file's.
    pub fn with(mut self, excludes: &[String]) -> Ignore {
        for e in excludes {
            let parts = clean(e);
            if !parts.is_empty() {
                self.patterns.push(Pattern { parts, exclude: true });
            }
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `rel` (a path relative to the context, `/`-separated) is
    /// excluded: the last pattern matching it or one of its parents wins.
    pub fn excluded(&self, rel: &str) -> bool {
        let comps = clean(rel);
        let mut excluded = false;
        for p in &self.patterns {
            // A pattern matches the path itself or any parent directory.
            let hit = (1..=comps.len()).any(|n| match_parts(&p.parts, &comps[..n]));
            if hit {
                excluded = p.exclude;
            }
        }
        excluded
    }

    /// Whether something below directory `rel` could be re-included by a
    /// `!` pattern (so a walk must descend into an excluded directory).
    pub fn may_reinclude_below(&self, rel: &str) -> bool {
        let comps = clean(rel);
        self.patterns.iter().any(|p| {
            !p.exclude && {
                // The pattern's leading parts must be able to match the dir's parts.
                let n = comps.len().min(p.parts.len());
                p.parts.iter().any(|x| x == "**") || (0..n).all(|i| glob(&p.parts[i], &comps[i]))
            }
        })
    }
}

/// Match pattern parts against path parts; `**` matches any number of parts.
fn match_parts(pat: &[String], path: &[String]) -> bool {
    match pat.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => (0..=path.len()).any(|k| match_parts(rest, &path[k..])),
        Some((first, rest)) => match path.split_first() {
            Some((p0, prest)) => glob(first, p0) && match_parts(rest, prest),
            None => false,
        },
    }
}

/// Go's `filepath.Match` for one path component: `*`, `?`, `[...]` classes
/// (with `^`/`!` negation and ranges), `\` escapes.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = name.chars().collect();
    glob_at(&p, 0, &t, 0)
}

fn glob_at(p: &[char], mut pi: usize, t: &[char], mut ti: usize) -> bool {
    while pi < p.len() {
        match p[pi] {
            '*' => {
                while pi < p.len() && p[pi] == '*' {
                    pi += 1;
                }
                if pi == p.len() {
                    return true;
                }
                return (ti..=t.len()).any(|k| glob_at(p, pi, t, k));
            }
            '?' => {
                if ti >= t.len() {
                    return false;
                }
                pi += 1;
                ti += 1;
            }
            '[' => {
                if ti >= t.len() {
                    return false;
                }
                let Some((matched, next)) = class(p, pi + 1, t[ti]) else { return false };
                if !matched {
                    return false;
                }
                pi = next;
                ti += 1;
            }
            '\\' if pi + 1 < p.len() => {
                if ti >= t.len() || t[ti] != p[pi + 1] {
                    return false;
                }
                pi += 2;
                ti += 1;
            }
            c => {
                if ti >= t.len() || t[ti] != c {
                    return false;
                }
                pi += 1;
                ti += 1;
            }
        }
    }
    ti == t.len()
}

/// A `[...]` class starting after `[` at `i`: (matches, index after `]`).
fn class(p: &[char], mut i: usize, c: char) -> Option<(bool, usize)> {
    let negate = matches!(p.get(i), Some('^') | Some('!'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let ch = *p.get(i)?;
        if ch == ']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        let lo = if ch == '\\' {
            i += 1;
            *p.get(i)?
        } else {
            ch
        };
        i += 1;
        if p.get(i) == Some(&'-') && p.get(i + 1).is_some_and(|&x| x != ']') {
            let hi = p[i + 1];
            i += 2;
            if lo <= c && c <= hi {
                matched = true;
            }
        } else if lo == c {
            matched = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_rules() {
        let i = Ignore::parse("# comment\n*.log\n/build\n!build/keep.txt\nsecret*\n**/*.tmp\n./docs/*.md\n!docs/README.md\n");
        assert!(i.excluded("a.log"));
        assert!(!i.excluded("sub/a.log"), "*.log matches at the top only");
        assert!(i.excluded("build"));
        assert!(i.excluded("build/x/y"));
        assert!(!i.excluded("build/keep.txt"));
        assert!(i.excluded("secret.key"));
        assert!(i.excluded("a/b/c.tmp"));
        assert!(i.excluded("c.tmp"));
        assert!(i.excluded("docs/x.md"));
        assert!(!i.excluded("docs/README.md"));
        assert!(!i.excluded("src/main.rs"));
        assert!(i.may_reinclude_below("build"));
        assert!(!i.may_reinclude_below("secretdir"));
    }

    #[test]
    fn globs() {
        assert!(glob("a?c", "abc"));
        assert!(glob("[a-c]x", "bx"));
        assert!(!glob("[^a-c]x", "bx"));
        assert!(glob("\\*", "*"));
        assert!(!glob("\\*", "a"));
        assert!(glob("*", ""));
        assert!(!glob("[", "a"));
    }
}
