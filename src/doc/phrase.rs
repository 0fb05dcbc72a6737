//! Every sentence, caption and title the program writes into a report, as data: the
//! templates of `data/kerangka/frasa.json` (embedded), each under a stable id, with
//! `{{ name }}` placeholders for the values the builder fills in (the names each
//! template uses are its own; a bundle's override may also cite any computed figure,
//! `{{ IKU1.capaian }}`). A reviewer proofreads every generated Indonesian sentence in
//! that one file; a bundle replaces any of them in `frasa` (`check` refuses an unknown id
//! or a placeholder the template cannot fill).
//!
//! This module never decides content: it only looks a template up and fills it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The phrase file, embedded.
pub const DEFAULT_JSON: &str = include_str!("../../data/kerangka/frasa.json");

/// The default templates by id (the file's `_` entries are comments and skipped).
pub fn defaults() -> &'static BTreeMap<String, String> {
    static D: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    D.get_or_init(|| {
        let all: BTreeMap<String, String> = serde_json::from_str(DEFAULT_JSON).unwrap_or_default();
        all.into_iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .collect()
    })
}

/// The placeholders a phrase fills itself: those of its default template.
pub fn own_names(id: &str) -> BTreeSet<String> {
    defaults()
        .get(id)
        .map(|t| {
            crate::figures::placeholders(t)
                .into_iter()
                .filter_map(Result::ok)
                .collect()
        })
        .unwrap_or_default()
}

/// The template of `id`: the bundle's override, else the default, else the id itself in
/// brackets (a test checks that every id the builder uses has a default).
pub fn template<'a>(over: &'a BTreeMap<String, String>, id: &str) -> std::borrow::Cow<'a, str> {
    match over.get(id) {
        Some(t) => t.as_str().into(),
        None => match defaults().get(id) {
            Some(t) => t.as_str().into(),
            None => format!("[{id}]").into(),
        },
    }
}

/// Fill a template: its own values first, then the computed figures' names.
pub fn fill(template: &str, vars: &[(&str, &str)], names: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else { break };
        out.push_str(&rest[..i]);
        let name = after[..j].trim();
        match vars.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => match names.get(name) {
                Some(v) => out.push_str(v),
                None => out.push_str(&rest[i..i + 2 + j + 2]),
            },
        }
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `say("id"` / `phrase::text(.., "id"` in the builder's sources names a default
    /// template, and every default template is used.
    #[test]
    fn every_phrase_used_exists_and_every_phrase_is_used() {
        let sources = [
            include_str!("build.rs"),
            include_str!("chapters.rs"),
            include_str!("charts.rs"),
            include_str!("parts.rs"),
            include_str!("tables.rs"),
            include_str!("outline.rs"),
        ];
        let mut used = BTreeSet::new();
        for src in sources {
            for (i, _) in src.match_indices("say(\"") {
                let rest = &src[i + 5..];
                if let Some(end) = rest.find('"') {
                    used.insert(rest[..end].to_string());
                }
            }
        }
        let known: BTreeSet<String> = defaults().keys().cloned().collect();
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "phrases used without a template: {missing:?}"
        );
        // A template is used when its id is written as a literal somewhere.
        let unused: Vec<_> = known
            .iter()
            .filter(|id| !sources.iter().any(|src| src.contains(&format!("\"{id}\""))))
            .collect();
        assert!(unused.is_empty(), "templates no code uses: {unused:?}");
    }

    #[test]
    fn fill_prefers_the_phrases_own_values_and_keeps_unknown_names() {
        let names = BTreeMap::from([("IKU1.capaian".to_string(), "100,14%".to_string())]);
        assert_eq!(
            fill(
                "{{ a }} dan {{IKU1.capaian}} {{ x }}",
                &[("a", "A")],
                &names
            ),
            "A dan 100,14% {{ x }}"
        );
    }
}
