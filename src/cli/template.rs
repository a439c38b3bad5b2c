//! Go's `text/template`, as Podman's `--format` uses it, evaluated over the
//! serde JSON of the engine's reports.
//!
//! What it is for: `{{.Field.Sub}}`, `{{json .}}`, `{{range}}`, `{{if}}`/
//! `{{else if}}`/`{{else}}`, `{{with}}`, variables (`$`, `$x := ...`,
//! `range $k, $v := ...`), pipelines, parenthesised calls, trim markers
//! (`{{-`/`-}}`), comments, `break`/`continue`, Go's built-in functions
//! (`and or not len index slice print printf println eq ne lt le gt ge`) and
//! Podman's (`json lower upper title truncate pad join split`, plus
//! `humanSize`). Not for: `define`/`template`/`block` (refused at parse),
//! methods, complex numbers.
//!
//! Values are JSON, but Go distinguishes structs from maps: a missing struct
//! field is an error ("can't evaluate field X in type T"), a missing map key
//! prints `<no value>`. An object is a map when it was reached through a key
//! Podman's types declare as a map ([`MAP_KEYS`]); every other object is a
//! struct. Errors carry Go's wording and positions (`template: ps:1:13:
//! executing "ps" at <.Nope>: ...`), computed as Podman sees the template
//! (list commands wrap it in `{{range .}}`, 11 bytes).

use std::fmt::Write as _;

use serde_json::{Number, Value};

/// Keys whose object values are Go maps in Podman's types (labels,
/// annotations, port and volume sets, network and driver maps).
pub const MAP_KEYS: &[&str] = &[
    "Labels",
    "Annotations",
    "ExposedPorts",
    "Volumes",
    "Ports",
    "PortBindings",
    "Networks",
    "Data",
    "Options",
    "DriverOpts",
    "Registries",
    "Namespaces",
    "Sysctls",
    "StorageOpt",
    "LogConfigOpts",
];

/// A template error, in Go's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

type Res<T> = Result<T, TemplateError>;

// ------------------------------------------------------------------ parse tree

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Pipe),
    If { pipe: Pipe, list: Vec<Node>, else_list: Vec<Node> },
    With { pipe: Pipe, list: Vec<Node>, else_list: Vec<Node> },
    Range { pipe: Pipe, list: Vec<Node>, else_list: Vec<Node> },
    Break,
    Continue,
}

#[derive(Debug, Clone)]
struct Pipe {
    decl: Vec<String>,
    assign: bool,
    cmds: Vec<Cmd>,
    pos: usize,
}

#[derive(Debug, Clone)]
struct Cmd {
    args: Vec<Arg>,
    pos: usize,
    text: String,
}

#[derive(Debug, Clone)]
enum ArgKind {
    Dot,
    Field(Vec<String>),
    Var(String, Vec<String>),
    Func(String),
    Lit(Value),
    Nil,
    Sub(Box<Pipe>, Vec<String>),
}

#[derive(Debug, Clone)]
struct Arg {
    kind: ArgKind,
    pos: usize,
    text: String,
}

// ------------------------------------------------------------------ lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Dot,
    Field(Vec<String>),
    Var(String, Vec<String>),
    Ident(String),
    Str(String),
    Num(Value),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    /// `.Field` chain right after `)`.
    Chain(Vec<String>),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    pos: usize,
    end: usize,
}

/// One `{{ ... }}` or a run of text, with byte positions in the source.
enum Piece {
    Text(String),
    Action { toks: Vec<Token>, pos: usize, end: usize },
}

struct Lexer<'a> {
    src: &'a str,
    name: &'a str,
}

impl Lexer<'_> {
    fn line_of(&self, pos: usize) -> usize {
        1 + self.src[..pos.min(self.src.len())].matches('\n').count()
    }

    fn err(&self, pos: usize, msg: impl std::fmt::Display) -> TemplateError {
        TemplateError(format!("template: {}:{}: {msg}", self.name, self.line_of(pos)))
    }

    fn pieces(&self) -> Res<Vec<Piece>> {
        let s = self.src;
        let b = s.as_bytes();
        let mut out: Vec<Piece> = Vec::new();
        let mut i = 0;
        let mut trim_next = false;
        while i < s.len() {
            let Some(rel) = s[i..].find("{{") else {
                let mut t = &s[i..];
                if trim_next {
                    t = t.trim_start();
                }
                if !t.is_empty() {
                    out.push(Piece::Text(t.to_string()));
                }
                break;
            };
            let start = i + rel;
            let trim_left = s[start + 2..].starts_with("- ") || s[start + 2..].starts_with("-\t") || s[start + 2..].starts_with("-\n");
            let mut text = &s[i..start];
            if trim_next {
                text = text.trim_start();
            }
            if trim_left {
                text = text.trim_end();
            }
            if !text.is_empty() {
                out.push(Piece::Text(text.to_string()));
            }
            let mut j = start + 2 + if trim_left { 2 } else { 0 };
            // Comments: {{/* ... */}}
            let rest = s[j..].trim_start();
            if rest.starts_with("/*") {
                let cstart = s.len() - rest.len();
                let Some(cend) = s[cstart..].find("*/") else { return Err(self.err(start, "unclosed comment")) };
                let after = cstart + cend + 2;
                let tail = &s[after..];
                let (trim_right, close) = if let Some(t) = tail.strip_prefix(" -}}") {
                    (true, s.len() - t.len())
                } else if tail.starts_with("}}") {
                    (false, after + 2)
                } else {
                    return Err(self.err(start, "comment ends before closing delimiter"));
                };
                trim_next = trim_right;
                i = close;
                continue;
            }
            let mut toks = Vec::new();
            loop {
                while j < s.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r') {
                    // " -}}" closes with trimming
                    if s[j..].starts_with(" -}}") || s[j..].starts_with("\t-}}") || s[j..].starts_with("\n-}}") {
                        break;
                    }
                    j += 1;
                }
                if j >= s.len() {
                    return Err(self.err(start, "unclosed action"));
                }
                if s[j..].starts_with("}}") {
                    trim_next = false;
                    j += 2;
                    break;
                }
                if matches!(b[j], b' ' | b'\t' | b'\n') && s[j + 1..].starts_with("-}}") {
                    trim_next = true;
                    j += 4;
                    break;
                }
                let (tok, end) = self.token(j)?;
                toks.push(Token { tok, pos: j, end });
                j = end;
            }
            out.push(Piece::Action { toks, pos: start, end: j });
            i = j;
        }
        Ok(out)
    }

    fn ident_end(&self, mut j: usize) -> usize {
        let b = self.src.as_bytes();
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80) {
            j += 1;
        }
        j
    }

    /// `.A.B` from `j` (at a dot): the names and the end.
    fn chain(&self, mut j: usize) -> (Vec<String>, usize) {
        let b = self.src.as_bytes();
        let mut names = Vec::new();
        while j < b.len() && b[j] == b'.' {
            let e = self.ident_end(j + 1);
            if e == j + 1 {
                break;
            }
            names.push(self.src[j + 1..e].to_string());
            j = e;
        }
        (names, j)
    }

    fn token(&self, j: usize) -> Res<(Tok, usize)> {
        let s = self.src;
        let b = s.as_bytes();
        let c = b[j];
        match c {
            b'|' => Ok((Tok::Pipe, j + 1)),
            b'(' => Ok((Tok::LParen, j + 1)),
            // A `.Field` chain right after `)` is lexed next, as Tok::Chain.
            b')' => Ok((Tok::RParen, j + 1)),
            b',' => Ok((Tok::Comma, j + 1)),
            b':' if s[j..].starts_with(":=") => Ok((Tok::Declare, j + 2)),
            b'=' => Ok((Tok::Assign, j + 1)),
            b'.' => {
                let (names, e) = self.chain(j);
                if names.is_empty() {
                    if j + 1 < b.len() && b[j + 1].is_ascii_digit() {
                        return self.number(j);
                    }
                    // After `)` a chain starts with '.', handled by the parser via Chain.
                    return Ok((Tok::Dot, j + 1));
                }
                let prev_paren = j > 0 && b[j - 1] == b')';
                if prev_paren {
                    Ok((Tok::Chain(names), e))
                } else {
                    Ok((Tok::Field(names), e))
                }
            }
            b'$' => {
                let e = self.ident_end(j + 1);
                let name = s[j..e].to_string();
                let (names, e2) = self.chain(e);
                Ok((Tok::Var(name, names), e2))
            }
            b'"' => {
                let mut k = j + 1;
                let mut out = String::new();
                loop {
                    if k >= b.len() || b[k] == b'\n' {
                        return Err(self.err(j, "unterminated quoted string"));
                    }
                    match b[k] {
                        b'"' => break,
                        b'\\' if k + 1 < b.len() => {
                            k += 1;
                            match b[k] {
                                b'n' => out.push('\n'),
                                b't' => out.push('\t'),
                                b'r' => out.push('\r'),
                                b'\\' => out.push('\\'),
                                b'"' => out.push('"'),
                                b'\'' => out.push('\''),
                                b'0' => out.push('\0'),
                                b'a' => out.push('\x07'),
                                b'b' => out.push('\x08'),
                                b'f' => out.push('\x0c'),
                                b'v' => out.push('\x0b'),
                                b'x' | b'u' | b'U' => {
                                    let n = match b[k] {
                                        b'x' => 2,
                                        b'u' => 4,
                                        _ => 8,
                                    };
                                    let hex = s.get(k + 1..k + 1 + n).ok_or_else(|| self.err(j, "invalid syntax"))?;
                                    let v = u32::from_str_radix(hex, 16).map_err(|_| self.err(j, "invalid syntax"))?;
                                    out.push(char::from_u32(v).ok_or_else(|| self.err(j, "invalid syntax"))?);
                                    k += n;
                                }
                                _ => return Err(self.err(j, "invalid syntax")),
                            }
                            k += 1;
                        }
                        _ => {
                            let ch = s[k..].chars().next().unwrap_or('\0');
                            out.push(ch);
                            k += ch.len_utf8();
                        }
                    }
                }
                Ok((Tok::Str(out), k + 1))
            }
            b'`' => {
                let Some(e) = s[j + 1..].find('`') else { return Err(self.err(j, "unterminated raw quoted string")) };
                Ok((Tok::Str(s[j + 1..j + 1 + e].to_string()), j + e + 2))
            }
            b'-' | b'+' | b'0'..=b'9' => self.number(j),
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let e = self.ident_end(j);
                let w = &s[j..e];
                let tok = match w {
                    "true" => Tok::Bool(true),
                    "false" => Tok::Bool(false),
                    "nil" => Tok::Nil,
                    _ => Tok::Ident(w.to_string()),
                };
                Ok((tok, e))
            }
            _ => {
                let ch = s[j..].chars().next().unwrap_or('\0');
                Err(self.err(j, format!("bad character U+{:04X} '{ch}'", ch as u32)))
            }
        }
    }

    fn number(&self, j: usize) -> Res<(Tok, usize)> {
        let b = self.src.as_bytes();
        let mut e = j;
        if e < b.len() && (b[e] == b'-' || b[e] == b'+') {
            e += 1;
        }
        while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'.' || b[e] == b'_') {
            e += 1;
        }
        let text = &self.src[j..e];
        let clean = text.replace('_', "");
        let v = if let Some(h) = clean.strip_prefix("0x").or_else(|| clean.strip_prefix("0X")) {
            i64::from_str_radix(h, 16).ok().map(Value::from)
        } else if let Ok(i) = clean.parse::<i64>() {
            Some(Value::from(i))
        } else if let Ok(u) = clean.parse::<u64>() {
            Some(Value::from(u))
        } else {
            clean.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number)
        };
        match v {
            Some(v) => Ok((Tok::Num(v), e)),
            None => Err(self.err(j, format!("bad number syntax: {text:?}"))),
        }
    }
}

// ------------------------------------------------------------------ parser

struct Parser<'a> {
    lx: Lexer<'a>,
    pieces: std::iter::Peekable<std::vec::IntoIter<Piece>>,
    vars: Vec<Vec<String>>,
}

enum Stop {
    Eof,
    End,
    Else(Vec<Token>, usize),
}

impl Parser<'_> {
    fn list(&mut self, depth: usize, in_range: bool) -> Res<(Vec<Node>, Stop)> {
        let mut nodes = Vec::new();
        while let Some(p) = self.pieces.next() {
            match p {
                Piece::Text(t) => nodes.push(Node::Text(t)),
                Piece::Action { toks, pos, end } => {
                    let kw = match toks.first() {
                        Some(Token { tok: Tok::Ident(w), .. }) => w.clone(),
                        _ => String::new(),
                    };
                    match kw.as_str() {
                        "end" => {
                            if depth == 0 {
                                return Err(self.lx.err(pos, "unexpected {{end}}"));
                            }
                            return Ok((nodes, Stop::End));
                        }
                        "else" => {
                            if depth == 0 {
                                return Err(self.lx.err(pos, "unexpected {{else}}"));
                            }
                            return Ok((nodes, Stop::Else(toks[1..].to_vec(), pos)));
                        }
                        "if" | "with" | "range" => {
                            let node = self.control(&kw, &toks[1..], pos, end, depth, in_range)?;
                            nodes.push(node);
                        }
                        "break" | "continue" => {
                            if !in_range {
                                return Err(self.lx.err(pos, format!("{{{{{kw}}}}} outside {{{{range}}}}")));
                            }
                            nodes.push(if kw == "break" { Node::Break } else { Node::Continue });
                        }
                        "define" | "template" | "block" => {
                            return Err(self.lx.err(pos, format!("{{{{{kw}}}}} is not supported by rpod's templates")));
                        }
                        _ => {
                            let pipe = self.pipeline(&toks, pos, end, true)?;
                            nodes.push(Node::Action(pipe));
                        }
                    }
                }
            }
        }
        if depth > 0 {
            return Err(self.lx.err(self.lx.src.len(), "unexpected EOF"));
        }
        Ok((nodes, Stop::Eof))
    }

    fn control(&mut self, kw: &str, toks: &[Token], pos: usize, end: usize, depth: usize, in_range: bool) -> Res<Node> {
        self.vars.push(Vec::new());
        let pipe = self.pipeline(toks, toks.first().map(|t| t.pos).unwrap_or(pos), end, kw == "range")?;
        if pipe.cmds.is_empty() {
            return Err(self.lx.err(pos, format!("missing value for {kw}")));
        }
        let body_range = in_range || kw == "range";
        let (list, e) = self.list(depth + 1, body_range)?;
        self.vars.pop();
        let else_list = match e {
            Stop::End => Vec::new(),
            Stop::Eof => return Err(self.lx.err(pos, "unexpected EOF")),
            Stop::Else(rest, epos) => {
                if let Some(Token { tok: Tok::Ident(w), .. }) = rest.first() {
                    if (w == "if" || w == "with") && kw != "range" {
                        // {{else if ...}}: a nested control ending at the same {{end}}.
                        let w = w.clone();
                        let node = self.control(&w, &rest[1..], epos, end, depth, in_range)?;
                        vec![node]
                    } else {
                        return Err(self.lx.err(epos, format!("unexpected {w:?} in else")));
                    }
                } else {
                    self.vars.push(Vec::new());
                    let (l, e2) = self.list(depth + 1, in_range)?;
                    self.vars.pop();
                    if !matches!(e2, Stop::End) {
                        return Err(self.lx.err(epos, "expected end; found else"));
                    }
                    l
                }
            }
        };
        Ok(match kw {
            "if" => Node::If { pipe, list, else_list },
            "with" => Node::With { pipe, list, else_list },
            _ => Node::Range { pipe, list, else_list },
        })
    }

    fn declared(&self, v: &str) -> bool {
        v == "$" || self.vars.iter().any(|s| s.iter().any(|x| x == v))
    }

    fn pipeline(&mut self, toks: &[Token], pos: usize, end: usize, allow_two: bool) -> Res<Pipe> {
        let mut i = 0;
        let mut decl = Vec::new();
        let mut assign = false;
        // Declarations: $x := / $x = / $i, $e :=
        let is_decl = |i: usize| matches!(toks.get(i), Some(Token { tok: Tok::Var(_, c), .. }) if c.is_empty());
        if is_decl(0) {
            match toks.get(1).map(|t| &t.tok) {
                Some(Tok::Declare) | Some(Tok::Assign) => {
                    if let Tok::Var(n, _) = &toks[0].tok {
                        decl.push(n.clone());
                    }
                    assign = toks[1].tok == Tok::Assign;
                    i = 2;
                }
                Some(Tok::Comma) if allow_two && is_decl(2) && matches!(toks.get(3).map(|t| &t.tok), Some(Tok::Declare) | Some(Tok::Assign)) => {
                    for k in [0, 2] {
                        if let Tok::Var(n, _) = &toks[k].tok {
                            decl.push(n.clone());
                        }
                    }
                    assign = toks[3].tok == Tok::Assign;
                    i = 4;
                }
                _ => {}
            }
        }
        for d in &decl {
            if assign {
                if !self.declared(d) {
                    return Err(self.lx.err(pos, format!("undefined variable \"{d}\"")));
                }
            } else if let Some(s) = self.vars.last_mut() {
                s.push(d.clone());
            }
        }
        let text_start = toks.get(i).map(|t| t.pos).unwrap_or(pos);
        let (cmds, next) = self.commands(toks, i, false)?;
        if next != toks.len() {
            return Err(self.lx.err(toks[next].pos, "unexpected token in operand"));
        }
        let _ = end;
        Ok(Pipe { decl, assign, cmds, pos: text_start })
    }

    /// Commands separated by `|`, up to the end or a `)` when `nested`.
    fn commands(&mut self, toks: &[Token], mut i: usize, nested: bool) -> Res<(Vec<Cmd>, usize)> {
        let mut cmds = Vec::new();
        let mut args: Vec<Arg> = Vec::new();
        let mut cmd_pos = toks.get(i).map(|t| t.pos).unwrap_or(0);
        while i < toks.len() {
            let t = &toks[i];
            match &t.tok {
                Tok::RParen if nested => break,
                Tok::RParen => return Err(self.lx.err(t.pos, "unexpected right paren")),
                Tok::Pipe => {
                    if args.is_empty() {
                        return Err(self.lx.err(t.pos, "missing command"));
                    }
                    let end = toks[i - 1].end;
                    cmds.push(Cmd { args: std::mem::take(&mut args), pos: cmd_pos, text: self.lx.src[cmd_pos..end].to_string() });
                    i += 1;
                    cmd_pos = toks.get(i).map(|t| t.pos).unwrap_or(t.end);
                    continue;
                }
                Tok::LParen => {
                    let (sub, j) = self.commands(toks, i + 1, true)?;
                    if !matches!(toks.get(j).map(|t| &t.tok), Some(Tok::RParen)) {
                        return Err(self.lx.err(t.pos, "unclosed left paren"));
                    }
                    let mut chain = Vec::new();
                    let mut k = j + 1;
                    if let Some(Token { tok: Tok::Chain(c), .. }) = toks.get(k) {
                        chain = c.clone();
                        k += 1;
                    }
                    let end = toks[k - 1].end;
                    let text = self.lx.src[t.pos..end].to_string();
                    let pipe = Pipe { decl: Vec::new(), assign: false, cmds: sub, pos: t.pos + 1 };
                    args.push(Arg { kind: ArgKind::Sub(Box::new(pipe), chain), pos: t.pos, text });
                    i = k;
                    continue;
                }
                Tok::Declare | Tok::Assign | Tok::Comma | Tok::Chain(_) => {
                    return Err(self.lx.err(t.pos, "unexpected token in operand"));
                }
                other => {
                    let kind = match other {
                        Tok::Dot => ArgKind::Dot,
                        Tok::Field(c) => ArgKind::Field(c.clone()),
                        Tok::Var(n, c) => {
                            if !self.declared(n) {
                                return Err(self.lx.err(t.pos, format!("undefined variable \"{n}\"")));
                            }
                            ArgKind::Var(n.clone(), c.clone())
                        }
                        Tok::Ident(n) => {
                            if !is_function(n) {
                                return Err(self.lx.err(t.pos, format!("function \"{n}\" not defined")));
                            }
                            ArgKind::Func(n.clone())
                        }
                        Tok::Str(s) => ArgKind::Lit(Value::String(s.clone())),
                        Tok::Num(n) => ArgKind::Lit(n.clone()),
                        Tok::Bool(b) => ArgKind::Lit(Value::Bool(*b)),
                        Tok::Nil => ArgKind::Nil,
                        _ => unreachable!("handled above"),
                    };
                    // Go positions a field chain at its second element.
                    let pos = match &kind {
                        ArgKind::Field(c) if c.len() > 1 => t.pos + 1 + c[0].len(),
                        ArgKind::Var(n, c) if !c.is_empty() => t.pos + n.len(),
                        _ => t.pos,
                    };
                    args.push(Arg { kind, pos, text: self.lx.src[t.pos..t.end].to_string() });
                    i += 1;
                }
            }
        }
        if !args.is_empty() {
            let end = toks[i - 1].end;
            cmds.push(Cmd { args, pos: cmd_pos, text: self.lx.src[cmd_pos..end].to_string() });
        } else if !cmds.is_empty() {
            return Err(self.lx.err(cmd_pos, "missing command"));
        }
        Ok((cmds, i))
    }
}

const FUNCS: &[&str] = &[
    "and",
    "or",
    "not",
    "len",
    "index",
    "slice",
    "print",
    "printf",
    "println",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "html",
    "js",
    "urlquery",
    "call",
    "json",
    "lower",
    "upper",
    "title",
    "truncate",
    "pad",
    "join",
    "split",
    "humanSize",
];

fn is_function(n: &str) -> bool {
    FUNCS.contains(&n)
}

// ------------------------------------------------------------------ values

/// A value during execution: JSON plus what Go would know about it.
#[derive(Debug, Clone)]
enum Val {
    /// A missing map key, or nothing at all: prints `<no value>`.
    Missing,
    /// A JSON value; `map` says an object is a Go map rather than a struct;
    /// `path` is where it was found (`Host.Security`), for type names.
    V { v: Value, map: bool, path: String },
}

impl Val {
    fn of(v: Value) -> Val {
        Val::V { v, map: false, path: String::new() }
    }
    fn json(&self) -> Value {
        match self {
            Val::Missing => Value::Null,
            Val::V { v, .. } => v.clone(),
        }
    }
}

fn truthy(v: &Val) -> bool {
    match v {
        Val::Missing => false,
        Val::V { v, .. } => match v {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
        },
    }
}

/// How Go's `fmt.Sprint` (and so `{{.X}}`) prints a value.
pub fn go_print(v: &Value, map: bool) -> String {
    match v {
        Value::Null => {
            if map {
                "map[]".into()
            } else {
                "<nil>".into()
            }
        }
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_number(n),
        Value::Array(a) => format!("[{}]", a.iter().map(|x| go_print(x, false)).collect::<Vec<_>>().join(" ")),
        Value::Object(m) if map => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            format!("map[{}]", keys.iter().map(|k| format!("{k}:{}", go_print(&m[*k], false))).collect::<Vec<_>>().join(" "))
        }
        Value::Object(m) => format!("{{{}}}", m.iter().map(|(k, x)| go_print(x, MAP_KEYS.contains(&k.as_str()))).collect::<Vec<_>>().join(" ")),
    }
}

fn go_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    go_float(f)
}

/// Go's `%v` for a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`, exponent when < 1e-4 or >= 1e21).
fn go_float(f: f64) -> String {
    if f == f.trunc() && f.abs() < 1e21 {
        return format!("{f:.0}");
    }
    let a = f.abs();
    if (1e-4..1e21).contains(&a) {
        return format!("{f}");
    }
    let s = format!("{f:e}");
    // Rust: 1.5e-7 ; Go: 1.5e-07
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = if let Some(d) = e.strip_prefix('-') { ('-', d) } else { ('+', e) };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

fn type_name(v: &Val) -> &'static str {
    match v {
        Val::Missing => "interface {}",
        Val::V { v, map, .. } => match v {
            Value::Null => "<nil>",
            Value::Bool(_) => "bool",
            Value::Number(n) if n.is_f64() => "float64",
            Value::Number(_) => "int",
            Value::String(_) => "string",
            Value::Array(_) => "[]interface {}",
            Value::Object(_) if *map => "map[string]interface {}",
            Value::Object(_) => "struct",
        },
    }
}

// ------------------------------------------------------------------ template

/// A parsed `--format` template.
#[derive(Debug, Clone)]
pub struct Template {
    name: String,
    nodes: Vec<Node>,
    /// Podman's `table` prefix: print a header row and align columns.
    pub table: bool,
    /// Bytes Podman puts before the template on its first line (its
    /// `{{range .}}` wrapper), for Go-compatible error columns.
    offset: usize,
    /// The Go type named in "can't evaluate field" errors, per object path.
    types: Vec<(String, String)>,
    /// The parsed text (after `table `), for error positions.
    src: String,
}

/// Context for one execution.
struct Exec<'a> {
    t: &'a Template,
    out: String,
    vars: Vec<(String, Val)>,
    /// The data `$` names while its slot (the first variable) holds
    /// `Val::Missing` in its place.
    root: Option<&'a Value>,
    /// Render headers: every field evaluates to its column name.
    header: Option<&'a dyn Fn(&str) -> String>,
}

enum Flow {
    Normal,
    Break,
    Continue,
}

impl Template {
    /// Parse `src` for the command `name` (Go's template name, used in errors).
    /// `\t` and `\n` written as two characters outside actions become a tab
    /// and a newline, and a leading `table ` is Podman's table mode (spaces
    /// between actions become column breaks), as Podman's `NormalizeFormat`.
    pub fn parse(name: &str, src: &str) -> Result<Template, TemplateError> {
        let (table, body) = match src.strip_prefix("table ") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, src),
        };
        let lx = Lexer { src: body, name };
        let pieces = lx.pieces()?;
        let mut p = Parser { lx: Lexer { src: body, name }, pieces: pieces.into_iter().peekable(), vars: vec![Vec::new()] };
        let (mut nodes, _) = p.list(0, false)?;
        for n in &mut nodes {
            unescape(n, table);
        }
        Ok(Template { name: name.to_string(), nodes, table, offset: 0, types: Vec::new(), src: body.to_string() })
    }

    /// Errors name columns as Podman's wrapped template does (`{{range .}}`).
    pub fn ranged(mut self) -> Template {
        self.offset = "{{range .}}".len();
        self
    }

    /// The Go type of the value at a path (`""` for the root, `"Host"`...),
    /// named in "can't evaluate field" errors.
    pub fn go_type(mut self, path: &str, ty: &str) -> Template {
        self.types.push((path.to_string(), ty.to_string()));
        self
    }

    /// Every field name the template reads (each name of each field chain,
    /// wherever it appears: a superset of the top-level fields it uses), or
    /// `None` when it may read the whole value (`{{.}}`, `{{json .}}`,
    /// `{{$}}`). A caller may build only these fields of a row.
    pub fn field_names(&self) -> Option<std::collections::BTreeSet<&str>> {
        fn pipe<'t>(p: &'t Pipe, out: &mut std::collections::BTreeSet<&'t str>) -> bool {
            p.cmds.iter().flat_map(|c| &c.args).all(|a| match &a.kind {
                ArgKind::Dot => false,
                ArgKind::Var(name, chain) if name == "$" && chain.is_empty() => false,
                ArgKind::Field(chain) | ArgKind::Var(_, chain) => {
                    out.extend(chain.iter().map(String::as_str));
                    true
                }
                ArgKind::Sub(p, chain) => {
                    out.extend(chain.iter().map(String::as_str));
                    pipe(p, out)
                }
                ArgKind::Func(_) | ArgKind::Lit(_) | ArgKind::Nil => true,
            })
        }
        fn nodes<'t>(ns: &'t [Node], out: &mut std::collections::BTreeSet<&'t str>) -> bool {
            ns.iter().all(|n| match n {
                Node::Text(_) | Node::Break | Node::Continue => true,
                Node::Action(p) => pipe(p, out),
                Node::If { pipe: p, list, else_list } | Node::With { pipe: p, list, else_list } | Node::Range { pipe: p, list, else_list } => {
                    pipe(p, out) && nodes(list, out) && nodes(else_list, out)
                }
            })
        }
        let mut out = std::collections::BTreeSet::new();
        nodes(&self.nodes, &mut out).then_some(out)
    }

    /// Execute against one value.
    pub fn execute(&self, data: &Value) -> Result<String, TemplateError> {
        self.execute_owned(data.clone())
    }

    /// Execute against a value the caller no longer needs (no copy of it).
    pub fn execute_owned(&self, data: Value) -> Result<String, TemplateError> {
        let dot = Val::of(data);
        let root = match &dot {
            Val::V { v, .. } => Some(v),
            Val::Missing => None,
        };
        let mut ex = Exec { t: self, out: String::new(), vars: vec![("$".into(), Val::Missing)], root, header: None };
        ex.list(&self.nodes, &dot)?;
        Ok(ex.out)
    }

    /// Execute with every field replaced by its header text.
    pub fn execute_header(&self, header: &dyn Fn(&str) -> String) -> Result<String, TemplateError> {
        let mut ex = Exec { t: self, out: String::new(), vars: vec![("$".into(), Val::Missing)], root: None, header: Some(header) };
        ex.list(&self.nodes, &Val::Missing)?;
        Ok(ex.out)
    }

    fn error_at(&self, pos: usize, context: &str, msg: impl std::fmt::Display) -> TemplateError {
        let before = &self.src[..pos.min(self.src.len())];
        let line = 1 + before.matches('\n').count();
        let col = match before.rfind('\n') {
            None => pos + self.offset,
            Some(nl) => pos - nl - 1,
        };
        TemplateError(format!("template: {}:{line}:{col}: executing \"{}\" at <{context}>: {msg}", self.name, self.name))
    }

    fn type_at(&self, path: &str, v: &Val) -> String {
        match self.types.iter().find(|(p, _)| p == path) {
            Some((_, t)) => t.clone(),
            None => type_name(v).to_string(),
        }
    }
}

/// Podman's NormalizeFormat on text: `\t`/`\n` escapes, and in table mode
/// spaces become column breaks.
fn unescape(n: &mut Node, table: bool) {
    match n {
        Node::Text(t) => {
            let mut s = t.replace("\\t", "\t").replace("\\n", "\n");
            if table {
                s = s.replace(' ', "\t");
            }
            *t = s;
        }
        Node::If { list, else_list, .. } | Node::With { list, else_list, .. } | Node::Range { list, else_list, .. } => {
            for x in list.iter_mut().chain(else_list.iter_mut()) {
                unescape(x, table);
            }
        }
        _ => {}
    }
}

// ------------------------------------------------------------------ execution

impl Exec<'_> {
    fn list(&mut self, nodes: &[Node], dot: &Val) -> Res<Flow> {
        for n in nodes {
            match self.node(n, dot)? {
                Flow::Normal => {}
                f => return Ok(f),
            }
        }
        Ok(Flow::Normal)
    }

    fn scoped(&mut self, nodes: &[Node], dot: &Val) -> Res<Flow> {
        let mark = self.vars.len();
        let r = self.list(nodes, dot);
        self.vars.truncate(mark);
        r
    }

    fn node(&mut self, n: &Node, dot: &Val) -> Res<Flow> {
        match n {
            Node::Text(t) => self.out.push_str(t),
            Node::Action(p) => {
                let v = self.pipe(p, dot)?;
                if p.decl.is_empty() {
                    self.print(&v, p)?;
                }
            }
            Node::Break => return Ok(Flow::Break),
            Node::Continue => return Ok(Flow::Continue),
            Node::If { pipe, list, else_list } => {
                let mark = self.vars.len();
                let v = self.pipe(pipe, dot)?;
                let f = if truthy(&v) { self.scoped(list, dot)? } else { self.scoped(else_list, dot)? };
                self.vars.truncate(mark);
                return Ok(f);
            }
            Node::With { pipe, list, else_list } => {
                let mark = self.vars.len();
                let v = self.pipe(pipe, dot)?;
                let f = if truthy(&v) { self.scoped(list, &v)? } else { self.scoped(else_list, dot)? };
                self.vars.truncate(mark);
                return Ok(f);
            }
            Node::Range { pipe, list, else_list } => {
                let mark = self.vars.len();
                let f = self.range(pipe, list, else_list, dot);
                self.vars.truncate(mark);
                return f;
            }
        }
        Ok(Flow::Normal)
    }

    fn range(&mut self, pipe: &Pipe, list: &[Node], else_list: &[Node], dot: &Val) -> Res<Flow> {
        // Declarations in a range bind the key/index and element, not the pipeline.
        let decl = pipe.decl.clone();
        let bare = Pipe { decl: Vec::new(), ..pipe.clone() };
        let v = self.pipe(&bare, dot)?;
        let items: Vec<(Val, Val)> = match &v {
            Val::Missing => Vec::new(),
            Val::V { v: Value::Null, .. } => Vec::new(),
            Val::V { v: Value::Array(a), path, .. } => {
                a.iter().enumerate().map(|(i, x)| (Val::of(Value::from(i)), Val::V { v: x.clone(), map: false, path: format!("{path}[]") })).collect()
            }
            Val::V { v: Value::Object(m), map: true, path } => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                keys.into_iter().map(|k| (Val::of(Value::String(k.clone())), Val::V { v: m[k].clone(), map: false, path: format!("{path}[]") })).collect()
            }
            Val::V { v: Value::Number(n), .. } if n.as_i64().is_some() => {
                (0..n.as_i64().unwrap_or(0).max(0)).map(|i| (Val::of(Value::from(i)), Val::of(Value::from(i)))).collect()
            }
            other => {
                let cmd = pipe.cmds.last();
                return Err(self.t.error_at(
                    cmd.map(|c| c.pos).unwrap_or(pipe.pos),
                    cmd.map(|c| c.text.as_str()).unwrap_or(""),
                    format!("range can't iterate over {}", self.sprint(other)),
                ));
            }
        };
        if items.is_empty() {
            return self.scoped(else_list, dot);
        }
        for (k, e) in items {
            let mark = self.vars.len();
            match decl.len() {
                1 => self.set_var(&decl[0], e.clone(), pipe.assign),
                2 => {
                    self.set_var(&decl[0], k, pipe.assign);
                    self.set_var(&decl[1], e.clone(), pipe.assign);
                }
                _ => {}
            }
            let f = self.list(list, &e)?;
            self.vars.truncate(mark);
            if matches!(f, Flow::Break) {
                break;
            }
        }
        Ok(Flow::Normal)
    }

    fn set_var(&mut self, name: &str, v: Val, assign: bool) {
        if assign {
            if let Some((i, slot)) = self.vars.iter_mut().enumerate().rev().find(|(_, (n, _))| n == name) {
                slot.1 = v;
                if i == 0 {
                    self.root = None; // `$` now holds what was assigned
                }
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    fn sprint(&self, v: &Val) -> String {
        match v {
            Val::Missing => "<no value>".into(),
            Val::V { v, map, .. } => go_print(v, *map),
        }
    }

    fn print(&mut self, v: &Val, _p: &Pipe) -> Res<()> {
        let s = self.sprint(v);
        self.out.push_str(&s);
        Ok(())
    }

    fn pipe(&mut self, p: &Pipe, dot: &Val) -> Res<Val> {
        let mut last: Option<Val> = None;
        for c in &p.cmds {
            last = Some(self.cmd(c, dot, last)?);
        }
        let v = last.unwrap_or(Val::Missing);
        for d in &p.decl {
            self.set_var(d, v.clone(), p.assign);
        }
        Ok(v)
    }

    fn cmd(&mut self, c: &Cmd, dot: &Val, piped: Option<Val>) -> Res<Val> {
        let first = &c.args[0];
        if let ArgKind::Func(name) = &first.kind {
            return self.call(name, c, &c.args[1..], dot, piped);
        }
        if c.args.len() > 1 || piped.is_some() {
            let what = match &first.kind {
                ArgKind::Field(f) | ArgKind::Var(_, f) if !f.is_empty() => f.last().cloned().unwrap_or_default(),
                _ => first.text.clone(),
            };
            return Err(self.t.error_at(first.pos, &first.text, format!("can't give argument to non-function {what}")));
        }
        self.arg(first, dot)
    }

    fn arg(&mut self, a: &Arg, dot: &Val) -> Res<Val> {
        match &a.kind {
            ArgKind::Dot => Ok(dot.clone()),
            ArgKind::Nil => Ok(Val::of(Value::Null)),
            ArgKind::Lit(v) => Ok(Val::of(v.clone())),
            ArgKind::Field(chain) => self.fields(dot, chain, a),
            ArgKind::Var(name, chain) => match self.vars.iter().enumerate().rev().find(|(_, (n, _))| n == name) {
                // `$` is the data the template was executed with (the
                // first variable), copied only when a template uses it.
                Some((0, _)) if self.root.is_some() => {
                    let root = Val::of(self.root.cloned().unwrap_or(Value::Null));
                    self.fields(&root, chain, a)
                }
                Some((_, (_, v))) => self.fields(v, chain, a),
                None => self.fields(&Val::Missing, chain, a),
            },
            ArgKind::Sub(p, chain) => {
                let v = self.pipe(p, dot)?;
                self.fields(&v, chain, a)
            }
            ArgKind::Func(name) => {
                // A bare function name as an argument: call it without arguments.
                let c = Cmd { args: vec![a.clone()], pos: a.pos, text: a.text.clone() };
                self.call(name, &c, &[], dot, None)
            }
        }
    }

    /// Walk `chain` from `v` by reference: only the value reached is
    /// copied (a row of `ps --format` is ~30 fields; copying it for every
    /// `.Field` was most of a template's cost at 1,000 rows).
    fn fields(&self, v: &Val, chain: &[String], a: &Arg) -> Res<Val> {
        let Some(last) = chain.last() else { return Ok(v.clone()) };
        if let Some(h) = self.header {
            return Ok(Val::of(Value::String(h(last))));
        }
        let (mut cur, mut map, mut path) = match v {
            Val::Missing => (None, false, String::new()),
            Val::V { v, map, path } => (Some(v), *map, path.clone()),
        };
        for f in chain {
            cur = match cur {
                Some(Value::Object(m)) => match m.get(f) {
                    Some(x) => {
                        path = join_path(&path, f);
                        map = MAP_KEYS.contains(&f.as_str());
                        Some(x)
                    }
                    None if map => None,
                    None => {
                        let ty = self.t.type_at(&path, &Val::V { v: Value::Object(m.clone()), map: false, path: path.clone() });
                        return Err(self.t.error_at(a.pos, &a.text, format!("can't evaluate field {f} in type {ty}")));
                    }
                },
                Some(Value::Null) if map => None,
                Some(Value::Null) | None => {
                    return Err(self.t.error_at(a.pos, &a.text, format!("nil pointer evaluating interface {{}}.{f}")));
                }
                Some(other) => {
                    let ty = self.t.type_at(&path, &Val::V { v: other.clone(), map, path: path.clone() });
                    return Err(self.t.error_at(a.pos, &a.text, format!("can't evaluate field {f} in type {ty}")));
                }
            };
        }
        Ok(cur.map_or(Val::Missing, |x| Val::V { v: x.clone(), map, path }))
    }

    fn call(&mut self, name: &str, c: &Cmd, args: &[Arg], dot: &Val, piped: Option<Val>) -> Res<Val> {
        let fa = &c.args[0];
        let err = |msg: String| self.t.error_at(fa.pos, &c.text, format!("error calling {name}: {msg}"));
        // and/or evaluate lazily.
        if name == "and" || name == "or" {
            let n = args.len() + usize::from(piped.is_some());
            if n == 0 {
                return Err(self.t.error_at(fa.pos, &c.text, format!("wrong number of args for {name}: want at least 1 got 0")));
            }
            let mut last = Val::Missing;
            for a in args {
                last = self.arg(a, dot)?;
                if truthy(&last) != (name == "and") {
                    return Ok(last);
                }
            }
            if let Some(p) = piped {
                last = p;
            }
            return Ok(last);
        }
        let mut vals = Vec::with_capacity(args.len() + 1);
        for a in args {
            vals.push(self.arg(a, dot)?);
        }
        if let Some(p) = piped {
            vals.push(p);
        }
        let want = |n: usize| -> Res<()> {
            if vals.len() != n {
                return Err(self.t.error_at(fa.pos, &c.text, format!("wrong number of args for {name}: want {n} got {}", vals.len())));
            }
            Ok(())
        };
        let s = |v: &Val| -> Result<String, String> {
            match v {
                Val::V { v: Value::String(s), .. } => Ok(s.clone()),
                other => Err(format!("wrong type for value; expected string; got {}", type_name(other))),
            }
        };
        let int = |v: &Val| -> Result<i64, String> {
            match v {
                Val::V { v: Value::Number(n), .. } if n.as_i64().is_some() => Ok(n.as_i64().unwrap_or(0)),
                other => Err(format!("wrong type for value; expected int; got {}", type_name(other))),
            }
        };
        if self.header.is_some() && !matches!(name, "json" | "lower" | "upper" | "title" | "print" | "printf" | "println" | "pad" | "truncate") {
            // Header rows: most functions have no meaning for column names;
            // show the first field's header.
            return Ok(vals.into_iter().find(|v| matches!(v, Val::V { v: Value::String(_), .. })).unwrap_or(Val::of(Value::String(String::new()))));
        }
        let str_val = |x: String| Ok(Val::of(Value::String(x)));
        match name {
            "not" => {
                want(1)?;
                Ok(Val::of(Value::Bool(!truthy(&vals[0]))))
            }
            "len" => {
                want(1)?;
                let n = match &vals[0] {
                    Val::V { v: Value::String(s), .. } => s.len(),
                    Val::V { v: Value::Array(a), .. } => a.len(),
                    Val::V { v: Value::Object(o), map: true, .. } => o.len(),
                    Val::V { v: Value::Null, map: true, .. } => 0,
                    other => return Err(err(format!("len of type {}", type_name(other)))),
                };
                Ok(Val::of(Value::from(n)))
            }
            "index" => {
                if vals.is_empty() {
                    return Err(self.t.error_at(fa.pos, &c.text, "wrong number of args for index: want at least 1 got 0".to_string()));
                }
                let mut cur = vals[0].clone();
                for k in &vals[1..] {
                    cur = match (&cur, k) {
                        (Val::V { v: Value::Array(a), path, .. }, _) => {
                            let i = int(k).map_err(|_| err("cannot index slice/array with type ".to_string() + type_name(k)))?;
                            if i < 0 || i as usize >= a.len() {
                                return Err(err(format!("index out of range: {i}")));
                            }
                            Val::V { v: a[i as usize].clone(), map: false, path: format!("{path}[]") }
                        }
                        (Val::V { v: Value::String(st), .. }, _) => {
                            let i = int(k).map_err(&err)?;
                            match st.as_bytes().get(i.max(0) as usize) {
                                Some(b) if i >= 0 => Val::of(Value::from(*b)),
                                _ => return Err(err(format!("index out of range: {i}"))),
                            }
                        }
                        (Val::V { v: Value::Object(m), path, .. }, _) => {
                            let key = s(k).map_err(&err)?;
                            match m.get(&key) {
                                Some(x) => Val::V { v: x.clone(), map: false, path: format!("{path}[]") },
                                // Go's index gives the element type's zero value; Podman's maps hold strings.
                                None => Val::of(Value::String(String::new())),
                            }
                        }
                        (Val::V { v: Value::Null, .. }, _) | (Val::Missing, _) => Val::Missing,
                        (other, _) => return Err(err(format!("can't index item of type {}", type_name(other)))),
                    };
                }
                Ok(cur)
            }
            "slice" => {
                if vals.is_empty() || vals.len() > 4 {
                    return Err(self.t.error_at(fa.pos, &c.text, format!("wrong number of args for slice: want 1-4 got {}", vals.len())));
                }
                let idx: Vec<i64> = vals[1..].iter().map(int).collect::<Result<_, _>>().map_err(err)?;
                match &vals[0] {
                    Val::V { v: Value::String(st), .. } => {
                        let lo = idx.first().copied().unwrap_or(0) as usize;
                        let hi = idx.get(1).copied().map(|h| h as usize).unwrap_or(st.len());
                        match st.get(lo..hi) {
                            Some(x) => str_val(x.to_string()),
                            None => Err(err(format!("index out of range: {hi}"))),
                        }
                    }
                    Val::V { v: Value::Array(a), .. } => {
                        let lo = idx.first().copied().unwrap_or(0) as usize;
                        let hi = idx.get(1).copied().map(|h| h as usize).unwrap_or(a.len());
                        match a.get(lo..hi) {
                            Some(x) => Ok(Val::of(Value::Array(x.to_vec()))),
                            None => Err(err(format!("index out of range: {hi}"))),
                        }
                    }
                    other => Err(err(format!("can't slice item of type {}", type_name(other)))),
                }
            }
            "print" => {
                // fmt.Sprint: spaces between operands when neither is a string.
                let mut out = String::new();
                for (i, v) in vals.iter().enumerate() {
                    let is_str = |v: &Val| matches!(v, Val::V { v: Value::String(_), .. });
                    if i > 0 && !is_str(v) && !is_str(&vals[i - 1]) {
                        out.push(' ');
                    }
                    out.push_str(&self.sprint(v));
                }
                str_val(out)
            }
            "println" => str_val(vals.iter().map(|v| self.sprint(v)).collect::<Vec<_>>().join(" ") + "\n"),
            "printf" => {
                if vals.is_empty() {
                    return Err(self.t.error_at(fa.pos, &c.text, "wrong number of args for printf: want at least 1 got 0".to_string()));
                }
                let f = s(&vals[0]).map_err(err)?;
                str_val(sprintf(&f, &vals[1..]))
            }
            "eq" | "ne" | "lt" | "le" | "gt" | "ge" => {
                if name == "eq" {
                    if vals.len() < 2 {
                        return Err(err("missing argument for comparison".into()));
                    }
                    for other in &vals[1..] {
                        if compare(&vals[0], other).map_err(err)? == Some(std::cmp::Ordering::Equal) {
                            return Ok(Val::of(Value::Bool(true)));
                        }
                    }
                    return Ok(Val::of(Value::Bool(false)));
                }
                want(2)?;
                let ord = compare(&vals[0], &vals[1]).map_err(err)?;
                let r = match name {
                    "ne" => ord != Some(std::cmp::Ordering::Equal),
                    _ => {
                        let Some(o) = ord else { return Err(err("invalid type for comparison".into())) };
                        match name {
                            "lt" => o.is_lt(),
                            "le" => o.is_le(),
                            "gt" => o.is_gt(),
                            _ => o.is_ge(),
                        }
                    }
                };
                Ok(Val::of(Value::Bool(r)))
            }
            "html" | "js" | "urlquery" => {
                let text = vals.iter().map(|v| self.sprint(v)).collect::<String>();
                str_val(match name {
                    "html" => text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;"),
                    "js" => text.replace('\\', "\\\\").replace('\'', "\\'").replace('"', "\\\"").replace('<', "\\u003C").replace('>', "\\u003E"),
                    _ => text
                        .bytes()
                        .map(|b| {
                            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                                (b as char).to_string()
                            } else if b == b' ' {
                                "+".into()
                            } else {
                                format!("%{b:02X}")
                            }
                        })
                        .collect(),
                })
            }
            "call" => Err(err("rpod's templates have no function values".into())),
            "json" => {
                want(1)?;
                str_val(serde_json::to_string(&vals[0].json()).unwrap_or_default())
            }
            "lower" => {
                want(1)?;
                str_val(s(&vals[0]).map_err(err)?.to_lowercase())
            }
            "upper" => {
                want(1)?;
                str_val(s(&vals[0]).map_err(err)?.to_uppercase())
            }
            "title" => {
                want(1)?;
                str_val(go_title(&s(&vals[0]).map_err(err)?))
            }
            "truncate" => {
                want(2)?;
                let text = s(&vals[0]).map_err(err)?;
                let n = int(&vals[1]).map_err(err)?.max(0) as usize;
                // Go slices bytes; never split a character here.
                let mut end = n.min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                str_val(text[..end].to_string())
            }
            "pad" => {
                want(3)?;
                let text = s(&vals[0]).map_err(err)?;
                if text.is_empty() {
                    return str_val(text);
                }
                let (a, b) = (int(&vals[1]).map_err(err)?.max(0) as usize, int(&vals[2]).map_err(err)?.max(0) as usize);
                str_val(format!("{}{text}{}", " ".repeat(a.min(4096)), " ".repeat(b.min(4096))))
            }
            "join" => {
                want(2)?;
                let sep = s(&vals[1]).map_err(err)?;
                let items = match &vals[0] {
                    Val::V { v: Value::Array(a), .. } => a
                        .iter()
                        .map(|x| match x {
                            Value::String(s) => Ok(s.clone()),
                            _ => Err("wrong type for value; expected []string; got []interface {}".to_string()),
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(err)?,
                    Val::V { v: Value::Null, .. } => Vec::new(),
                    other => return Err(err(format!("wrong type for value; expected []string; got {}", type_name(other)))),
                };
                str_val(items.join(&sep))
            }
            "split" => {
                want(2)?;
                let text = s(&vals[0]).map_err(err)?;
                let sep = s(&vals[1]).map_err(err)?;
                let parts: Vec<Value> = if sep.is_empty() {
                    text.chars().map(|c| Value::String(c.to_string())).collect()
                } else {
                    text.split(sep.as_str()).map(|p| Value::String(p.to_string())).collect()
                };
                Ok(Val::of(Value::Array(parts)))
            }
            "humanSize" => {
                want(1)?;
                let n = match &vals[0] {
                    Val::V { v: Value::Number(n), .. } => n.as_f64().unwrap_or(0.0),
                    other => return Err(err(format!("wrong type for value; expected int64; got {}", type_name(other)))),
                };
                str_val(super::output::human_size(n.max(0.0) as u64))
            }
            _ => Err(self.t.error_at(fa.pos, &c.text, format!("function \"{name}\" not defined"))),
        }
    }
}

fn join_path(path: &str, f: &str) -> String {
    if path.is_empty() {
        f.to_string()
    } else {
        format!("{path}.{f}")
    }
}

/// Go's comparison for eq/lt/...: same basic kinds only (ints and floats mix).
fn compare(a: &Val, b: &Val) -> Result<Option<std::cmp::Ordering>, String> {
    let (x, y) = (a.json(), b.json());
    match (&x, &y) {
        (Value::Number(m), Value::Number(n)) => Ok(m.as_f64().partial_cmp(&n.as_f64())),
        (Value::String(m), Value::String(n)) => Ok(Some(m.cmp(n))),
        (Value::Bool(m), Value::Bool(n)) => Ok(if m == n { Some(std::cmp::Ordering::Equal) } else { None }),
        (Value::Null, Value::Null) => Ok(Some(std::cmp::Ordering::Equal)),
        (Value::Null, _) | (_, Value::Null) => Ok(None),
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => Err("non-comparable type".into()),
        _ => Err("incompatible types for comparison".into()),
    }
}

/// strings.Title: upper-case the first letter of each word.
fn go_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_letter = false;
    for c in s.chars() {
        if !prev_letter && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_letter = c.is_alphanumeric() || c == '_' || c == '\'';
    }
    out
}

/// Go's fmt.Sprintf for the verbs templates use: %s %v %d %q %t %f %e %g %x
/// %X %o %b %c %%, with flags `-+0 #` and width/precision.
fn sprintf(f: &str, args: &[Val]) -> String {
    let mut out = String::new();
    let mut it = f.chars().peekable();
    let mut argi = 0;
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut flags = String::new();
        while let Some(&x) = it.peek() {
            if "-+# 0".contains(x) {
                flags.push(x);
                it.next();
            } else {
                break;
            }
        }
        let mut width = String::new();
        while let Some(&x) = it.peek() {
            if x.is_ascii_digit() {
                width.push(x);
                it.next();
            } else {
                break;
            }
        }
        let mut prec: Option<usize> = None;
        if it.peek() == Some(&'.') {
            it.next();
            let mut p = String::new();
            while let Some(&x) = it.peek() {
                if x.is_ascii_digit() {
                    p.push(x);
                    it.next();
                } else {
                    break;
                }
            }
            prec = Some(p.parse().unwrap_or(0));
        }
        let Some(verb) = it.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(argi) else {
            let _ = write!(out, "%!{verb}(MISSING)");
            continue;
        };
        argi += 1;
        let v = arg.json();
        let body = match (verb, &v) {
            ('s' | 'v', _) => {
                let s = match arg {
                    Val::Missing => "<no value>".to_string(),
                    Val::V { v, map, .. } => go_print(v, *map),
                };
                match prec {
                    Some(p) if verb == 's' => s.chars().take(p).collect(),
                    _ => s,
                }
            }
            ('q', Value::String(s)) => serde_json::to_string(s).unwrap_or_default(),
            ('t', Value::Bool(b)) => b.to_string(),
            ('d', Value::Number(n)) if n.as_i64().is_some() => {
                let i = n.as_i64().unwrap_or(0);
                if flags.contains('+') && i >= 0 {
                    format!("+{i}")
                } else {
                    i.to_string()
                }
            }
            ('x' | 'X' | 'o' | 'b', Value::Number(n)) if n.as_i64().is_some() => {
                let i = n.as_i64().unwrap_or(0);
                match verb {
                    'x' => format!("{i:x}"),
                    'X' => format!("{i:X}"),
                    'o' => format!("{i:o}"),
                    _ => format!("{i:b}"),
                }
            }
            ('x', Value::String(s)) => hex::encode(s.as_bytes()),
            ('c', Value::Number(n)) => n.as_u64().and_then(|u| char::from_u32(u as u32)).map(String::from).unwrap_or_default(),
            ('f' | 'F', Value::Number(n)) => format!("{:.*}", prec.unwrap_or(6), n.as_f64().unwrap_or(0.0)),
            ('e', Value::Number(n)) => {
                let s = format!("{:.*e}", prec.unwrap_or(6), n.as_f64().unwrap_or(0.0));
                match s.split_once('e') {
                    Some((m, e)) => {
                        let (sign, d) = if let Some(d) = e.strip_prefix('-') { ('-', d) } else { ('+', e) };
                        format!("{m}e{sign}{d:0>2}")
                    }
                    None => s,
                }
            }
            ('g', Value::Number(n)) => go_number(n),
            _ => format!("%!{verb}({}={})", type_name(arg), go_print(&v, false)),
        };
        let w: usize = width.parse().unwrap_or(0);
        let len = body.chars().count();
        if len < w {
            let pad = w - len;
            if flags.contains('-') {
                out.push_str(&body);
                out.push_str(&" ".repeat(pad));
            } else if flags.contains('0') && matches!(verb, 'd' | 'f' | 'x' | 'X' | 'e' | 'g') {
                let (sign, digits) = if body.starts_with(['-', '+']) { body.split_at(1) } else { ("", body.as_str()) };
                out.push_str(sign);
                out.push_str(&"0".repeat(pad));
                out.push_str(digits);
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(&body);
            }
        } else {
            out.push_str(&body);
        }
    }
    if argi < args.len() {
        out.push_str("%!(EXTRA ");
        out.push_str(&args[argi..].iter().map(|a| format!("{}={}", type_name(a), go_print(&a.json(), false))).collect::<Vec<_>>().join(", "));
        out.push(')');
    }
    out
}

// ------------------------------------------------------------------ Podman's report layer

/// Podman's `report.IsJSON`: `json`, or `{{json .}}` alone.
pub fn is_json(format: &str) -> bool {
    let f = format.trim();
    if f == "json" {
        return true;
    }
    let Some(inner) = f.strip_prefix("{{").and_then(|x| x.strip_suffix("}}")) else { return false };
    let inner = inner.trim().trim_start_matches('-').trim_end_matches('-');
    let mut words = inner.split_whitespace();
    words.next() == Some("json") && words.next() == Some(".") && words.next().is_none()
}

/// A column title as Podman derives it from a field name: words of the
/// CamelCase name upper-cased (`CreatedAt` → `CREATED AT`, `ImageID` →
/// `IMAGE ID`), unless the command overrides it (`ID` → `CONTAINER ID`).
pub fn header_for(field: &str, overrides: &[(&str, &str)]) -> String {
    if let Some((_, h)) = overrides.iter().find(|(f, _)| *f == field) {
        return h.to_string();
    }
    let chars: Vec<char> = field.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_uppercase() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push(' ');
            }
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// Render a list command's `--format`: each row through the template (a
/// newline added unless it ends with one), and for `table` a header row
/// (unless `noheading`) and columns aligned as Podman's tabwriter does.
/// Output made before an error is returned with it, as Podman prints it.
pub fn render_rows(t: &Template, rows: &[Value], overrides: &[(&str, &str)], noheading: bool) -> (String, Option<TemplateError>) {
    render_lines(t, rows.iter().map(|r| t.execute(r)), overrides, noheading)
}

/// [`render_rows`] of rows built only to be printed: none is copied.
pub fn render_rows_owned(t: &Template, rows: Vec<Value>, overrides: &[(&str, &str)], noheading: bool) -> (String, Option<TemplateError>) {
    render_lines(t, rows.into_iter().map(|r| t.execute_owned(r)), overrides, noheading)
}

fn render_lines(
    t: &Template,
    rows: impl Iterator<Item = Result<String, TemplateError>>,
    overrides: &[(&str, &str)],
    noheading: bool,
) -> (String, Option<TemplateError>) {
    let mut lines = String::new();
    let mut err = None;
    if t.table && !noheading {
        match t.execute_header(&|f| header_for(f, overrides)) {
            Ok(h) => push_line(&mut lines, h),
            Err(e) => err = Some(e),
        }
    }
    if err.is_none() {
        for r in rows {
            match r {
                Ok(s) => push_line(&mut lines, s),
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
    }
    if t.table {
        let rows: Vec<Vec<String>> = lines.lines().map(|l| l.split('\t').map(str::to_string).collect()).collect();
        lines = super::output::table(&rows);
    }
    (lines, err)
}

/// Render a single value (info, version, inspect of one object).
pub fn render_one(t: &Template, v: &Value) -> Result<String, TemplateError> {
    let mut s = t.execute(v)?;
    if !s.ends_with('\n') {
        s.push('\n');
    }
    Ok(s)
}

fn push_line(out: &mut String, mut s: String) {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    out.push_str(&s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ps() -> Value {
        json!({
            "ID": "a532887372cb", "Names": "web", "State": "running", "Status": "Up 3 seconds ago",
            "Image": "127.0.0.1:5000/busybox:latest", "Labels": {"a": "b", "org.rpod.test": "busybox"},
            "Mounts": [], "Pid": 25849, "Exited": false, "Command": "sleep 1000",
            "Host": {"Distribution": {"Distribution": "debian", "Version": "13"}, "Arch": "amd64"},
            "Size": 1500000, "Ratio": 0.5, "Names2": ["web", "w2"], "Nil": null
        })
    }

    fn run(src: &str) -> Result<String, TemplateError> {
        Template::parse("ps", src)?.ranged().go_type("", "containers.psReporter").execute(&ps())
    }

    fn ok(src: &str) -> String {
        run(src).unwrap_or_else(|e| panic!("{src}: {e}"))
    }

    #[test]
    fn fields_nested_and_text() {
        assert_eq!(ok("{{.ID}} {{.Names}}"), "a532887372cb web");
        assert_eq!(ok("{{ .Host.Distribution.Distribution }}"), "debian");
        assert_eq!(ok("{{.Pid}} {{.Exited}} {{.Ratio}} {{.Names2}} {{.Mounts}}"), "25849 false 0.5 [web w2] []");
        assert_eq!(ok("{{.Labels}}"), "map[a:b org.rpod.test:busybox]");
        assert_eq!(ok("{{.Host.Distribution}}"), "{debian 13}");
        assert_eq!(ok("{{.Nil}}"), "<nil>");
        assert!(ok("{{.}}").starts_with('{'));
    }

    #[test]
    fn missing_struct_field_is_podmans_error() {
        assert_eq!(run("{{.Nope}}").unwrap_err().0, "template: ps:1:13: executing \"ps\" at <.Nope>: can't evaluate field Nope in type containers.psReporter");
        assert_eq!(
            run("{{.ID}} {{.Nope}}").unwrap_err().0,
            "template: ps:1:21: executing \"ps\" at <.Nope>: can't evaluate field Nope in type containers.psReporter"
        );
        assert_eq!(
            run("{{.ID}}{{\"\\n\"}}{{.Nope}}").unwrap_err().0,
            "template: ps:1:28: executing \"ps\" at <.Nope>: can't evaluate field Nope in type containers.psReporter"
        );
        let info = Template::parse("info", "{{.Host.Nope}}").unwrap().go_type("", "*define.Info").go_type("Host", "*define.HostInfo");
        assert_eq!(
            info.execute(&ps()).unwrap_err().0,
            "template: info:1:7: executing \"info\" at <.Host.Nope>: can't evaluate field Nope in type *define.HostInfo"
        );
        // Second line: the column counts from the line start.
        assert!(run("{{.ID}}\n  {{.Nope}}").unwrap_err().0.starts_with("template: ps:2:4: "));
    }

    #[test]
    fn missing_map_key_is_no_value() {
        assert_eq!(ok("{{.Labels.nope}}"), "<no value>");
        assert_eq!(ok("{{index .Labels \"a\"}}|{{index .Labels \"zz\"}}|"), "b||");
        assert_eq!(ok("{{.Labels.a}}"), "b");
    }

    #[test]
    fn json_function() {
        assert_eq!(ok("{{json .Labels}}"), r#"{"a":"b","org.rpod.test":"busybox"}"#);
        assert_eq!(ok("{{json .Names2}}"), r#"["web","w2"]"#);
        assert_eq!(ok("{{json .Names}}"), r#""web""#);
        assert_eq!(ok("{{.Labels | json}}"), r#"{"a":"b","org.rpod.test":"busybox"}"#);
        assert!(ok("{{json .}}").starts_with(r#"{"Command":"sleep 1000","#));
    }

    #[test]
    fn control_structures() {
        assert_eq!(ok("{{if eq .State \"running\"}}R{{else}}N{{end}}"), "R");
        assert_eq!(ok("{{if .Exited}}E{{else if .Pid}}P{{else}}N{{end}}"), "P");
        assert_eq!(ok("{{if not .Exited}}up{{end}}"), "up");
        assert_eq!(ok("{{with .Labels}}{{.a}}{{else}}none{{end}}"), "b");
        assert_eq!(ok("{{with .Mounts}}m{{else}}none{{end}}"), "none");
        assert_eq!(ok("{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}"), "a=b;org.rpod.test=busybox;");
        assert_eq!(ok("{{range .Names2}}<{{.}}>{{end}}"), "<web><w2>");
        assert_eq!(ok("{{range $i, $n := .Names2}}{{$i}}:{{$n}} {{end}}"), "0:web 1:w2 ");
        assert_eq!(ok("{{range .Mounts}}x{{else}}empty{{end}}"), "empty");
        assert_eq!(ok("{{range .Names2}}{{if eq . \"w2\"}}{{break}}{{end}}{{.}}{{end}}"), "web");
        assert_eq!(ok("{{range .Names2}}{{if eq . \"web\"}}{{continue}}{{end}}{{.}}{{end}}"), "w2");
        assert_eq!(ok("{{range .Names2}}{{$.ID}} {{end}}"), "a532887372cb a532887372cb ");
        assert_eq!(ok("{{$n := .Names}}{{$n}}{{$n = \"x\"}}{{$n}}"), "webx");
        // `$` is the data (copied only when used), also inside `with`, and
        // what was assigned to it afterwards.
        assert_eq!(ok("{{$.Names}} {{with .Host}}{{$.ID}} {{.Arch}}{{end}} {{$.Host.Distribution.Version}}"), "web a532887372cb amd64 13");
        assert_eq!(ok("{{$ = .Host}}{{$.Arch}}"), "amd64");
        assert!(run("{{$.Nope}}").unwrap_err().0.ends_with("executing \"ps\" at <$.Nope>: can't evaluate field Nope in type containers.psReporter"));
        assert_eq!(ok("{{and .Pid .Names}} {{or .Exited .State}} {{and .Exited .Pid}}"), "web running false");
        assert_eq!(run("{{range .Names}}x{{end}}").unwrap_err().0, "template: ps:1:19: executing \"ps\" at <.Names>: range can't iterate over web");
    }

    #[test]
    fn field_names_are_what_a_template_can_read() {
        let names = |src: &str| Template::parse("ps", src).unwrap().field_names().map(|s| s.into_iter().map(String::from).collect::<Vec<_>>());
        assert_eq!(names("{{.ID}}\t{{.Names}}"), Some(vec!["ID".into(), "Names".into()]));
        assert_eq!(
            names("table {{.ID}} {{if .Exited}}{{.ExitCode}}{{else}}{{$.Status}}{{end}}"),
            Some(vec!["ExitCode".into(), "Exited".into(), "ID".into(), "Status".into()])
        );
        assert_eq!(
            names("{{with .Labels}}{{.a}}{{end}} {{range $k, $v := .Host}}{{$k}}{{end}} {{(index .Names2 0) | upper}} {{(.Host).Arch}}"),
            Some(vec!["Arch".into(), "Host".into(), "Labels".into(), "Names2".into(), "a".into()])
        );
        assert_eq!(names("{{.Names}} {{json .}}"), None);
        assert_eq!(names("{{range .Names2}}{{.}}{{end}}"), None);
        assert_eq!(names("{{$}}"), None);
        assert_eq!(names("plain text"), Some(vec![]));
    }

    #[test]
    fn rows_render_the_same_borrowed_or_owned() {
        let t = Template::parse("ps", "table {{.ID}} {{.Labels.a}} {{$.Names}} {{.Host.Arch}}").unwrap().ranged();
        let rows = vec![ps(), ps()];
        assert_eq!(render_rows(&t, &rows, &[], false), render_rows_owned(&t, rows.clone(), &[], false));
        let bad = Template::parse("ps", "{{.ID}} {{.Nope.x}}").unwrap().ranged().go_type("", "containers.psReporter");
        let (b, o) = (render_rows(&bad, &rows, &[], false), render_rows_owned(&bad, rows, &[], false));
        assert_eq!(b, o);
        assert!(b.1.is_some_and(|e| e.0.contains("can't evaluate field Nope")));
    }

    #[test]
    fn pipelines_and_functions() {
        assert_eq!(ok("{{.Names | upper}} {{.State | printf \"%-10s|\"}} {{len .Names}}"), "WEB running   | 3");
        assert_eq!(ok("{{printf \"%s-%d-%5.2f-%q-%v-%t\" .Names .Pid .Ratio .Names .Names2 .Exited}}"), "web-25849- 0.50-\"web\"-[web w2]-false");
        assert_eq!(ok("{{truncate .ID 4}} {{title .Status}} {{lower \"ABC\"}} {{pad .Names 2 3}}|"), "a532 Up 3 Seconds Ago abc   web   |");
        assert_eq!(
            ok("{{split .Image \"/\"}} {{join .Names2 \",\"}} {{index (split .Image \"/\") 1}}"),
            "[127.0.0.1:5000 busybox:latest] web,w2 busybox:latest"
        );
        assert_eq!(ok("{{humanSize .Size}} {{len .Labels}} {{index .Names2 1}} {{slice .ID 0 3}}"), "1.5 MB 2 w2 a53");
        assert_eq!(ok("{{(index .Names2 0) | upper}} {{(.Host).Arch}}"), "WEB amd64");
        assert_eq!(ok("{{print .Pid .Exited}} {{print \"a\" \"b\"}} {{println .Names}}"), "25849 false ab web\n");
        assert_eq!(ok("{{lt 1 2}} {{ge .Pid 100}} {{ne .Names \"x\"}} {{eq .Names \"x\" \"web\"}}"), "true true true true");
        assert!(run("{{index .Names2 5}}").unwrap_err().0.contains("error calling index: index out of range: 5"));
        assert!(run("{{join .Names}}").unwrap_err().0.contains("wrong number of args for join: want 2 got 1"));
    }

    #[test]
    fn escapes_trim_and_comments() {
        assert_eq!(ok("{{.Names}}{{\"\\t\"}}{{.ID}}"), "web\ta532887372cb");
        assert_eq!(ok("{{.Names}}\\t{{.ID}}\\n"), "web\ta532887372cb\n");
        assert_eq!(ok("{{`raw\\n`}}"), "raw\\n");
        assert_eq!(ok("{{ .Names }} {{- \" x\" -}} {{ .Pid }} {{/* c */}}"), "web x25849 ");
        assert_eq!(ok("a {{- /* c */ -}} b"), "ab");
    }

    #[test]
    fn parse_errors_in_gos_words() {
        assert_eq!(run("{{.Nope").unwrap_err().0, "template: ps:1: unclosed action");
        assert_eq!(run("{{nope .Names}}").unwrap_err().0, "template: ps:1: function \"nope\" not defined");
        assert_eq!(run("{{if .Pid}}x").unwrap_err().0, "template: ps:1: unexpected EOF");
        assert_eq!(run("{{end}}").unwrap_err().0, "template: ps:1: unexpected {{end}}");
        assert_eq!(run("{{$x}}").unwrap_err().0, "template: ps:1: undefined variable \"$x\"");
        assert!(run("{{template \"x\"}}").is_err());
        assert!(run("{{ {{ }}").unwrap_err().0.contains("bad character U+007B '{'"));
        assert!(run("{{break}}").is_err());
    }

    #[test]
    fn table_headers_and_alignment() {
        let rows = vec![ps(), json!({"ID": "ad6686e4e1d9", "Names": "c2", "Labels": {}, "CreatedAt": "x"})];
        let t = Template::parse("ps", "table {{.ID}} {{.Names}}").unwrap().ranged();
        let (out, err) = render_rows(&t, &rows, &[("ID", "CONTAINER ID")], false);
        assert!(err.is_none());
        assert_eq!(out, "CONTAINER ID  NAMES\na532887372cb  web\nad6686e4e1d9  c2\n");
        let (out, _) = render_rows(&t, &rows, &[("ID", "CONTAINER ID")], true);
        assert_eq!(out, "a532887372cb  web\nad6686e4e1d9  c2\n");
        let t = Template::parse("ps", "table {{.ID}}:{{.Names}} x {{.Names | upper}}").unwrap();
        let (out, _) = render_rows(&t, &rows[..1], &[("ID", "CONTAINER ID")], false);
        assert_eq!(out, "CONTAINER ID:NAMES  x           NAMES\na532887372cb:web    x           WEB\n");
        assert_eq!(header_for("CreatedAt", &[]), "CREATED AT");
        assert_eq!(header_for("ImageID", &[]), "IMAGE ID");
        assert_eq!(header_for("RunningFor", &[]), "RUNNING FOR");
        assert_eq!(header_for("ID", &[]), "ID");
        // Non-table: no header, tabs kept, output before an error is kept.
        let t = Template::parse("ps", "{{.ID}}\\t{{.Names}}").unwrap();
        assert_eq!(render_rows(&t, &rows, &[], false).0, "a532887372cb\tweb\nad6686e4e1d9\tc2\n");
        let t = Template::parse("ps", "{{.Labels.a}}{{.Image}}").unwrap();
        let (out, err) = render_rows(&t, &rows, &[], false);
        assert_eq!(out, "b127.0.0.1:5000/busybox:latest\n");
        assert!(err.unwrap().0.contains("can't evaluate field Image"));
    }

    #[test]
    fn json_detection() {
        for f in ["json", "{{json .}}", "{{ json . }}", " {{json .}} "] {
            assert!(is_json(f), "{f}");
        }
        for f in ["{{json .Labels}}", "{{.ID}}", "table"] {
            assert!(!is_json(f), "{f}");
        }
    }

    #[test]
    fn hostile_templates_stay_bounded() {
        // Deep nesting and huge pads neither panic nor allocate without bound.
        let deep = "{{".to_string() + &"(".repeat(50) + ".ID" + &")".repeat(50) + "}}";
        assert_eq!(ok(&deep), "a532887372cb");
        assert_eq!(ok("{{pad .Names 100000000 0}}").len(), 4096 + 3);
        assert!(run("{{printf}}").is_err());
        assert_eq!(ok("{{printf \"%d %s\" 1}}"), "1 %!s(MISSING)");
        assert!(run("{{\"\\xZZ\"}}").is_err());
        assert!(run("{{index .Names2 -1}}").is_err());
        assert!(run("{{slice .ID 5 3}}").is_err(), "bad slice bounds are an error, not a panic");
    }
}
