//! Platforms (`os/arch[/variant]`) and choosing one from an image index.

use std::fmt;

use anyhow::{bail, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

/// Go's GOARCH name for a Rust target architecture.
pub fn go_arch(rust_arch: &str) -> &str {
    match rust_arch {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "arm" => "arm",
        "powerpc64" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        other => other,
    }
}

fn normalize_arch(arch: &str, variant: Option<String>) -> (String, Option<String>) {
    match arch {
        "x86_64" | "x86-64" => ("amd64".into(), None),
        "aarch64" => ("arm64".into(), variant.filter(|v| v != "v8")),
        "arm64" => ("arm64".into(), variant.filter(|v| v != "v8")),
        a => (a.to_string(), variant),
    }
}

impl Platform {
    /// The platform rpod runs on.
    pub fn host() -> Platform {
        Platform { os: "linux".into(), arch: go_arch(std::env::consts::ARCH).into(), variant: None }
    }

    /// From `--platform os/arch[/variant]` and `--os`, `--arch`, `--variant`
    /// (the separate flags override the parts of `--platform`).
    pub fn from_flags(platform: Option<&str>, os: Option<&str>, arch: Option<&str>, variant: Option<&str>) -> Result<Platform> {
        let mut p = Platform::host();
        if let Some(s) = platform {
            let parts: Vec<&str> = s.split('/').collect();
            match parts.as_slice() {
                [o, a] if !o.is_empty() && !a.is_empty() => {
                    p.os = o.to_string();
                    p.arch = a.to_string();
                }
                [o, a, v] if !o.is_empty() && !a.is_empty() && !v.is_empty() => {
                    p.os = o.to_string();
                    p.arch = a.to_string();
                    p.variant = Some(v.to_string());
                }
                _ => bail!("invalid platform {s:?}: expected os/arch[/variant], e.g. linux/arm64"),
            }
        }
        if let Some(o) = os {
            p.os = o.to_string();
        }
        if let Some(a) = arch {
            p.arch = a.to_string();
        }
        if let Some(v) = variant {
            p.variant = Some(v.to_string());
        }
        let (arch, variant) = normalize_arch(&p.arch, p.variant);
        Ok(Platform { os: p.os, arch, variant })
    }

    /// Whether an index entry's platform is this one.
    pub fn matches(&self, os: &str, arch: &str, variant: Option<&str>) -> bool {
        let (arch, variant) = normalize_arch(arch, variant.map(str::to_string));
        self.os == os && self.arch == arch && (self.variant.is_none() || self.variant == variant)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        let p = Platform::from_flags(Some("linux/arm64/v8"), None, None, None).unwrap();
        assert_eq!(p.to_string(), "linux/arm64");
        assert!(p.matches("linux", "arm64", Some("v8")));
        let p = Platform::from_flags(None, None, Some("arm"), Some("v7")).unwrap();
        assert!(p.matches("linux", "arm", Some("v7")));
        assert!(!p.matches("linux", "arm", Some("v6")));
        assert!(Platform::from_flags(Some("linux"), None, None, None).is_err());
        assert!(Platform::from_flags(Some("a/b/c/d"), None, None, None).is_err());
    }
}
