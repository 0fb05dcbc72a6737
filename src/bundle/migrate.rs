//! Schema migrations: an archived bundle of an older schema version keeps loading. Each
//! step rewrites the positioned JSON tree of version N into version N + 1 and says what it
//! changed, so that `render`, `check` and `figures` read old files directly (problems still
//! point at the line and column of the old file) and `lkjip migrate` writes the new form.
//!
//! Policy: every bump of [`SCHEMA_VERSION`] adds one step here and a version-N fixture
//! under `tests/fixtures/`; a step never drops data silently (what it cannot place stays
//! where it was, and the loader reports it as an unknown field).
//!
//! Version 1 → 2: the labour-office fields become declared data. `ketenagakerjaan`
//! becomes `statistik` (periods, the series penduduk usia kerja / angkatan kerja / bekerja /
//! penganggur, the rates `tpt` and `tpak`, the identity angkatan kerja = bekerja +
//! penganggur, and the context table); `pegawai` becomes `pegawai.per_tahun` with PNS
//! counts under `pns`. `realisasi_dari: "tpt"` keeps working: it now names the declared rate.

use super::json::{Node, Pos, Value};
use super::types::SCHEMA_VERSION;

/// Oldest schema version that still loads.
pub const OLDEST: u32 = 1;

/// A tree brought to the current schema version.
#[derive(Debug, Clone)]
pub struct Migrated {
    /// The tree in the current version.
    pub tree: Node,
    /// The version the source declared.
    pub from: u32,
    /// What was changed, one line each (empty when the source was current).
    pub changes: Vec<String>,
}

/// The declared `schema_version`, or where and why it is unusable. A bundle without one
/// is read as the current version (the loader then reports the missing field with the
/// bundle's other problems).
pub fn version_of(tree: &Node) -> Result<u32, (Pos, String)> {
    let Some(node) = tree.get("schema_version") else {
        return Ok(SCHEMA_VERSION);
    };
    let supported = || format!("{OLDEST} to {SCHEMA_VERSION}");
    match &node.value {
        Value::Number(n) => match n.parse::<u32>() {
            Ok(v) if (OLDEST..=SCHEMA_VERSION).contains(&v) => Ok(v),
            _ => Err((
                node.pos,
                format!(
                    "this lkjip reads schema_version {}, found {}; a newer lkjip may read it",
                    supported(),
                    node.value.describe()
                ),
            )),
        },
        other => Err((
            node.pos,
            format!(
                "expected a schema version ({}), found {}",
                supported(),
                other.describe()
            ),
        )),
    }
}

/// Bring `tree` to the current schema version.
pub fn migrate(mut tree: Node) -> Result<Migrated, (Pos, String)> {
    let from = version_of(&tree)?;
    let mut changes = Vec::new();
    if from < 2 {
        v1_to_v2(&mut tree, &mut changes);
    }
    Ok(Migrated {
        tree,
        from,
        changes,
    })
}

/// The series of a version-1 labour-market period: (field, printed name).
const V1_SERIES: [(&str, &str); 4] = [
    ("penduduk_usia_kerja", "Penduduk Usia Kerja"),
    ("angkatan_kerja", "Angkatan Kerja"),
    ("bekerja", "Bekerja"),
    ("penganggur", "Penganggur"),
];

fn v1_to_v2(tree: &mut Node, changes: &mut Vec<String>) {
    if let Some(v) = tree.get_mut("schema_version") {
        v.value = Value::Number("2".into());
    }
    changes.push("schema_version: 1 → 2".into());
    let daerah = tree
        .get("instansi")
        .and_then(|i| i.get("daerah"))
        .and_then(Node::text)
        .unwrap_or("")
        .to_string();
    if let Some((index, kpos, old)) = tree.take("ketenagakerjaan") {
        match labour_to_statistik(old, &daerah) {
            Ok((statistik, summary)) => {
                if let Some(s) = statistik {
                    tree.insert(index, "statistik", kpos, s);
                }
                changes.push(summary);
            }
            Err(old) => tree.insert(index, "ketenagakerjaan", kpos, old),
        }
    }
    if let Some(peg) = tree.get_mut("pegawai")
        && let Value::Array(items) = &mut peg.value
    {
        let years = items.len();
        let per_tahun: Vec<Node> = std::mem::take(items).into_iter().map(staff_year).collect();
        *peg = Node::object(
            peg.pos,
            vec![("per_tahun", Node::at(peg.pos, Value::Array(per_tahun)))],
        );
        changes.push(format!(
            "pegawai: list of {years} year(s) → pegawai.per_tahun, PNS counts golongan_i … golongan_iv → pns.I … pns.IV"
        ));
    }
}

/// `{tahun, golongan_i … golongan_iv}` → `{tahun, pns: {I … IV}}`; other fields stay.
fn staff_year(mut item: Node) -> Node {
    if !matches!(item.value, Value::Object(_)) {
        return item;
    }
    let mut pns = Vec::new();
    let mut first = None;
    for (old, new) in [
        ("golongan_i", "I"),
        ("golongan_ii", "II"),
        ("golongan_iii", "III"),
        ("golongan_iv", "IV"),
    ] {
        if let Some((i, _, n)) = item.take(old) {
            first = Some(first.map_or(i, |f: usize| f.min(i)));
            pns.push((new, n));
        }
    }
    let pos = pns.first().map_or(item.pos, |(_, n)| n.pos);
    let at = first.unwrap_or(usize::MAX);
    item.insert(at, "pns", pos, Node::object(pos, pns));
    item
}

/// The version-1 `ketenagakerjaan` object as a `statistik` section (none when it has no
/// period), with a one-line summary; `Err` gives back a value of an unexpected shape.
fn labour_to_statistik(old: Node, daerah: &str) -> Result<(Option<Node>, String), Node> {
    let pos = old.pos;
    let (Some(periods), true) = (
        old.get("periode").and_then(|p| match &p.value {
            Value::Array(items) => Some(items.clone()),
            _ => None,
        }),
        matches!(old.value, Value::Object(_)),
    ) else {
        return Err(old);
    };
    if periods.is_empty() {
        return Ok((
            None,
            "ketenagakerjaan had no period: removed (no context table)".into(),
        ));
    }
    let str_at = |p: Pos, s: &str| Node::string(p, s);
    // Period ids: the year, made unique in order ("2021", "2021-2").
    let mut ids: Vec<String> = Vec::new();
    let mut periode = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        let base = p
            .get("tahun")
            .and_then(Node::text)
            .map_or_else(|| format!("p{}", i + 1), str::to_string);
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id.clone());
        let mut fields = vec![("id", str_at(p.pos, &id))];
        for key in ["label", "tahun"] {
            if let Some(v) = p.get(key) {
                fields.push((key, v.clone()));
            }
        }
        periode.push(Node::object(p.pos, fields));
    }
    let mut seri = Vec::new();
    let mut present = Vec::new();
    for (key, nama) in V1_SERIES {
        let values: Vec<(&str, Node)> = periods
            .iter()
            .zip(&ids)
            .filter_map(|(p, id)| p.get(key).map(|v| (id.as_str(), v.clone())))
            .collect();
        if values.is_empty() {
            continue;
        }
        present.push(key);
        let vpos = values[0].1.pos;
        seri.push(Node::object(
            vpos,
            vec![
                ("id", str_at(vpos, key)),
                ("nama", str_at(vpos, nama)),
                ("satuan", str_at(vpos, "orang")),
                ("nilai", Node::object(vpos, values)),
            ],
        ));
    }
    let num = |n: &str| Node::at(pos, Value::Number(n.into()));
    let rate = |id: &str, nama: &str, short: &str, top: &str, bottom: &str| {
        Node::object(
            pos,
            vec![
                ("id", str_at(pos, id)),
                ("nama", str_at(pos, nama)),
                ("singkatan", str_at(pos, short)),
                ("satuan", str_at(pos, "%")),
                ("pembilang", str_at(pos, top)),
                ("penyebut", str_at(pos, bottom)),
                ("pengali", num("100")),
            ],
        )
    };
    let has_puk = present.contains(&"penduduk_usia_kerja");
    let mut laju = vec![rate(
        "tpt",
        "Tingkat Pengangguran Terbuka",
        "TPT",
        "penganggur",
        "angkatan_kerja",
    )];
    if has_puk {
        laju.push(rate(
            "tpak",
            "Tingkat Partisipasi Angkatan Kerja",
            "TPAK",
            "angkatan_kerja",
            "penduduk_usia_kerja",
        ));
    }
    let ids_of = |names: &[&str]| -> Node {
        Node::at(
            pos,
            Value::Array(names.iter().map(|n| str_at(pos, n)).collect()),
        )
    };
    let identitas = Node::object(
        pos,
        vec![
            ("seri", str_at(pos, "angkatan_kerja")),
            ("jumlah", ids_of(&["bekerja", "penganggur"])),
        ],
    );
    let row = |id: &str| Node::object(pos, vec![("id", str_at(pos, id))]);
    let mut baris = Vec::new();
    if has_puk {
        baris.push(row("penduduk_usia_kerja"));
    }
    baris.push(Node::object(
        pos,
        vec![
            ("id", str_at(pos, "angkatan_kerja")),
            (
                "rincian",
                Node::at(pos, Value::Array(vec![row("bekerja"), row("penganggur")])),
            ),
        ],
    ));
    baris.push(row("tpt"));
    if has_puk {
        baris.push(row("tpak"));
    }
    let judul = format!(
        "Kondisi Ketenagakerjaan di {daerah} dalam {} Periode Terakhir",
        crate::format::count_words(periods.len() as u64)
    );
    let mut tabel = vec![
        ("id", str_at(pos, "ketenagakerjaan")),
        ("judul", str_at(pos, &judul)),
    ];
    if let Some(s) = old.get("sumber") {
        tabel.push(("sumber", s.clone()));
    }
    tabel.push(("baris", Node::at(pos, Value::Array(baris))));
    let laju_ids: Vec<String> = laju
        .iter()
        .filter_map(|l| l.get("id").and_then(Node::text).map(str::to_string))
        .collect();
    let summary = format!(
        "ketenagakerjaan → statistik: {} periode, seri {}, laju {}, identitas angkatan_kerja = bekerja + penganggur, tabel \"ketenagakerjaan\"",
        periods.len(),
        present.join(", "),
        laju_ids.join(", ")
    );
    let statistik = Node::object(
        pos,
        vec![
            ("periode", Node::at(pos, Value::Array(periode))),
            ("seri", Node::at(pos, Value::Array(seri))),
            ("laju", Node::at(pos, Value::Array(laju))),
            ("identitas", Node::at(pos, Value::Array(vec![identitas]))),
            (
                "tabel",
                Node::at(pos, Value::Array(vec![Node::object(pos, tabel)])),
            ),
        ],
    );
    Ok((Some(statistik), summary))
}

#[cfg(test)]
mod tests {
    use super::super::json::parse;
    use super::super::tree::to_pretty;
    use super::*;

    const V1: &str = r#"{
  "schema_version": 1,
  "instansi": {"daerah": "Kabupaten X"},
  "pegawai": [{"tahun": 2021, "golongan_i": 1, "golongan_ii": 2, "golongan_iii": 3, "golongan_iv": 4}],
  "ketenagakerjaan": {"sumber": "BPS", "periode": [
    {"label": "Agustus 2021", "tahun": 2021, "angkatan_kerja": 832804, "bekerja": 627775, "penganggur": 25029}
  ]},
  "visi": "v"
}"#;

    #[test]
    fn version_1_becomes_declared_statistics_and_staff_per_year() {
        let m = migrate(parse(V1).unwrap()).unwrap();
        assert_eq!(m.from, 1);
        let t = &m.tree;
        assert_eq!(t.get("schema_version").and_then(Node::text), Some("2"));
        assert!(t.get("ketenagakerjaan").is_none());
        let s = t.get("statistik").expect("statistik");
        let text = to_pretty(s);
        assert!(text.contains("\"penyebut\": \"angkatan_kerja\""), "{text}");
        assert!(
            !text.contains("tpak"),
            "no TPAK without penduduk usia kerja: {text}"
        );
        assert!(
            text.contains("Kondisi Ketenagakerjaan di Kabupaten X dalam 1 (satu) Periode Terakhir"),
            "{text}"
        );
        // The value keeps the position of the old field (line 6).
        let v = s.get("seri").map(|n| match &n.value {
            Value::Array(a) => a[0].get("nilai").unwrap().get("2021").unwrap().pos.line,
            _ => 0,
        });
        assert_eq!(v, Some(6));
        let peg = to_pretty(t.get("pegawai").unwrap());
        assert!(peg.contains("\"per_tahun\""), "{peg}");
        assert!(peg.contains("\"III\": 3"), "{peg}");
        // statistik takes the place of ketenagakerjaan, before visi.
        let Value::Object(f) = &t.value else { panic!() };
        let keys: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            keys,
            ["schema_version", "instansi", "pegawai", "statistik", "visi"]
        );
        assert_eq!(m.changes.len(), 3, "{:?}", m.changes);
    }

    #[test]
    fn empty_labour_data_gives_no_statistics() {
        let src = V1.replace(
            r#""periode": [
    {"label": "Agustus 2021", "tahun": 2021, "angkatan_kerja": 832804, "bekerja": 627775, "penganggur": 25029}
  ]"#,
            r#""periode": []"#,
        );
        let m = migrate(parse(&src).unwrap()).unwrap();
        assert!(m.tree.get("statistik").is_none());
        assert!(m.tree.get("ketenagakerjaan").is_none());
    }

    #[test]
    fn unknown_versions_are_refused_with_their_position() {
        let e = migrate(parse(r#"{"schema_version": 3}"#).unwrap()).unwrap_err();
        assert!(
            e.1.contains("reads schema_version 1 to 2, found the number 3"),
            "{}",
            e.1
        );
        let e = migrate(parse(r#"{"schema_version": "1"}"#).unwrap()).unwrap_err();
        assert!(e.1.starts_with("expected a schema version"), "{}", e.1);
    }

    #[test]
    fn current_version_is_left_alone() {
        let src = r#"{"schema_version": 2, "pegawai": {"per_tahun": []}}"#;
        let m = migrate(parse(src).unwrap()).unwrap();
        assert!(m.changes.is_empty());
        assert_eq!(m.tree, parse(src).unwrap());
    }
}
