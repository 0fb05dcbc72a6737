//! Next year's bundle from last year's (`lkjip init --from LAST.json --year N`), on the
//! positioned JSON tree so that the staff's own formatting and number texts carry over.
//!
//! Carried over: agency, letterhead, layout, officials, signatories, organisation, staff and
//! statistics history, visi/misi, tujuan, sasaran and their indicators (last years'
//! realisations stay as history; a target of the new year stays when the Renstra years gave
//! one), programs, the rating scale and the outline. Dates move one year on. Every value
//! that must be looked at again — the dates, the letter number, every text, the new year's
//! realisations, targets that were not given, the budget, the staff and statistics of the
//! new year — is listed in `draf`, and `check` warns at each of those fields (a draft is a
//! valid bundle with warnings, never errors, so it renders for review).

use super::json::{Node, Value};

/// The new bundle and the field paths it lists in `draf`.
pub struct Draft {
    /// The bundle of the new year.
    pub tree: Node,
    /// Field paths to update (also written as `draf`).
    pub paths: Vec<String>,
}

/// Make the bundle of `year` from `last` (a current-schema tree).
pub fn next_year(mut last: Node, year: i32) -> Result<Draft, String> {
    let old_year = last
        .get("laporan")
        .and_then(|l| l.get("tahun"))
        .and_then(Node::text)
        .and_then(|t| t.parse::<i32>().ok())
        .ok_or("the bundle has no readable laporan.tahun")?;
    if year <= old_year {
        return Err(format!(
            "--year {year} is not after the bundle's report year {old_year}"
        ));
    }
    let shift = year - old_year;
    let mut paths = Vec::new();
    let mut mark = |p: &str| paths.push(p.to_string());

    if let Some(l) = last.get_mut("laporan") {
        if let Some(t) = l.get_mut("tahun") {
            t.value = Value::Number(year.to_string());
        }
        shift_date(l.get_mut("tanggal"), shift);
        mark("laporan.tanggal");
        let end = l.get("periode_renstra").and_then(|p| match &p.value {
            Value::Array(a) => a
                .last()
                .and_then(Node::text)
                .and_then(|t| t.parse::<i32>().ok()),
            _ => None,
        });
        if end.is_some_and(|e| e < year) {
            mark("laporan.periode_renstra");
        }
    }
    if let Some(s) = last.get_mut("surat_pengantar") {
        shift_date(s.get_mut("tanggal"), shift);
    }
    for p in [
        "surat_pengantar.nomor",
        "surat_pengantar.tanggal",
        "surat_pengantar.isi",
        "kata_pengantar",
        "ikhtisar.pembuka",
        "ikhtisar.penutup",
    ] {
        mark(p);
    }
    if let Some(Value::Object(slots)) = last.get("narasi").map(|n| &n.value) {
        for (k, _, _) in slots {
            mark(&format!("narasi.{k}"));
        }
    }
    let key = year.to_string();
    for (list, kind) in [("sasaran", "sasaran"), ("tujuan", "tujuan")] {
        let Some(Value::Array(items)) = last.get(list).map(|n| &n.value) else {
            continue;
        };
        for (i, s) in items.iter().enumerate() {
            let Some(Value::Array(inds)) = s.get("indikator").map(|n| &n.value) else {
                continue;
            };
            for (j, k) in inds.iter().enumerate() {
                let p = format!("{kind}[{i}].indikator[{j}]");
                if k.get("target").and_then(|t| t.get(&key)).is_none() {
                    mark(&format!("{p}.target"));
                }
                if k.get("realisasi_dari").is_none() {
                    mark(&format!("{p}.realisasi"));
                }
                if kind == "sasaran" {
                    for text in ["penyebab", "efisiensi", "program_pendukung", "analisis"] {
                        if k.get(text).is_some() {
                            mark(&format!("{p}.{text}"));
                        }
                    }
                }
            }
        }
    }
    // The new year's budget is not known yet: last year's allocations as a start, no
    // realisation.
    if let Some(Value::Array(rows)) = last.get_mut("anggaran").map(|n| &mut n.value) {
        for (i, row) in rows.iter_mut().enumerate() {
            if let Some(r) = row.get_mut("realisasi") {
                r.value = Value::Number("0".into());
            }
            paths.push(format!("anggaran[{i}].alokasi"));
            paths.push(format!("anggaran[{i}].realisasi"));
        }
    }
    paths.push("pegawai.per_tahun".into());
    if last.get("statistik").is_some() {
        paths.push("statistik.periode".into());
    }
    if last.get("aset").is_some() {
        paths.push("aset".into());
    }
    let pos = last.pos;
    let list = Node::at(
        pos,
        Value::Array(paths.iter().map(|p| Node::string(pos, p)).collect()),
    );
    let _ = last.take("draf");
    last.insert(1, "draf", pos, list);
    Ok(Draft { tree: last, paths })
}

/// Move a `"YYYY-MM-DD"` date `years` on (29 February becomes 28 February).
fn shift_date(node: Option<&mut Node>, years: i32) {
    let Some(node) = node else { return };
    let Some(text) = node.text() else { return };
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else { return };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return;
    };
    let ny = y + years;
    let d = d.min(super::scalar::days_in_month(ny, m));
    node.value = Value::String(format!("{ny:04}-{m:02}-{d:02}"));
}

#[cfg(test)]
mod tests {
    use super::super::json::parse;
    use super::*;

    #[test]
    fn dates_move_on_and_every_text_is_listed() {
        let src = r#"{"schema_version": 2, "laporan": {"tahun": 2021, "tanggal": "2020-02-29", "periode_renstra": [2016, 2021]},
            "surat_pengantar": {"tanggal": "2022-02-18"}, "narasi": {"kesimpulan": []},
            "sasaran": [{"indikator": [{"target": {"2022": 90}, "realisasi": {"2021": 87}}]}],
            "anggaran": [{"alokasi": 10, "realisasi": 9}]}"#;
        let d = next_year(parse(src).unwrap(), 2022).unwrap();
        let t = &d.tree;
        let l = t.get("laporan").unwrap();
        assert_eq!(l.get("tahun").and_then(Node::text), Some("2022"));
        assert_eq!(l.get("tanggal").and_then(Node::text), Some("2021-02-28"));
        for p in [
            "narasi.kesimpulan",
            "laporan.periode_renstra",
            "sasaran[0].indikator[0].realisasi",
            "anggaran[0].alokasi",
        ] {
            assert!(
                d.paths.iter().any(|x| x == p),
                "{p} not listed: {:?}",
                d.paths
            );
        }
        // The Renstra gave the 2022 target: kept, not listed.
        assert!(
            !d.paths
                .iter()
                .any(|x| x == "sasaran[0].indikator[0].target")
        );
        assert!(next_year(parse(src).unwrap(), 2021).is_err());
    }
}
