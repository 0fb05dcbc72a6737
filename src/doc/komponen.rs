//! The generated components of a report, as one closed type: each with its name in the
//! outline's JSON, its description (for the schema, `--help` and the README), its
//! numbering (a numbered table, a numbered chart, or none) and why it can be left out
//! for a bundle. `chapters::component` builds each with a `match` that has no catch-all,
//! so a new variant does not compile until it is built. Adding a component is one
//! variant here and one arm there.

use crate::bundle::Bundle;

/// How a component is numbered in its chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// It makes numbered tables ("Tabel 3.2").
    Table,
    /// It makes numbered charts ("Grafik 1.1").
    Chart,
    /// Neither.
    None,
}

/// A generated component of the outline (`{"komponen": NAME}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Komponen {
    /// The declared context tables (statistik.tabel), or one by `tabel`.
    TabelStatistik,
    /// The numbered list of regulations.
    LandasanHukum,
    /// Organisasi.pembuka and the tugas pokok.
    TugasPokok,
    /// The lettered list of functions.
    Fungsi,
    /// The composition by unit kind and every unit's duties.
    UnitOrganisasi,
    /// Staff per golongan (and PPPK) per year.
    TabelPegawai,
    /// The staff chart.
    GrafikPegawai,
    /// The organisation chart drawn from organisasi.unit (landscape when tall).
    BaganOrganisasi,
    /// Each IKU's target and realisation in the report year, capaian on the bars.
    GrafikIku,
    /// Each indicator's realisation over the years it has.
    GrafikTren,
    /// Budget allocation and realisation per sasaran (and program), serapan on the bars.
    GrafikAnggaran,
    /// One declared series or rate over its periods, named by `tabel`.
    GrafikStatistik,
    /// The staff breakdown tables (pegawai.rincian).
    RincianPegawai,
    /// Assets with their total.
    TabelAset,
    /// The visi.
    Visi,
    /// The numbered misi.
    Misi,
    /// The tujuan with their indicators.
    Tujuan,
    /// Sasaran, indicators and targets.
    TabelSasaran,
    /// The IKU with formula, polarity and unit.
    TabelIku,
    /// Sasaran and their (priority) programs.
    TabelProgram,
    /// The rating scale (and its mirror for negative indicators).
    Skala,
    /// Goal indicators over the years.
    TabelTujuan,
    /// Pengukuran Kinerja: target, realisasi, capaian, kategori.
    Pengukuran,
    /// The seven-point analysis of every indicator.
    AnalisisIndikator,
    /// Realisation over the last three years.
    TigaTahun,
    /// Progress against the Renstra end target.
    Renstra,
    /// Comparison with the national figures.
    Nasional,
    /// Budget per sasaran (and program) with shares, and its sentence.
    Alokasi,
    /// Performance and budget side by side, on landscape pages.
    KinerjaAnggaran,
    /// The signature of the head of the agency.
    TandaTangan,
}

impl Komponen {
    /// Every component, in the order the README lists them.
    pub const ALL: [Komponen; 30] = [
        Komponen::TabelStatistik,
        Komponen::LandasanHukum,
        Komponen::TugasPokok,
        Komponen::Fungsi,
        Komponen::UnitOrganisasi,
        Komponen::TabelPegawai,
        Komponen::GrafikPegawai,
        Komponen::BaganOrganisasi,
        Komponen::GrafikIku,
        Komponen::GrafikTren,
        Komponen::GrafikAnggaran,
        Komponen::GrafikStatistik,
        Komponen::RincianPegawai,
        Komponen::TabelAset,
        Komponen::Visi,
        Komponen::Misi,
        Komponen::Tujuan,
        Komponen::TabelSasaran,
        Komponen::TabelIku,
        Komponen::TabelProgram,
        Komponen::Skala,
        Komponen::TabelTujuan,
        Komponen::Pengukuran,
        Komponen::AnalisisIndikator,
        Komponen::TigaTahun,
        Komponen::Renstra,
        Komponen::Nasional,
        Komponen::Alokasi,
        Komponen::KinerjaAnggaran,
        Komponen::TandaTangan,
    ];

    /// Its name in the outline's JSON.
    pub fn name(self) -> &'static str {
        match self {
            Komponen::TabelStatistik => "tabel_statistik",
            Komponen::LandasanHukum => "landasan_hukum",
            Komponen::TugasPokok => "tugas_pokok",
            Komponen::Fungsi => "fungsi",
            Komponen::UnitOrganisasi => "unit_organisasi",
            Komponen::TabelPegawai => "tabel_pegawai",
            Komponen::GrafikPegawai => "grafik_pegawai",
            Komponen::BaganOrganisasi => "bagan_organisasi",
            Komponen::GrafikIku => "grafik_iku",
            Komponen::GrafikTren => "grafik_tren",
            Komponen::GrafikAnggaran => "grafik_anggaran",
            Komponen::GrafikStatistik => "grafik_statistik",
            Komponen::RincianPegawai => "rincian_pegawai",
            Komponen::TabelAset => "tabel_aset",
            Komponen::Visi => "visi",
            Komponen::Misi => "misi",
            Komponen::Tujuan => "tujuan",
            Komponen::TabelSasaran => "tabel_sasaran",
            Komponen::TabelIku => "tabel_iku",
            Komponen::TabelProgram => "tabel_program",
            Komponen::Skala => "skala",
            Komponen::TabelTujuan => "tabel_tujuan",
            Komponen::Pengukuran => "pengukuran",
            Komponen::AnalisisIndikator => "analisis_indikator",
            Komponen::TigaTahun => "tiga_tahun",
            Komponen::Renstra => "renstra",
            Komponen::Nasional => "nasional",
            Komponen::Alokasi => "alokasi",
            Komponen::KinerjaAnggaran => "kinerja_anggaran",
            Komponen::TandaTangan => "tanda_tangan",
        }
    }

    /// What it prints.
    pub fn description(self) -> &'static str {
        match self {
            Komponen::TabelStatistik => {
                "the declared context tables (statistik.tabel), or one by `tabel`"
            }
            Komponen::LandasanHukum => "the numbered list of regulations",
            Komponen::TugasPokok => "organisasi.pembuka and the tugas pokok",
            Komponen::Fungsi => "the lettered list of functions",
            Komponen::UnitOrganisasi => "the composition by unit kind and every unit's duties",
            Komponen::TabelPegawai => "staff per golongan (and PPPK) per year",
            Komponen::GrafikPegawai => "the staff chart",
            Komponen::BaganOrganisasi => {
                "the organisation chart drawn from organisasi.unit (landscape when tall)"
            }
            Komponen::GrafikIku => {
                "each IKU's target and realisation in the report year, capaian on the bars"
            }
            Komponen::GrafikTren => "each indicator's realisation over the years it has",
            Komponen::GrafikAnggaran => {
                "budget allocation and realisation per sasaran (and program), serapan on the bars"
            }
            Komponen::GrafikStatistik => {
                "one declared series or rate over its periods, named by `tabel`"
            }
            Komponen::RincianPegawai => "the staff breakdown tables (pegawai.rincian)",
            Komponen::TabelAset => "assets with their total",
            Komponen::Visi => "the visi",
            Komponen::Misi => "the numbered misi",
            Komponen::Tujuan => "the tujuan with their indicators",
            Komponen::TabelSasaran => "sasaran, indicators and targets",
            Komponen::TabelIku => "the IKU with formula, polarity and unit",
            Komponen::TabelProgram => "sasaran and their (priority) programs",
            Komponen::Skala => "the rating scale (and its mirror for negative indicators)",
            Komponen::TabelTujuan => "goal indicators over the years",
            Komponen::Pengukuran => "Pengukuran Kinerja: target, realisasi, capaian, kategori",
            Komponen::AnalisisIndikator => "the seven-point analysis of every indicator",
            Komponen::TigaTahun => "realisation over the last three years",
            Komponen::Renstra => "progress against the Renstra end target",
            Komponen::Nasional => "comparison with the national figures",
            Komponen::Alokasi => "budget per sasaran (and program) with shares, and its sentence",
            Komponen::KinerjaAnggaran => "performance and budget side by side, on landscape pages",
            Komponen::TandaTangan => "the signature of the head of the agency",
        }
    }

    /// How it is numbered.
    pub fn numbering(self) -> Numbering {
        match self {
            Komponen::TabelStatistik
            | Komponen::TabelPegawai
            | Komponen::RincianPegawai
            | Komponen::TabelAset
            | Komponen::TabelSasaran
            | Komponen::TabelIku
            | Komponen::TabelProgram
            | Komponen::Skala
            | Komponen::TabelTujuan
            | Komponen::Pengukuran
            | Komponen::TigaTahun
            | Komponen::Renstra
            | Komponen::Nasional
            | Komponen::Alokasi
            | Komponen::KinerjaAnggaran => Numbering::Table,
            Komponen::GrafikPegawai
            | Komponen::BaganOrganisasi
            | Komponen::GrafikIku
            | Komponen::GrafikTren
            | Komponen::GrafikAnggaran
            | Komponen::GrafikStatistik => Numbering::Chart,
            Komponen::LandasanHukum
            | Komponen::TugasPokok
            | Komponen::Fungsi
            | Komponen::UnitOrganisasi
            | Komponen::Visi
            | Komponen::Misi
            | Komponen::Tujuan
            | Komponen::AnalisisIndikator
            | Komponen::TandaTangan => Numbering::None,
        }
    }

    /// The component of a name, if any.
    pub fn from_name(name: &str) -> Option<Komponen> {
        Komponen::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Why it has nothing to show for this bundle (it is then left out, and `check` says
    /// so in a note when [`Komponen::noted`]), or `None` when it has.
    pub fn left_out(self, b: &Bundle) -> Option<&'static str> {
        let none = |empty: bool, why| empty.then_some(why);
        match self {
            Komponen::TabelStatistik => none(
                b.statistik.as_ref().is_none_or(|s| s.tabel.is_empty()),
                "the bundle declares no statistik.tabel",
            ),
            Komponen::LandasanHukum => none(b.landasan_hukum.is_empty(), "landasan_hukum is empty"),
            Komponen::Fungsi => none(b.organisasi.fungsi.is_empty(), "organisasi.fungsi is empty"),
            Komponen::TabelPegawai | Komponen::GrafikPegawai => {
                none(b.pegawai.per_tahun.is_empty(), "pegawai.per_tahun is empty")
            }
            Komponen::RincianPegawai => {
                none(b.pegawai.rincian.is_empty(), "pegawai.rincian is empty")
            }
            Komponen::TabelAset => none(b.aset.is_empty(), "aset is empty"),
            Komponen::Misi => none(b.misi.is_empty(), "misi is empty"),
            Komponen::Tujuan | Komponen::TabelTujuan => {
                none(b.tujuan.is_empty(), "the bundle has no tujuan")
            }
            Komponen::TabelProgram => none(b.program.is_empty(), "the bundle has no program"),
            Komponen::Alokasi | Komponen::KinerjaAnggaran | Komponen::GrafikAnggaran => {
                none(b.anggaran.is_empty(), "the bundle has no anggaran")
            }
            Komponen::BaganOrganisasi => {
                none(b.organisasi.unit.is_empty(), "organisasi.unit is empty")
            }
            Komponen::GrafikIku => none(
                b.sasaran.iter().all(|s| s.indikator.is_empty()),
                "the bundle has no indicator",
            ),
            Komponen::GrafikTren => none(
                b.sasaran
                    .iter()
                    .flat_map(|s| &s.indikator)
                    .all(|k| k.realisasi.len() < 2 && k.realisasi_dari.is_none()),
                "no indicator has a realisation in more than one year",
            ),
            Komponen::GrafikStatistik => {
                none(b.statistik.is_none(), "the bundle declares no statistik")
            }
            Komponen::TugasPokok
            | Komponen::UnitOrganisasi
            | Komponen::Visi
            | Komponen::TabelSasaran
            | Komponen::TabelIku
            | Komponen::Skala
            | Komponen::Pengukuran
            | Komponen::AnalisisIndikator
            | Komponen::TigaTahun
            | Komponen::Renstra
            | Komponen::Nasional
            | Komponen::TandaTangan => None,
        }
    }

    /// Whether its absence is worth a note (optional breakdowns are not).
    pub fn noted(self) -> bool {
        matches!(
            self,
            Komponen::TabelStatistik
                | Komponen::TabelPegawai
                | Komponen::TabelAset
                | Komponen::TabelTujuan
                | Komponen::TabelProgram
                | Komponen::Alokasi
                | Komponen::KinerjaAnggaran
                | Komponen::BaganOrganisasi
        )
    }
}
