//! Drawing a pull's progress on the terminal in Podman's shape (the engine
//! reports events through [`PullProgress`]; this is the only place bars are
//! drawn).

use std::io::IsTerminal;
use std::sync::Arc;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::engine::pull::{LayerProgress, PullProgress};
use crate::storage::Digest;

/// Bars on stderr when it is a terminal; otherwise warnings only.
pub struct TerminalProgress {
    multi: Option<MultiProgress>,
}

impl TerminalProgress {
    /// `quiet` (`-q`) keeps only warnings.
    pub fn shared(quiet: bool) -> Arc<dyn PullProgress> {
        let bars = !quiet && std::io::stderr().is_terminal();
        Arc::new(TerminalProgress { multi: bars.then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr())) })
    }
}

impl PullProgress for TerminalProgress {
    fn message(&self, line: &str) {
        if let Some(m) = &self.multi {
            let _ = m.println(line);
        }
    }
    fn warning(&self, line: &str) {
        match &self.multi {
            Some(m) => {
                let _ = m.println(format!("WARNING: {line}"));
            }
            None => eprintln!("WARNING: {line}"),
        }
    }
    fn layer(&self, digest: &Digest, size: u64) -> Box<dyn LayerProgress> {
        match &self.multi {
            Some(m) => {
                let b = m.add(ProgressBar::new(size));
                b.set_style(
                    ProgressStyle::with_template("Copying blob {msg} [{wide_bar}] {bytes} / {total_bytes}").expect("static template").progress_chars("=> "),
                );
                b.set_message(digest.short().to_string());
                Box::new(Bar(b))
            }
            None => Box::new(Bar(ProgressBar::hidden())),
        }
    }
    fn can_prompt(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
    }
    /// A numbered list on stdout and a line read from stdin (Podman draws an
    /// arrow-key menu; the choice is the same).
    fn choose(&self, label: &str, items: &[String]) -> anyhow::Result<usize> {
        use std::io::{BufRead, Read, Write};
        let mut out = std::io::stdout().lock();
        writeln!(out, "? {label}:")?;
        for (i, item) in items.iter().enumerate() {
            writeln!(out, "  {}) {item}", i + 1)?;
        }
        write!(out, "Enter a number [1-{}]: ", items.len())?;
        out.flush()?;
        drop(out);
        let mut line = String::new();
        std::io::stdin().lock().take(64).read_line(&mut line)?;
        match line.trim().parse::<usize>() {
            Ok(n) if (1..=items.len()).contains(&n) => Ok(n - 1),
            _ => anyhow::bail!("{label}: no valid selection ({:?})", line.trim()),
        }
    }
}

struct Bar(ProgressBar);

impl LayerProgress for Bar {
    fn advance(&self, bytes: u64) {
        self.0.inc(bytes);
    }
    fn finish(&self, skipped: bool) {
        let short = self.0.message();
        self.0.finish_with_message(if skipped { format!("{short} skipped: already exists") } else { format!("{short} done") });
    }
}
