//! Generated container names: `adjective_surname`, as Docker and Podman make
//! them, from a space large enough (over 10,000 plain names) that a random
//! pick rarely collides, with a bounded fallback for when it does.
//!
//! This module only proposes names; whether one is free is the store's
//! business (see [`super::ContainerStore::create`]).

/// The word lists a generator draws from. Tests inject tiny ones.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub adjectives: &'static [&'static str],
    pub surnames: &'static [&'static str],
}

impl Words {
    /// The built-in lists.
    pub const DEFAULT: Words = Words { adjectives: ADJECTIVES, surnames: SURNAMES };

    /// How many plain `adjective_surname` names there are.
    pub fn plain_count(&self) -> usize {
        self.adjectives.len() * self.surnames.len()
    }

    /// The candidate for attempt `attempt` (0-based), built from `random`
    /// (at least 8 bytes, fresh for each attempt). Attempts 0–4 give plain
    /// names; 5–9 append one digit and 10–14 two digits (as Podman appends
    /// digits on retry); from 15 on, `_` and 8 random hex digits. The caller
    /// bounds the number of attempts ([`MAX_ATTEMPTS`]).
    pub fn candidate(&self, attempt: usize, random: &[u8]) -> String {
        let pick = |list: &[&str], a: u8, b: u8| list[(usize::from(a) << 8 | usize::from(b)) % list.len()].to_string();
        let base = format!("{}_{}", pick(self.adjectives, random[0], random[1]), pick(self.surnames, random[2], random[3]));
        match attempt {
            0..=4 => base,
            5..=9 => format!("{base}{}", random[4] % 10),
            10..=14 => format!("{base}{}{}", random[4] % 10, random[5] % 10),
            _ => format!("{base}_{}", hex::encode(&random[4..8])),
        }
    }
}

/// Attempts before giving up: 15 from the plain and digit-suffixed names,
/// then 5 with 32 random bits each (a miss there means something is wrong).
pub const MAX_ATTEMPTS: usize = 20;

#[rustfmt::skip] // one word a line would make 245 lines
const ADJECTIVES: &[&str] = &[
    "able", "agile", "amber", "ample", "amused", "ancient", "ardent", "azure", "balmy", "blithe", "bold", "brave", "breezy", "bright", "brisk", "calm",
    "candid", "careful", "cheerful", "civil", "clever", "cosmic", "cozy", "crisp", "curious", "dapper", "daring", "dazzling", "deft", "devoted", "eager",
    "earnest", "easy", "elated", "elegant", "epic", "exact", "fair", "famous", "fearless", "festive", "fluent", "focused", "fond", "frank", "friendly",
    "gallant", "gentle", "gifted", "glad", "golden", "graceful", "grand", "happy", "hardy", "hearty", "helpful", "honest", "hopeful", "humble", "jolly",
    "jovial", "joyful", "keen", "kind", "lively", "loyal", "lucid", "lucky", "mellow", "merry", "mighty", "modest", "neat", "nifty", "noble", "patient",
    "peaceful", "placid", "plucky", "polite", "proud", "quick", "quiet", "quirky", "radiant", "rapid", "relaxed", "robust", "rosy", "serene", "sharp",
    "shiny", "silent", "sincere", "smart", "snappy", "sober", "solid", "spry", "steady", "sturdy", "sunny", "swift", "tender", "thrifty", "tidy",
    "tranquil", "trusty", "upbeat", "valiant", "vibrant", "vivid", "warm", "wise", "witty", "youthful", "zany", "zealous", "zesty",
];

/// Surnames of scientists and mathematicians, in plain ASCII.
#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "agnesi", "ampere", "archimedes", "avogadro", "babbage", "banach", "bardeen", "bell", "bernoulli", "bohr", "boltzmann", "boole", "born", "bose",
    "boyle", "bragg", "brahe", "cantor", "carson", "cauchy", "cavendish", "chandrasekhar", "copernicus", "crick", "curie", "dalton", "darwin",
    "descartes", "dirac", "doppler", "einstein", "euclid", "euler", "faraday", "fermat", "fermi", "feynman", "fibonacci", "fourier", "franklin",
    "galileo", "galois", "galvani", "gauss", "gibbs", "godel", "goodall", "hawking", "heisenberg", "herschel", "hertz", "hilbert", "hodgkin", "hooke",
    "hopper", "hubble", "humboldt", "huygens", "hypatia", "jacobi", "joule", "kelvin", "kepler", "khayyam", "kirchhoff", "kovalevskaya", "lagrange",
    "lamarck", "laplace", "lavoisier", "leakey", "leavitt", "leibniz", "lemaitre", "linnaeus", "lister", "lorentz", "lovelace", "mach", "maxwell",
    "mcclintock", "meitner", "mendel", "mendeleev", "michelson", "mirzakhani", "morse", "newton", "nobel", "noether", "ohm", "oppenheimer", "pascal",
    "pasteur", "pauli", "pauling", "planck", "poincare", "ptolemy", "ramanujan", "riemann", "roentgen", "rutherford", "sagan", "salk", "schrodinger",
    "shannon", "snell", "somerville", "stokes", "tesla", "thomson", "turing", "venn", "volta", "wallace", "watt", "weber", "wegener", "wiles",
    "wright", "wu", "yalow", "yukawa", "zuse",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_large_plain_and_distinct() {
        let w = Words::DEFAULT;
        assert!(w.plain_count() >= 10_000, "only {} plain names", w.plain_count());
        for list in [w.adjectives, w.surnames] {
            let mut seen = std::collections::BTreeSet::new();
            for word in list {
                assert!(!word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()), "{word:?}");
                assert!(seen.insert(word), "{word:?} twice");
            }
        }
    }

    #[test]
    fn candidates_grow_a_suffix_with_the_attempt() {
        let w = Words { adjectives: &["brave"], surnames: &["curie"] };
        let r = [7, 1, 2, 3, 0x4d, 0x2a, 0xbe, 0xef];
        assert_eq!(w.candidate(0, &r), "brave_curie");
        assert_eq!(w.candidate(5, &r), "brave_curie7"); // 0x4d = 77
        assert_eq!(w.candidate(10, &r), "brave_curie72"); // 0x2a = 42
        assert_eq!(w.candidate(15, &r), "brave_curie_4d2abeef");
        assert_eq!(w.candidate(MAX_ATTEMPTS - 1, &r), "brave_curie_4d2abeef");
    }
}
