//! systemd unit files: parsing (sections, repeated keys, continuation
//! lines, comments), systemd's word splitting for command lines, and
//! writing back with every value escaped so that no input can add a line
//! (a key) or a word of its own to the unit.

use std::fmt::Write as _;

/// A unit file: sections in order, each with its entries in order.
/// Keys repeat (`Environment=` twice adds both); order is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFile {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub entries: Vec<(String, String)>,
}

/// A parse error, with its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// Unit files larger than this are refused: they are hand-written text.
pub const MAX_UNIT_SIZE: u64 = 1 << 20;

impl UnitFile {
    /// Parse unit-file text as systemd does.
    pub fn parse(text: &str) -> Result<UnitFile, ParseError> {
        let mut u = UnitFile::default();
        let mut lines = text.lines().enumerate().peekable();
        while let Some((i, raw)) = lines.next() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if line.starts_with('[') {
                let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) else {
                    return Err(ParseError { line: i + 1, message: format!("invalid section header {line:?}") });
                };
                if name.is_empty() || name.chars().any(|c| c == '[' || c == ']' || c.is_control()) {
                    return Err(ParseError { line: i + 1, message: format!("invalid section name {name:?}") });
                }
                u.sections.push(Section { name: name.to_string(), entries: Vec::new() });
                continue;
            }
            // A trailing backslash continues the value on the next line
            // (comment lines in between are skipped, as systemd does).
            let mut full = line.to_string();
            while full.ends_with('\\') && !full.ends_with("\\\\") {
                full.pop();
                full.push(' ');
                loop {
                    match lines.peek() {
                        Some((_, next)) if next.trim_start().starts_with('#') || next.trim_start().starts_with(';') => {
                            lines.next();
                        }
                        Some((_, next)) => {
                            full.push_str(next.trim());
                            lines.next();
                            break;
                        }
                        None => break,
                    }
                }
            }
            let Some((k, v)) = full.split_once('=') else {
                return Err(ParseError { line: i + 1, message: format!("expected KEY=VALUE, got {line:?}") });
            };
            let key = k.trim();
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.') {
                return Err(ParseError { line: i + 1, message: format!("invalid key {key:?}") });
            }
            let Some(sec) = u.sections.last_mut() else {
                return Err(ParseError { line: i + 1, message: format!("{key}= outside of any [section]") });
            };
            sec.entries.push((key.to_string(), v.trim().to_string()));
        }
        Ok(u)
    }

    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    fn section_mut(&mut self, name: &str) -> &mut Section {
        if let Some(i) = self.sections.iter().position(|s| s.name == name) {
            return &mut self.sections[i];
        }
        self.sections.push(Section { name: name.to_string(), entries: Vec::new() });
        self.sections.last_mut().expect("just pushed")
    }

    pub fn has_section(&self, name: &str) -> bool {
        self.section(name).is_some()
    }

    /// The last value of a key (systemd's rule for single-valued keys).
    pub fn lookup(&self, section: &str, key: &str) -> Option<&str> {
        self.sections.iter().filter(|s| s.name == section).flat_map(|s| s.entries.iter()).rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn has_key(&self, section: &str, key: &str) -> bool {
        self.lookup(section, key).is_some()
    }

    /// Every value of a list key; an empty assignment clears what came before.
    pub fn lookup_all(&self, section: &str, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (k, v) in self.sections.iter().filter(|s| s.name == section).flat_map(|s| s.entries.iter()) {
            if k == key {
                if v.is_empty() {
                    out.clear();
                } else {
                    out.push(v.clone());
                }
            }
        }
        out
    }

    /// Every value, split into words (systemd's quoting) and flattened.
    pub fn lookup_all_words(&self, section: &str, key: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for v in self.lookup_all(section, key) {
            out.extend(split_words(&v)?);
        }
        Ok(out)
    }

    /// A boolean key as systemd reads them (yes/true/on/1, no/false/off/0).
    pub fn lookup_bool(&self, section: &str, key: &str) -> Result<Option<bool>, String> {
        match self.lookup(section, key) {
            None => Ok(None),
            Some(v) => parse_bool(v).map(Some).ok_or_else(|| format!("{key}={v}: not a boolean")),
        }
    }

    /// Replace every value of the key with one.
    pub fn set(&mut self, section: &str, key: &str, value: &str) {
        for s in self.sections.iter_mut().filter(|s| s.name == section) {
            s.entries.retain(|(k, _)| k != key);
        }
        self.section_mut(section).entries.push((key.to_string(), value.to_string()));
    }

    pub fn add(&mut self, section: &str, key: &str, value: &str) {
        self.section_mut(section).entries.push((key.to_string(), value.to_string()));
    }

    /// Add a command line, each word escaped (see [`escape_word`]).
    pub fn add_cmdline(&mut self, section: &str, key: &str, words: &[String]) {
        self.add(section, key, &join_words(words));
    }

    /// Rename a section (Quadlet keeps `[Container]` as `[X-Container]`).
    pub fn rename_section(&mut self, from: &str, to: &str) {
        for s in self.sections.iter_mut().filter(|s| s.name == from) {
            s.name = to.to_string();
        }
    }

    /// Append another file's entries (drop-ins), section by section.
    pub fn merge(&mut self, other: &UnitFile) {
        for s in &other.sections {
            for (k, v) in &s.entries {
                self.add(&s.name, k, v);
            }
        }
    }

    /// Move a section to the front (`[Unit]` first, as systemd writes them).
    pub fn move_first(&mut self, name: &str) {
        if let Some(i) = self.sections.iter().position(|s| s.name == name) {
            let s = self.sections.remove(i);
            self.sections.insert(0, s);
        }
    }

    /// Unit-file text. Values are written as stored: callers that put
    /// untrusted text in a value escape it first ([`escape_word`]). A value
    /// with a line break would add a key of its own, so line breaks are
    /// always written escaped.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.sections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "[{}]", s.name);
            for (k, v) in &s.entries {
                let _ = writeln!(out, "{k}={}", v.replace('\n', "\\n").replace('\r', "\\r"));
            }
        }
        out
    }
}

pub fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "t" | "on" => Some(true),
        "0" | "no" | "n" | "false" | "f" | "off" => Some(false),
        _ => None,
    }
}

/// systemd's word splitting (`ExtractFirstWord` with quotes, relaxed
/// escapes): whitespace separates words, single and double quotes group,
/// backslash escapes C-style.
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match (c, quote) {
                ('\\', _) => {
                    let Some(e) = chars.next() else { return Err(format!("{s:?}: ends with a lone backslash")) };
                    word.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'a' => '\x07',
                        'b' => '\x08',
                        'f' => '\x0c',
                        'v' => '\x0b',
                        's' => ' ',
                        'x' => {
                            let h: String = chars.by_ref().take(2).collect();
                            let v = u8::from_str_radix(&h, 16).map_err(|_| format!("{s:?}: bad \\x escape"))?;
                            if v == 0 {
                                return Err(format!("{s:?}: \\x00 is not allowed"));
                            }
                            char::from(v)
                        }
                        other => other,
                    });
                }
                (q @ ('"' | '\''), None) => quote = Some(q),
                (c, Some(q)) if c == q => quote = None,
                (c, None) if c.is_whitespace() => break,
                (c, _) => word.push(c),
            }
        }
        if let Some(q) = quote {
            return Err(format!("{s:?}: unterminated {q} quote"));
        }
        out.push(word);
    }
}

/// One word for a systemd command line: quoted when it has whitespace,
/// quotes, backslashes or control characters, or is empty, so systemd
/// hands exactly this string to the program as one argument. `%` and `$`
/// are left alone (a Quadlet file may use specifiers such as `%h` and
/// systemd's variables); [`escape_literal`] escapes those too.
pub fn escape_word(w: &str) -> String {
    let needs = w.is_empty() || w.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '\\' | ';'));
    if !needs {
        return w.to_string();
    }
    let mut out = String::from("\"");
    for c in w.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A word that must reach the program literally: systemd's specifiers
/// (`%`) and variable references (`$`) are escaped as well.
pub fn escape_literal(w: &str) -> String {
    escape_word(&w.replace('%', "%%").replace('$', "$$"))
}

pub fn join_words(words: &[String]) -> String {
    words.iter().map(|w| escape_word(w)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_repeats_continuations_and_comments() {
        let u = UnitFile::parse(
            "# comment\n[Unit]\nDescription = web  \n\n[Container]\nImage=busybox\nEnvironment=A=1\n; other\nEnvironment=B=2 \\\n  C=3\nExec=sh -c \\\n# skipped\n 'echo hi'\n",
        )
        .unwrap();
        assert_eq!(u.lookup("Unit", "Description"), Some("web"));
        assert_eq!(u.lookup_all("Container", "Environment"), vec!["A=1", "B=2  C=3"]);
        assert_eq!(split_words(u.lookup("Container", "Exec").unwrap()).unwrap(), vec!["sh", "-c", "echo hi"]);
    }

    #[test]
    fn empty_assignment_resets_a_list() {
        let u = UnitFile::parse("[Container]\nVolume=/a:/a\nVolume=\nVolume=/b:/b\n").unwrap();
        assert_eq!(u.lookup_all("Container", "Volume"), vec!["/b:/b"]);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        assert_eq!(UnitFile::parse("[Container]\nImage busybox\n").unwrap_err().line, 2);
        assert_eq!(UnitFile::parse("Image=busybox\n").unwrap_err().line, 1);
        assert_eq!(UnitFile::parse("[Con\n").unwrap_err().line, 1);
    }

    #[test]
    fn word_splitting_follows_systemd() {
        assert_eq!(split_words(r#"a "b c" 'd "e"' f\ g "\x41\n""#).unwrap(), vec!["a", "b c", "d \"e\"", "f g", "A\n"]);
        assert!(split_words("\"open").is_err());
        assert!(split_words("x\\x00").is_err());
    }

    /// Unit-file injection: a value holding a line break, a quote or a
    /// semicolon must stay one argument of the one key it was written for.
    #[test]
    fn escaped_words_round_trip_and_never_add_a_line() {
        let hostile = ["a\nExecStartPre=/bin/evil", "x\" \"y", "; rm -rf ~", "", "tab\there", "back\\slash", "bell\x07"];
        let words: Vec<String> = hostile.iter().map(|s| s.to_string()).collect();
        let mut u = UnitFile::default();
        u.add_cmdline("Service", "ExecStart", &words);
        let text = u.to_text();
        assert_eq!(text.lines().count(), 2, "{text}");
        let back = UnitFile::parse(&text).unwrap();
        assert_eq!(split_words(back.lookup("Service", "ExecStart").unwrap()).unwrap(), words);
    }

    #[test]
    fn literals_escape_specifiers_and_variables() {
        assert_eq!(escape_literal("100%$HOME"), "100%%$$HOME");
        assert_eq!(escape_word("%h/data"), "%h/data");
    }
}
