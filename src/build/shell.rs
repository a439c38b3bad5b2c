//! Variable expansion as Docker's builder does it for `FROM`, `COPY`,
//! `ADD`, `ENV`, `LABEL`, `WORKDIR`, `USER`, `EXPOSE`, `VOLUME`,
//! `STOPSIGNAL` and `ARG`: `$NAME`, `${NAME}`, `${NAME:-word}`,
//! `${NAME:+word}`, `${NAME-word}`, `${NAME+word}`; single quotes are
//! literal, double quotes expand, a backslash escapes the next character,
//! and quotes are removed. `RUN`, `CMD` and `ENTRYPOINT` are not expanded
//! here: the shell in the container does it with the same variables.

/// Expand one word (quotes removed). `get` returns a variable's value.
pub fn expand(s: &str, get: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    expand_noting_unset(s, get, &|_| {})
}

/// [`expand`], calling `unset` with the name of each variable that is not
/// set where its value is used as it is (`$X`, `${X}`; a `${X:-default}`
/// or `${X+alt}` decides for itself and is never reported).
pub fn expand_noting_unset(s: &str, get: &dyn Fn(&str) -> Option<String>, unset: &dyn Fn(&str)) -> Result<String, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (None, '\'') | (None, '"') => {
                quote = Some(c);
                i += 1;
            }
            (Some(q), c) if c == q => {
                quote = None;
                i += 1;
            }
            (Some('\''), c) => {
                out.push(c);
                i += 1;
            }
            (_, '\\') => {
                if let Some(&n) = chars.get(i + 1) {
                    // Inside double quotes only \" \\ \$ are escapes.
                    if quote == Some('"') && !matches!(n, '"' | '\\' | '$') {
                        out.push('\\');
                    }
                    out.push(n);
                    i += 2;
                } else {
                    out.push('\\');
                    i += 1;
                }
            }
            (_, '$') => {
                let (v, next) = variable(&chars, i + 1, get, unset)?;
                out.push_str(&v);
                i = next;
            }
            (_, c) => {
                out.push(c);
                i += 1;
            }
        }
    }
    if let Some(q) = quote {
        return Err(format!("unterminated quote {q} in {s:?}"));
    }
    Ok(out)
}

fn is_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A variable reference after `$` at `i`: its value and the index after it.
fn variable(chars: &[char], i: usize, get: &dyn Fn(&str) -> Option<String>, unset: &dyn Fn(&str)) -> Result<(String, usize), String> {
    match chars.get(i) {
        Some('{') => {
            let mut j = i + 1;
            let start = j;
            while j < chars.len() && is_name(chars[j]) {
                j += 1;
            }
            let name: String = chars[start..j].iter().collect();
            if name.is_empty() {
                return Err("bad substitution: ${} needs a variable name".into());
            }
            let value = get(&name);
            if chars.get(j) == Some(&'}') {
                if value.is_none() {
                    unset(&name);
                }
                return Ok((value.unwrap_or_default(), j + 1));
            }
            let (colon, op_at) = if chars.get(j) == Some(&':') { (true, j + 1) } else { (false, j) };
            let op = *chars.get(op_at).ok_or("bad substitution: missing }")?;
            if op != '-' && op != '+' {
                return Err(format!("bad substitution: unsupported modifier {op:?} in ${{{name}...}}"));
            }
            // The word runs to the matching brace; it is expanded itself.
            let mut k = op_at + 1;
            let mut depth = 1;
            let wstart = k;
            while k < chars.len() {
                match chars[k] {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            if k >= chars.len() {
                return Err("bad substitution: missing }".into());
            }
            let word: String = chars[wstart..k].iter().collect();
            let set = match &value {
                Some(v) => !colon || !v.is_empty(),
                None => false,
            };
            let result = match op {
                '-' if set => value.unwrap_or_default(),
                '-' => expand_noting_unset(&word, get, unset)?,
                _ if set => expand_noting_unset(&word, get, unset)?,
                _ => String::new(),
            };
            Ok((result, k + 1))
        }
        Some(&c) if is_name(c) => {
            let mut j = i;
            while j < chars.len() && is_name(chars[j]) {
                j += 1;
            }
            let name: String = chars[i..j].iter().collect();
            let value = get(&name);
            if value.is_none() {
                unset(&name);
            }
            Ok((value.unwrap_or_default(), j))
        }
        _ => Ok(("$".into(), i)),
    }
}

/// Expand each of `words` (already split by [`super::parser::split_words`]).
pub fn expand_all(words: &[String], get: &dyn Fn(&str) -> Option<String>) -> Result<Vec<String>, String> {
    words.iter().map(|w| expand(w, get)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(n: &str) -> Option<String> {
        match n {
            "A" => Some("alpha".into()),
            "E" => Some(String::new()),
            "P" => Some("/opt/app".into()),
            _ => None,
        }
    }

    #[test]
    fn forms() {
        assert_eq!(expand("$A/${A}x", &env).unwrap(), "alpha/alphax");
        assert_eq!(expand("${NO:-def}-${E:-d2}-${E-d3}-${A:+set}-${NO:+x}", &env).unwrap(), "def-d2--set-");
        assert_eq!(expand("${NO:-$P/bin}", &env).unwrap(), "/opt/app/bin");
        assert_eq!(expand("'$A' \"$A\" \\$A", &env).unwrap(), "$A alpha $A");
        assert_eq!(expand("\"two words\"", &env).unwrap(), "two words");
        assert_eq!(expand("cost $5 and $", &env).unwrap(), "cost  and $");
        assert!(expand("${A", &env).is_err());
        assert!(expand("${A/x/y}", &env).is_err());
        assert!(expand("\"open", &env).is_err());
    }

    #[test]
    fn unset_reported_only_where_used_plainly() {
        let seen = std::cell::RefCell::new(Vec::new());
        let note = |n: &str| seen.borrow_mut().push(n.to_string());
        let v = expand_noting_unset("busybox:$TAG-${NO:-d}-${A:+$ALT}-${NO2+x}-${MISSING}", &env, &note).unwrap();
        assert_eq!(v, "busybox:-d---");
        assert_eq!(*seen.borrow(), ["TAG", "ALT", "MISSING"]);
    }
}
