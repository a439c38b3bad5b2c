//! The Containerfile parser: lines, continuations, comments, parser
//! directives (`# escape=`), heredocs, and the per-instruction syntax
//! (flags, JSON/exec form, `KEY=VALUE` lists), with every error naming its
//! line. Variable expansion happens later ([`super::shell`]), when the
//! values of `ARG` and `ENV` are known.

use std::fmt;

/// A syntax error, with its line number (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError { line, message: message.into() })
}

/// One here-document (`<<EOF` ... `EOF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    pub name: String,
    pub content: String,
    /// `<<"EOF"` or `<<'EOF'`: no expansion of the content.
    pub quoted: bool,
}

/// One instruction as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// 1-based line of the instruction's first line.
    pub line: usize,
    /// Upper-cased keyword: `RUN`, `COPY`...
    pub keyword: String,
    /// `--name=value` flags before the arguments (`--link` alone is `("link", "")`... with `has_value` false).
    pub flags: Vec<Flag>,
    /// The arguments after the flags, continuations joined (unexpanded).
    pub args: String,
    pub heredocs: Vec<Heredoc>,
}

/// One `--name[=value]` flag of an instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub name: String,
    pub value: Option<String>,
}

impl Instruction {
    /// The instruction as Podman prints it in `STEP n/m: ...` (one line).
    pub fn display(&self) -> String {
        let mut s = self.keyword.clone();
        for f in &self.flags {
            s.push_str(" --");
            s.push_str(&f.name);
            if let Some(v) = &f.value {
                s.push('=');
                s.push_str(v);
            }
        }
        if !self.args.is_empty() {
            s.push(' ');
            s.push_str(&self.args);
        }
        s
    }

    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|f| f.name == name)
    }

    /// Every flag other than `allowed` is an error naming the line.
    pub fn check_flags(&self, allowed: &[&str]) -> Result<(), ParseError> {
        for f in &self.flags {
            if !allowed.contains(&f.name.as_str()) {
                let hint = if allowed.is_empty() { String::new() } else { format!(" (known: --{})", allowed.join(", --")) };
                return err(self.line, format!("{} does not support --{}{hint}", self.keyword, f.name));
            }
        }
        Ok(())
    }
}

/// The instructions rpod knows.
pub const KEYWORDS: &[&str] = &[
    "FROM",
    "RUN",
    "CMD",
    "LABEL",
    "MAINTAINER",
    "EXPOSE",
    "ENV",
    "ADD",
    "COPY",
    "ENTRYPOINT",
    "VOLUME",
    "USER",
    "WORKDIR",
    "ARG",
    "ONBUILD",
    "STOPSIGNAL",
    "HEALTHCHECK",
    "SHELL",
];

/// Parse a whole Containerfile into instructions.
pub fn parse(text: &str) -> Result<Vec<Instruction>, ParseError> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut escape = '\\';
    let mut i = 0;
    // Parser directives: only at the very top, as `# name=value`.
    while i < lines.len() {
        let l = lines[i].trim();
        let Some(d) = l.strip_prefix('#') else { break };
        let Some((k, v)) = d.split_once('=') else { break };
        let k = k.trim().to_ascii_lowercase();
        if k.contains(' ') {
            break;
        }
        match k.as_str() {
            "escape" => match v.trim() {
                "\\" => escape = '\\',
                "`" => escape = '`',
                o => return err(i + 1, format!("invalid escape directive {o:?}: use \\ or `")),
            },
            "syntax" | "check" => {}
            _ => break,
        }
        i += 1;
    }
    let mut out = Vec::new();
    while i < lines.len() {
        let start = i;
        let first = lines[i].trim_start();
        i += 1;
        if first.is_empty() || first.starts_with('#') {
            continue;
        }
        // Join continuation lines; comment lines inside are dropped.
        let mut logical = String::new();
        let mut cur = first.to_string();
        loop {
            let trimmed = cur.trim_end();
            if let Some(body) = trimmed.strip_suffix(escape) {
                // An escaped escape character is not a continuation.
                if !body.ends_with(escape) || escape == '`' {
                    logical.push_str(body);
                    // Next non-comment line continues.
                    let mut next = None;
                    while i < lines.len() {
                        let l = lines[i];
                        i += 1;
                        if l.trim_start().starts_with('#') {
                            continue;
                        }
                        next = Some(l.to_string());
                        break;
                    }
                    match next {
                        Some(n) => {
                            cur = n;
                            continue;
                        }
                        None => break,
                    }
                }
            }
            logical.push_str(&cur);
            break;
        }
        let logical = logical.trim().to_string();
        let (kw, rest) = match logical.find(char::is_whitespace) {
            Some(p) => (&logical[..p], logical[p..].trim_start()),
            None => (logical.as_str(), ""),
        };
        let keyword = kw.to_ascii_uppercase();
        if !KEYWORDS.contains(&keyword.as_str()) {
            return err(start + 1, format!("unknown instruction: {kw}"));
        }
        let (flags, args) = split_flags(rest, start + 1)?;
        let mut ins = Instruction { line: start + 1, keyword, flags, args, heredocs: Vec::new() };
        if matches!(ins.keyword.as_str(), "RUN" | "COPY" | "ADD") {
            for (name, strip, quoted) in heredoc_names(&ins.args) {
                let mut content = String::new();
                let mut closed = false;
                while i < lines.len() {
                    let l = lines[i];
                    i += 1;
                    let l2 = if strip { l.trim_start_matches('\t') } else { l };
                    if l2 == name {
                        closed = true;
                        break;
                    }
                    content.push_str(l2);
                    content.push('\n');
                }
                if !closed {
                    return err(ins.line, format!("unterminated heredoc <<{name}: no line {name:?} before the end of the file"));
                }
                ins.heredocs.push(Heredoc { name, content, quoted });
            }
        }
        check(&ins)?;
        out.push(ins);
    }
    Ok(out)
}

/// `--flag[=value]` words at the start of an instruction's arguments.
fn split_flags(rest: &str, line: usize) -> Result<(Vec<Flag>, String), ParseError> {
    let mut flags = Vec::new();
    let mut s = rest;
    while let Some(f) = s.strip_prefix("--") {
        let end = f.find(char::is_whitespace).unwrap_or(f.len());
        let word = &f[..end];
        if word.is_empty() {
            return err(line, "empty flag \"--\"");
        }
        let (name, value) = match word.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (word.to_string(), None),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return err(line, format!("invalid flag --{word}"));
        }
        flags.push(Flag { name, value });
        s = f[end..].trim_start();
    }
    Ok((flags, s.to_string()))
}

/// The heredocs an instruction opens: (name, strip leading tabs, quoted).
fn heredoc_names(args: &str) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    let b = args.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() + 1 {
        if i + 1 < b.len() && b[i] == b'<' && b[i + 1] == b'<' && (i + 2 < b.len() && b[i + 2] != b'<') && (i == 0 || b[i - 1] != b'<') {
            let mut j = i + 2;
            let strip = j < b.len() && b[j] == b'-';
            if strip {
                j += 1;
            }
            let quote = if j < b.len() && (b[j] == b'"' || b[j] == b'\'') { Some(b[j]) } else { None };
            if quote.is_some() {
                j += 1;
            }
            let s = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j > s {
                let name = args[s..j].to_string();
                if let Some(q) = quote {
                    if j < b.len() && b[j] == q {
                        j += 1;
                    }
                }
                out.push((name, strip, quote.is_some()));
                i = j;
                continue;
            }
        }
        i += 1;
        if i >= b.len() {
            break;
        }
    }
    out
}

/// Per-instruction syntax checks that need no variables.
fn check(ins: &Instruction) -> Result<(), ParseError> {
    let line = ins.line;
    let kw = ins.keyword.as_str();
    let needs_args = !matches!(kw, "HEALTHCHECK");
    if needs_args && ins.args.trim().is_empty() {
        return err(line, format!("{kw} requires at least one argument"));
    }
    match kw {
        "FROM" => {
            ins.check_flags(&["platform"])?;
            let w: Vec<&str> = ins.args.split_whitespace().collect();
            match w.len() {
                1 => {}
                3 if w[1].eq_ignore_ascii_case("as") => {
                    let n = w[2];
                    if !n.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                        || !n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    {
                        return err(line, format!("invalid stage name {n:?}: use letters, digits, '_', '-' and '.', starting with a letter"));
                    }
                }
                _ => return err(line, "FROM takes an image and optionally AS NAME: FROM IMAGE [AS NAME]"),
            }
        }
        "RUN" => {
            ins.check_flags(&["mount", "network", "security"])?;
            json_or_shell(ins)?;
        }
        "CMD" | "ENTRYPOINT" => {
            ins.check_flags(&[])?;
            json_or_shell(ins)?;
        }
        "SHELL" => {
            ins.check_flags(&[])?;
            match json_or_shell(ins)? {
                Some(v) if !v.is_empty() => {}
                _ => return err(line, "SHELL requires the JSON form: SHELL [\"executable\", \"parameters\"]"),
            }
        }
        "COPY" => {
            ins.check_flags(&["from", "chown", "chmod", "link", "exclude", "parents"])?;
            if ins.flag("parents").is_some() {
                return err(line, "COPY --parents is not supported by rpod yet");
            }
            paths(ins)?;
        }
        "ADD" => {
            ins.check_flags(&["chown", "chmod", "link", "exclude", "checksum", "keep-git-dir"])?;
            if ins.flag("keep-git-dir").is_some() {
                return err(line, "ADD --keep-git-dir is not supported by rpod yet");
            }
            paths(ins)?;
        }
        "HEALTHCHECK" => {
            ins.check_flags(&["interval", "timeout", "start-period", "start-interval", "retries"])?;
            let a = ins.args.trim();
            let (first, rest) = a.split_once(char::is_whitespace).unwrap_or((a, ""));
            match first.to_ascii_uppercase().as_str() {
                "NONE" if rest.trim().is_empty() => {}
                "CMD" if !rest.trim().is_empty() => {}
                _ => return err(line, "HEALTHCHECK takes NONE or CMD COMMAND"),
            }
        }
        "ONBUILD" => {
            let inner = ins.args.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
            if matches!(inner.as_str(), "ONBUILD" | "FROM" | "MAINTAINER") {
                return err(line, format!("ONBUILD {inner} is not allowed"));
            }
            if !KEYWORDS.contains(&inner.as_str()) {
                return err(line, format!("unknown instruction in ONBUILD: {inner}"));
            }
        }
        "ENV" | "LABEL" => {
            ins.check_flags(&[])?;
            key_values(ins.args.as_str(), kw == "ENV").map_err(|m| ParseError { line, message: format!("{kw}: {m}") })?;
        }
        "ARG" => {
            ins.check_flags(&[])?;
            for w in split_words(&ins.args).map_err(|m| ParseError { line, message: format!("ARG: {m}") })? {
                let name = w.split_once('=').map(|(k, _)| k).unwrap_or(&w);
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return err(line, format!("ARG: invalid name {name:?}"));
                }
            }
        }
        _ => ins.check_flags(&[])?,
    }
    Ok(())
}

/// The JSON (exec) form when the arguments are a JSON string list, else
/// `None` (shell form).
pub fn json_or_shell(ins: &Instruction) -> Result<Option<Vec<String>>, ParseError> {
    let a = ins.args.trim();
    if a.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Vec<String>>(a) {
            return Ok(Some(v));
        }
        // Docker treats a malformed JSON list as shell form: so does rpod.
    }
    Ok(None)
}

/// COPY/ADD sources and destination (unexpanded): JSON form or words.
pub fn paths(ins: &Instruction) -> Result<Vec<String>, ParseError> {
    let list = match json_or_shell(ins)? {
        Some(v) => v,
        None => split_words(&ins.args).map_err(|m| ParseError { line: ins.line, message: m })?,
    };
    if list.len() < 2 && ins.heredocs.is_empty() {
        return err(ins.line, format!("{} requires at least two arguments: SOURCE... DESTINATION", ins.keyword));
    }
    if list.is_empty() {
        return err(ins.line, format!("{} requires a destination", ins.keyword));
    }
    Ok(list)
}

/// Split on unquoted whitespace, keeping quotes and escapes (expansion
/// removes them later).
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = s.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, '"' | '\'') => {
                quote = Some(c);
                cur.push(c);
                any = true;
            }
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (Some('\''), c) => cur.push(c),
            (_, '\\') => {
                cur.push('\\');
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                any = true;
            }
            (_, c) => {
                cur.push(c);
                any = true;
            }
        }
    }
    if let Some(q) = quote {
        return Err(format!("unterminated quote {q}"));
    }
    if any {
        out.push(cur);
    }
    Ok(out)
}

/// `KEY=VALUE ...` pairs (raw: quotes kept for expansion), or for ENV the
/// legacy `KEY VALUE` form.
pub fn key_values(args: &str, legacy_ok: bool) -> Result<Vec<(String, String)>, String> {
    let words = split_words(args)?;
    if words.is_empty() {
        return Err("requires at least one KEY=VALUE".into());
    }
    if !words[0].contains('=') {
        if !legacy_ok || words.len() < 2 {
            return Err(format!("{:?} is not KEY=VALUE", words[0]));
        }
        let key = words[0].clone();
        let value = args.trim_start()[key.len()..].trim().to_string();
        return Ok(vec![(key, value)]);
    }
    let mut out = Vec::new();
    for w in words {
        let (k, v) = w.split_once('=').ok_or_else(|| format!("{w:?} is not KEY=VALUE (mixing KEY=VALUE and KEY VALUE forms)"))?;
        if k.is_empty() {
            return Err(format!("{w:?} has an empty key"));
        }
        out.push((k.to_string(), v.to_string()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_continuations_comments_and_case() {
        let f = "# syntax=docker/dockerfile:1\n\nfrom busybox AS base\n# a comment\nRUN echo a \\\n  # inside\n  && echo b\nENV A=1 B=\"two words\"\nCOPY --from=base --chown=1:1 a b /dst/\n";
        let ins = parse(f).unwrap();
        assert_eq!(ins.len(), 4);
        assert_eq!(ins[0].keyword, "FROM");
        assert_eq!(ins[0].line, 3);
        assert_eq!(ins[1].args, "echo a   && echo b");
        assert_eq!(ins[1].line, 5);
        assert_eq!(ins[2].line, 8);
        assert_eq!(key_values(&ins[2].args, true).unwrap(), vec![("A".into(), "1".into()), ("B".into(), "\"two words\"".into())]);
        assert_eq!(ins[3].flag("from").unwrap().value.as_deref(), Some("base"));
        assert_eq!(ins[3].flag("chown").unwrap().value.as_deref(), Some("1:1"));
        assert_eq!(paths(&ins[3]).unwrap(), vec!["a", "b", "/dst/"]);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("FROM busybox\n\nBOGUS x\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unknown instruction: BOGUS"), "{e}");
        assert_eq!(parse("FROM a b c d\n").unwrap_err().line, 1);
        assert_eq!(parse("FROM a\nCOPY onlyone\n").unwrap_err().line, 2);
        assert_eq!(parse("FROM a\nENV\n").unwrap_err().line, 2);
        assert_eq!(parse("FROM a\nENV A=\"unterminated\n").unwrap_err().line, 2);
        assert_eq!(parse("FROM a\nRUN --bogus=1 true\n").unwrap_err().line, 2);
        assert_eq!(parse("FROM a\nRUN <<EOF\necho\n").unwrap_err().line, 2);
        assert_eq!(parse("FROM a\nSHELL /bin/sh\n").unwrap_err().line, 2);
        assert_eq!(parse("FROM a\nONBUILD FROM b\n").unwrap_err().line, 2);
        assert_eq!(parse("FROM a AS 1x\n").unwrap_err().line, 1);
    }

    #[test]
    fn exec_and_shell_forms() {
        let ins = parse("FROM a\nCMD [\"/bin/sh\", \"-c\", \"x\"]\nCMD echo hi\nCMD [not json\n").unwrap();
        assert_eq!(json_or_shell(&ins[1]).unwrap(), Some(vec!["/bin/sh".into(), "-c".into(), "x".into()]));
        assert_eq!(json_or_shell(&ins[2]).unwrap(), None);
        assert_eq!(json_or_shell(&ins[3]).unwrap(), None);
    }

    #[test]
    fn heredocs() {
        let f = "FROM a\nRUN <<EOF\necho one\necho two\nEOF\nCOPY <<-'X' /f\n\thello $X\n\tX\nENV A=1\n";
        let ins = parse(f).unwrap();
        assert_eq!(ins.len(), 4);
        assert_eq!(ins[1].heredocs, vec![Heredoc { name: "EOF".into(), content: "echo one\necho two\n".into(), quoted: false }]);
        assert_eq!(ins[2].heredocs[0].content, "hello $X\n");
        assert!(ins[2].heredocs[0].quoted);
        assert_eq!(ins[3].keyword, "ENV");
        assert_eq!(ins[3].line, 9);
    }

    #[test]
    fn escape_directive_and_legacy_env() {
        let ins = parse("# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo\nENV PATH /usr/bin:/bin\n").unwrap();
        assert_eq!(ins[1].args, "dir c:\\   && echo");
        assert_eq!(key_values(&ins[2].args, true).unwrap(), vec![("PATH".into(), "/usr/bin:/bin".into())]);
        assert!(key_values("A B", false).is_err());
    }
}
