//! Every sentence, caption and title the program writes into a report, as data: the
//! templates of `data/kerangka/frasa.json` (embedded), each under a stable id, with
//! `{{ name }}` placeholders for the values the builder fills in (the names each
//! template uses are its own; a bundle's override may also cite any computed figure,
//! `{{ IKU1.capaian }}`). A reviewer proofreads every generated Indonesian sentence in
//! that one file; a bundle replaces any of them in `frasa` (`check` refuses an unknown id
//! or a placeholder the template cannot fill).
//!
//! This module never decides content: it looks a template up, fills it, and checks a
//! bundle's overrides. Joins that are punctuation only ("{}, {}", "“{}”") stay in the builder.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::bundle::diag::did_you_mean;
use crate::bundle::validate::Finding;
use crate::bundle::{Bundle, Severity};

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

/// The lines of a default template without placeholders (`tte.catatan`: the notice in the
/// footer of an electronically signed report); empty for an unknown id.
pub fn default_lines(id: &str) -> Vec<String> {
    defaults()
        .get(id)
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
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

/// Fill a template: its own values first, then the computed figures' names; a name
/// neither knows stays as written.
pub fn fill(template: &str, vars: &[(&str, &str)], names: &BTreeMap<String, String>) -> String {
    fill_styled(template, vars, names, &[])
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// Fill a template into runs of text, each with whether it is one of the values named
/// in `italic` (adjacent runs of the same kind are merged).
pub fn fill_styled(
    template: &str,
    vars: &[(&str, &str)],
    names: &BTreeMap<String, String>,
    italic: &[&str],
) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, it: bool| match out.last_mut() {
        Some((last, i)) if *i == it => last.push_str(s),
        _ => out.push((s.to_string(), it)),
    };
    let mut rest = template;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else { break };
        push(&rest[..i], false);
        let name = after[..j].trim();
        match vars.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => push(v, italic.contains(&name)),
            None => match names.get(name) {
                Some(v) => push(v, false),
                None => push(&rest[i..i + 2 + j + 2], false),
            },
        }
        rest = &after[j + 2..];
    }
    push(rest, false);
    out
}

/// The problems of a bundle's `frasa`, each at `frasa.<id>`: an id that names no phrase
/// (with the nearest id), a placeholder the phrase cannot fill (neither one of its own
/// values nor a computed figure or cross-reference). Keys starting with `_` are comments.
pub fn check(b: &Bundle) -> Vec<Finding> {
    let mut out = Vec::new();
    // The figures are computed only when an override cites a name of its own.
    let mut cited: Option<BTreeSet<String>> = None;
    for (id, text) in b.frasa.iter().filter(|(id, _)| !id.starts_with('_')) {
        let error = |message: String| Finding {
            path: format!("frasa.{id}"),
            message,
            severity: Severity::Error,
            pos: None,
        };
        if !defaults().contains_key(id) {
            let hint = match did_you_mean(id, defaults().keys().map(String::as_str)) {
                Some(s) => format!("did you mean {s:?}?"),
                None => "data/kerangka/frasa.json lists every phrase".into(),
            };
            out.push(error(format!("no phrase has the id {id:?} ({hint})")));
            continue;
        }
        let own = own_names(id);
        for name in crate::figures::placeholders(text)
            .into_iter()
            .filter_map(Result::ok)
        {
            if own.contains(&name) {
                continue;
            }
            let cited = cited.get_or_insert_with(|| {
                let mut n = crate::figures::placeholder_names(b);
                n.extend(super::outline::ref_names(b));
                n
            });
            if cited.contains(&name) {
                continue;
            }
            let fills = if own.is_empty() {
                "it fills only computed figures".to_string()
            } else {
                let list: Vec<String> = own.iter().map(|n| format!("{{{{ {n} }}}}")).collect();
                format!("it fills {} and any computed figure", list.join(", "))
            };
            let hint = match did_you_mean(&name, own.iter().chain(cited.iter()).map(String::as_str))
            {
                Some(s) => format!("did you mean {s:?}?"),
                None => "`lkjip figures BUNDLE` lists the figures".into(),
            };
            out.push(error(format!(
                "the phrase {id:?} cannot fill {{{{ {name} }}}}: {fills} ({hint})"
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals of a source that look like phrase ids: `"group.name…"`, dotted
    /// lower-case words whose first word is the group of some default phrase.
    fn id_literals(src: &str, groups: &BTreeSet<&str>) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (i, _) in src.match_indices('"') {
            let rest = &src[i + 1..];
            let end = rest
                .find(|c: char| {
                    !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
                })
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if rest[end..].starts_with('"')
                && word.contains('.')
                && !word.starts_with('.')
                && !word.ends_with('.')
                && !word.contains("..")
                && word.split('.').next().is_some_and(|g| groups.contains(g))
            {
                out.insert(word.to_string());
            }
        }
        out
    }

    /// Every phrase id the builder's sources write (as a literal, to `say` or any helper)
    /// has a default template, and every default template is used.
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
        let known: BTreeSet<String> = defaults().keys().cloned().collect();
        let groups: BTreeSet<&str> = known.iter().filter_map(|k| k.split('.').next()).collect();
        let mut used = BTreeSet::new();
        for src in sources {
            // The names of bundle texts (`source_blocks("ikhtisar.pembuka", …)`, the Word
            // round trip's marks) are not phrase ids.
            let src = &src.replace("source_blocks(\"", "source_blocks(\"text:");
            used.extend(id_literals(src, &groups));
            for (i, _) in src.match_indices("say(\"") {
                let rest = &src[i + 5..];
                if let Some(end) = rest.find('"') {
                    used.insert(rest[..end].to_string());
                }
            }
        }
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "phrases used without a template: {missing:?}"
        );
        let unused: Vec<_> = known.difference(&used).collect();
        assert!(unused.is_empty(), "templates no code uses: {unused:?}");
    }

    #[test]
    fn every_default_template_is_well_formed() {
        for (id, t) in defaults() {
            assert!(
                crate::figures::placeholders(t).iter().all(Result::is_ok),
                "{id}: unclosed placeholder"
            );
            assert_eq!(t.trim(), t, "{id}: leading or trailing space");
        }
    }

    #[test]
    fn styled_fill_sets_the_named_values_apart() {
        let got = fill_styled(
            "a {{ x }} ({{ y }}) {{ z }}.",
            &[("x", "X"), ("y", "Y"), ("z", "Z")],
            &BTreeMap::new(),
            &["y"],
        );
        assert_eq!(
            got,
            vec![
                ("a X (".to_string(), false),
                ("Y".to_string(), true),
                (") Z.".to_string(), false)
            ]
        );
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
    /// The minimal bundle with these phrase overrides, loaded (or its problems, as text).
    fn load_with(frasa: serde_json::Value) -> Result<crate::bundle::Loaded, Vec<String>> {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/minimal.json")).unwrap();
        v["frasa"] = frasa;
        let bytes = serde_json::to_vec_pretty(&v).unwrap();
        crate::check::load("b.json", &bytes).map_err(|p| p.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn overrides_may_use_their_own_values_figures_and_references() {
        let loaded = load_with(serde_json::json!({
            "_": "a comment",
            "analisis.target": "{{ indikator }}: {{ capaian }} ({{ IKU1.capaian }}, {{ tabel.ketenagakerjaan }})",
            "ikhtisar.judul": "RINGKASAN EKSEKUTIF"
        }))
        .unwrap();
        assert!(check(&loaded.bundle).is_empty());
    }

    #[test]
    fn an_unknown_id_and_an_unfillable_placeholder_are_errors_at_the_phrase() {
        let problems = load_with(serde_json::json!({
            "ikhtisar.judull": "RINGKASAN",
            "analisis.target": "{{ indikatr }} {{ IKU1.capaian }}",
            "ikhtisar.judul": "{{ zzz }}"
        }))
        .unwrap_err();
        let got = problems.join("\n");
        let errors = problems
            .iter()
            .filter(|p| !p.contains(": warning: "))
            .count();
        assert_eq!(errors, 3, "{got}");
        assert!(
            got.contains(": frasa.ikhtisar.judull: no phrase has the id \"ikhtisar.judull\" (did you mean \"ikhtisar.judul\"?)"),
            "{got}"
        );
        assert!(
            got.contains(": frasa.analisis.target: the phrase \"analisis.target\" cannot fill {{ indikatr }}: it fills {{ capaian }}, ")
                && got.contains("did you mean \"indikator\"?"),
            "{got}"
        );
        assert!(
            got.contains("cannot fill {{ zzz }}: it fills only computed figures"),
            "{got}"
        );
        // located at the override itself, not at `frasa`
        assert!(!got.contains("b.json:2:"), "{got}");
    }
}
