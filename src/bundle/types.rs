//! The serde types of the input bundle: raw facts and texts only, never a figure that can be
//! computed. Field names are the Indonesian domain words that staff use (`sasaran`,
//! `indikator`, `realisasi` …); every amount and percentage is an exact [`Dec`].
//!
//! Conventions the loader relies on (see `de.rs`):
//! - an absent `Option` field is `None`; an absent list or map is empty; any other absent
//!   field is a located "missing field" error;
//! - no `flatten`, no internally tagged or untagged enums (they would lose positions);
//! - texts are data: nothing here is ever parsed as markup.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::scalar::{Date, Dec, Year};
use super::text::{Block, Inlines};

/// Schema version this build reads natively; older versions load through
/// [`super::migrate`].
pub const SCHEMA_VERSION: u32 = 2;

/// The whole bundle: one agency, one report year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Bundle {
    /// Must be 2 (a version-1 bundle is migrated when loaded).
    pub schema_version: u32,
    /// A draft made by `lkjip init`: the field paths still to be checked and updated.
    /// `check` warns at each, and report-year values still missing are warnings instead
    /// of errors. Remove a path once its value is right; an empty list (or none) is a
    /// finished bundle.
    #[serde(default)]
    pub draf: Vec<String>,
    /// Report year, date and place.
    pub laporan: Laporan,
    /// The agency and its government.
    pub instansi: Instansi,
    /// The kop surat (letterhead).
    pub kop: Kop,
    /// Layout and formatting choices.
    #[serde(default)]
    pub tata_letak: Option<TataLetak>,
    /// Officials who sign; referenced by id.
    pub pejabat: Vec<Pejabat>,
    /// Who signs which part.
    pub penandatangan: Penandatangan,
    /// Cover letter (surat pengantar).
    pub surat_pengantar: SuratPengantar,
    /// Kata Pengantar paragraphs.
    pub kata_pengantar: Vec<Block>,
    /// Ikhtisar Eksekutif: text before and after the generated summary of figures.
    pub ikhtisar: Ikhtisar,
    /// Narrative texts of the chapters, by slot name.
    pub narasi: Narasi,
    /// The report outline: the default (PermenPAN-RB 53/2014) when absent, or changes to
    /// it, or a whole outline of the bundle's own.
    #[serde(default)]
    pub kerangka: Option<super::kerangka::KerangkaBundle>,
    /// Legal bases (numbered list in 1.2).
    pub landasan_hukum: Vec<Inlines>,
    /// Organisation: tugas pokok, fungsi, units.
    pub organisasi: Organisasi,
    /// Staff: PNS per golongan and PPPK per year, optional breakdowns.
    pub pegawai: Pegawai,
    /// Assets (sarana dan prasarana).
    pub aset: Vec<Aset>,
    /// The agency's own context statistics: series, derived rates, identities, tables.
    #[serde(default)]
    pub statistik: Option<Statistik>,
    /// Visi, misi.
    pub visi: String,
    /// Misi, in order.
    pub misi: Vec<String>,
    /// Tujuan with the goal indicators.
    pub tujuan: Vec<Tujuan>,
    /// Sasaran strategis with their indicators.
    pub sasaran: Vec<Sasaran>,
    /// Programs and the sasaran each supports.
    pub program: Vec<Program>,
    /// Budget per sasaran (and optionally program).
    pub anggaran: Vec<Anggaran>,
    /// Rating scale; the seed's 4-band scale when absent.
    #[serde(default)]
    pub skala: Option<Vec<SkalaBand>>,
    /// The bundle's own wording of generated sentences, captions and titles, by phrase id
    /// (`data/kerangka/frasa.json` lists every id with its default template and the
    /// `{{ name }}` values it can use; computed figures may be cited too).
    #[serde(default)]
    pub frasa: std::collections::BTreeMap<String, String>,
}

/// Report year, date and place of signing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Laporan {
    /// The year reported on (e.g. 2021).
    pub tahun: Year,
    /// Date of the report (used for the foreword, signatures, PDF metadata).
    pub tanggal: Date,
    /// Place of signing (e.g. "Mojokerto").
    pub tempat: String,
    /// First and last year of the Renstra period, e.g. [2016, 2021].
    pub periode_renstra: Vec<Year>,
}

/// The agency.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Instansi {
    /// "Dinas Tenaga Kerja".
    pub nama: String,
    /// "Kabupaten Mojokerto".
    pub daerah: String,
    /// "Pemerintah Kabupaten Mojokerto".
    pub pemerintah: String,
    /// Short name used in prose, e.g. "Disnaker".
    #[serde(default)]
    pub singkatan: Option<String>,
}

/// Letterhead (kop surat).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Kop {
    /// Street address line.
    pub alamat: String,
    /// City and postcode line, e.g. "MOJOSARI - MOJOKERTO 61382".
    pub kota: String,
    /// Telephone.
    #[serde(default)]
    pub telepon: Option<String>,
    /// Fax.
    #[serde(default)]
    pub faks: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Website.
    #[serde(default)]
    pub laman: Option<String>,
    /// Emblem image (PNG), path relative to the bundle file. A neutral emblem is drawn
    /// when absent.
    #[serde(default)]
    pub lambang: Option<String>,
}

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub enum Kertas {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 215 × 330 mm (Folio).
    F4,
}

/// How money is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum GayaRupiah {
    /// `Rp2.135.244.834,00` (current spelling guide).
    #[default]
    Baku,
    /// `Rp. 2.135.244.834,-` (older, widespread).
    Lama,
}

/// Body font, as staff have it in Word; the PDF embeds its metric-compatible twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub enum Huruf {
    /// Arial (PDF: Liberation Sans).
    #[default]
    Arial,
    /// Times New Roman (PDF: Liberation Serif).
    #[serde(rename = "Times New Roman")]
    TimesNewRoman,
}

/// Formula for negative-polarity indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub enum RumusNegatif {
    /// `(2T − R) / T × 100`.
    #[default]
    #[serde(rename = "2T-R")]
    DuaTKurangR,
    /// `T / R × 100`.
    #[serde(rename = "T/R")]
    TBagiR,
}

/// Efficiency method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum MetodeEfisiensi {
    /// `IE = capaian / serapan`, efficient when ≥ 1.
    #[default]
    Rasio,
    /// `capaian − serapan`, efficient when ≥ 0.
    Selisih,
}

/// Layout and formatting choices.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct TataLetak {
    /// A4 (default) or F4.
    #[serde(default)]
    pub kertas: Option<Kertas>,
    /// Body font: "Arial" (default) or "Times New Roman".
    #[serde(default)]
    pub huruf: Option<Huruf>,
    /// Money style.
    #[serde(default)]
    pub rupiah: Option<GayaRupiah>,
    /// Decimals printed for percentages (default 2).
    #[serde(default)]
    pub desimal: Option<u32>,
    /// Default formula for negative indicators.
    #[serde(default)]
    pub rumus_negatif: Option<RumusNegatif>,
    /// Efficiency method.
    #[serde(default)]
    pub efisiensi: Option<MetodeEfisiensi>,
    /// Budget shares by largest remainder so they add up to exactly 100.
    #[serde(default)]
    pub porsi_sisa_terbesar: Option<bool>,
    /// A Daftar Tabel after the Daftar Isi: every numbered table with its page (left
    /// out when the report has no numbered table). Off by default.
    #[serde(default)]
    pub daftar_tabel: Option<bool>,
    /// A Daftar Grafik after it: every numbered chart with its page (left out when the
    /// report has no chart). Off by default.
    #[serde(default)]
    pub daftar_grafik: Option<bool>,
    /// Electronic signature (TTE): when present (`{}` takes the defaults), every signature
    /// block of the head of the agency takes the electronic form with a square reserved
    /// for the QR, every page's footer carries the notice, and the PDF gets an empty
    /// signature field on the cover letter's square for `lkjip sign` or a signing service.
    #[serde(default)]
    pub tte: Option<Tte>,
}

/// Electronic signature (TTE) choices.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Tte {
    /// The footer notice, one entry per line; by default the phrase `tte.catatan` (the
    /// BSrE-BSSN sentence and the UU ITE No. 11 Tahun 2008 Pasal 5 Ayat 1 sentence).
    #[serde(default)]
    pub catatan: Option<Vec<String>>,
    /// Verification link encoded in the QR of the signature (e.g. the signing portal's
    /// page for this document); without it the QR gives signer, date and document digest.
    #[serde(default)]
    pub tautan_verifikasi: Option<String>,
}

/// Acting role of an official.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Plt {
    /// Pelaksana Tugas.
    #[serde(rename = "Plt.")]
    Plt,
    /// Pelaksana Harian.
    #[serde(rename = "Plh.")]
    Plh,
    /// Penjabat.
    #[serde(rename = "Pj.")]
    Pj,
}

/// A signing official.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Pejabat {
    /// Id referenced by `penandatangan`.
    pub id: String,
    /// Name with academic titles, as printed ("BAMBANG PURWANTO, S.H., M.H.").
    pub nama: String,
    /// Position, e.g. "Kepala Dinas Tenaga Kerja Kabupaten Mojokerto".
    pub jabatan: String,
    /// Rank name, e.g. "Pembina Utama Muda".
    #[serde(default)]
    pub pangkat: Option<String>,
    /// Grade, e.g. "IV/c".
    #[serde(default)]
    pub golongan: Option<String>,
    /// 18-digit NIP, digits only.
    #[serde(default)]
    pub nip: Option<String>,
    /// Acting role, if any.
    #[serde(default)]
    pub plt: Option<Plt>,
}

/// Who signs what (ids of `pejabat`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Penandatangan {
    /// Cover letter, foreword and closing: the head of the agency.
    pub kepala: String,
    /// Perjanjian Kinerja PIHAK KEDUA (the superior, e.g. the Bupati).
    pub atasan: String,
}

/// The cover letter.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SuratPengantar {
    /// Letter number.
    pub nomor: String,
    /// Nature ("Segera", "Biasa").
    pub sifat: String,
    /// Enclosure ("1 (satu) berkas").
    pub lampiran: String,
    /// Subject.
    pub hal: String,
    /// Date of the letter.
    pub tanggal: Date,
    /// Addressee lines after "Yth.".
    pub kepada: Vec<String>,
    /// "di" place line (e.g. "MOJOKERTO"); omitted when absent.
    #[serde(default)]
    pub di: Option<String>,
    /// Body paragraphs.
    pub isi: Vec<Block>,
}

/// Ikhtisar Eksekutif texts.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Ikhtisar {
    /// Before the generated summary.
    pub pembuka: Vec<Block>,
    /// After the generated summary.
    pub penutup: Vec<Block>,
}

/// Narrative texts by slot name: each is placed by the outline (`{"narasi": "name"}`); the
/// default outline's slots are listed in `data/kerangka/default.json` (e.g.
/// `latar_belakang`, `kesimpulan`). A slot no outline item places is reported (its text
/// would be lost).
pub type Narasi = BTreeMap<String, Vec<Block>>;

/// Organisation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Organisasi {
    /// Text before tugas pokok (legal basis of the agency).
    pub pembuka: Vec<Block>,
    /// Tugas pokok sentence.
    pub tugas_pokok: String,
    /// Fungsi, lettered list.
    pub fungsi: Vec<Inlines>,
    /// Text before the units.
    pub pengantar_unit: Vec<Block>,
    /// Units (a tree by `induk`; any order).
    pub unit: Vec<Unit>,
    /// Printed names of unit kinds, e.g. `{"upt": "UPT Puskesmas"}`; defaults otherwise.
    #[serde(default)]
    pub nama_jenis: BTreeMap<JenisUnit, String>,
}

/// Kind of organisation unit: its place in the structure (SOTK). The printed name of a
/// kind is data (`organisasi.nama_jenis`), with [`JenisUnit::default_name`] otherwise.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum JenisUnit {
    /// The head (Kepala Dinas, Kepala Badan, Camat, Inspektur).
    Kepala,
    /// Sekretariat.
    Sekretariat,
    /// Sub Bagian (under the sekretariat).
    Subbagian,
    /// Bidang.
    Bidang,
    /// Sub Bidang (under a bidang, e.g. in a badan).
    Subbidang,
    /// Seksi.
    Seksi,
    /// Unit Pelaksana Teknis (UPT/UPTD, e.g. Puskesmas, laboratorium).
    Upt,
    /// Kelurahan (under a kecamatan).
    Kelurahan,
    /// Desa (under a kecamatan).
    Desa,
    /// Staf Ahli.
    StafAhli,
    /// Inspektur Pembantu (in an inspektorat).
    InspekturPembantu,
    /// Kelompok jabatan fungsional.
    Fungsional,
    /// Any other unit.
    Lainnya,
}

impl JenisUnit {
    /// Every kind, in the order of a bagan struktur.
    pub const ALL: [JenisUnit; 13] = [
        JenisUnit::Kepala,
        JenisUnit::Sekretariat,
        JenisUnit::Subbagian,
        JenisUnit::Bidang,
        JenisUnit::Subbidang,
        JenisUnit::Seksi,
        JenisUnit::InspekturPembantu,
        JenisUnit::StafAhli,
        JenisUnit::Upt,
        JenisUnit::Kelurahan,
        JenisUnit::Desa,
        JenisUnit::Fungsional,
        JenisUnit::Lainnya,
    ];

    /// The key as written in the bundle (`"upt"`, `"staf_ahli"` …).
    pub fn key(self) -> &'static str {
        match self {
            JenisUnit::Kepala => "kepala",
            JenisUnit::Sekretariat => "sekretariat",
            JenisUnit::Subbagian => "subbagian",
            JenisUnit::Bidang => "bidang",
            JenisUnit::Subbidang => "subbidang",
            JenisUnit::Seksi => "seksi",
            JenisUnit::Upt => "upt",
            JenisUnit::Kelurahan => "kelurahan",
            JenisUnit::Desa => "desa",
            JenisUnit::StafAhli => "staf_ahli",
            JenisUnit::InspekturPembantu => "inspektur_pembantu",
            JenisUnit::Fungsional => "fungsional",
            JenisUnit::Lainnya => "lainnya",
        }
    }

    /// Printed name when the bundle gives none.
    pub fn default_name(self) -> &'static str {
        match self {
            JenisUnit::Kepala => "Kepala",
            JenisUnit::Sekretariat => "Sekretariat",
            JenisUnit::Subbagian => "Sub Bagian",
            JenisUnit::Bidang => "Bidang",
            JenisUnit::Subbidang => "Sub Bidang",
            JenisUnit::Seksi => "Seksi",
            JenisUnit::Upt => "Unit Pelaksana Teknis",
            JenisUnit::Kelurahan => "Kelurahan",
            JenisUnit::Desa => "Desa",
            JenisUnit::StafAhli => "Staf Ahli",
            JenisUnit::InspekturPembantu => "Inspektur Pembantu",
            JenisUnit::Fungsional => "Kelompok Jabatan Fungsional",
            JenisUnit::Lainnya => "Unit Lainnya",
        }
    }
}

/// One unit of the organisation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// Id.
    pub id: String,
    /// Name ("Sekretariat", "Bidang Pelatihan").
    pub nama: String,
    /// Kind.
    pub jenis: JenisUnit,
    /// Parent unit id.
    #[serde(default)]
    pub induk: Option<String>,
    /// Duties, as paragraphs and nested lists.
    pub tugas: Vec<Block>,
}

/// Staff of the agency.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Pegawai {
    /// Counts per year, oldest first.
    pub per_tahun: Vec<PegawaiTahun>,
    /// Optional further breakdowns (education, jabatan …), each printed as a table.
    #[serde(default)]
    pub rincian: Vec<RincianPegawai>,
}

/// Staff counts for one year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PegawaiTahun {
    /// Year.
    pub tahun: Year,
    /// PNS per golongan.
    pub pns: PnsGolongan,
    /// PPPK (contract civil servants); the PPPK column is shown when any year gives it.
    #[serde(default)]
    pub pppk: Option<u32>,
}

/// PNS counts per golongan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PnsGolongan {
    /// Golongan I.
    #[serde(rename = "I")]
    pub i: u32,
    /// Golongan II.
    #[serde(rename = "II")]
    pub ii: u32,
    /// Golongan III.
    #[serde(rename = "III")]
    pub iii: u32,
    /// Golongan IV.
    #[serde(rename = "IV")]
    pub iv: u32,
}

/// A breakdown of the staff (e.g. by education); per year it must add up to PNS + PPPK.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RincianPegawai {
    /// Table title ("Jumlah Pegawai Menurut Tingkat Pendidikan").
    pub judul: String,
    /// Categories in printed order.
    pub baris: Vec<RincianBaris>,
}

/// One category of a staff breakdown.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RincianBaris {
    /// Category ("S1", "Jabatan Fungsional").
    pub nama: String,
    /// Count per year.
    pub jumlah: BTreeMap<Year, u32>,
}

/// An asset.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Aset {
    /// Name.
    pub nama: String,
    /// Quantity.
    pub jumlah: Dec,
    /// Unit of quantity ("unit", "buah").
    pub satuan: String,
    /// Value in rupiah.
    pub nilai: Dec,
}

/// The agency's own context statistics, declared as data: raw series, rates derived from
/// them, identities between them, and the context tables that show them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Statistik {
    /// Periods (columns), oldest first.
    pub periode: Vec<Periode>,
    /// Raw series the agency keeps (counts, areas …).
    pub seri: Vec<Seri>,
    /// Rates computed from two series.
    #[serde(default)]
    pub laju: Vec<LajuDef>,
    /// Declared identities (a series is the sum of others); a violation is a warning.
    #[serde(default)]
    pub identitas: Vec<Identitas>,
    /// Context tables, in printed order.
    #[serde(default)]
    pub tabel: Vec<TabelStatistik>,
}

/// One period of the statistics.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Periode {
    /// Id used as key in `seri[].nilai` (e.g. "2021").
    pub id: String,
    /// Column label ("Agustus 2020").
    pub label: String,
    /// Year the period belongs to.
    pub tahun: Year,
}

/// A raw statistic series.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Seri {
    /// Id (placeholder name: `{{ id.2021 }}`).
    pub id: String,
    /// Printed name ("Angkatan Kerja").
    pub nama: String,
    /// Unit ("orang", "km²").
    #[serde(default)]
    pub satuan: Option<String>,
    /// Value per period id; a period may be missing.
    pub nilai: BTreeMap<String, Dec>,
}

/// A derived rate: pembilang / penyebut × pengali, per period.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LajuDef {
    /// Id (placeholder name: `{{ tpt.2021 }}`).
    pub id: String,
    /// Printed name ("Tingkat Pengangguran Terbuka").
    pub nama: String,
    /// Abbreviation ("TPT").
    #[serde(default)]
    pub singkatan: Option<String>,
    /// Unit: "%" prints as percent; otherwise e.g. "per 100.000 KH".
    pub satuan: String,
    /// Numerator series id.
    pub pembilang: String,
    /// Denominator series id.
    pub penyebut: String,
    /// Multiplier (100, 1000, 100000 …).
    pub pengali: Dec,
}

/// An identity: `seri` = sum of `jumlah`, in every period where all are given.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Identitas {
    /// The total series id.
    pub seri: String,
    /// The part series ids.
    pub jumlah: Vec<String>,
}

/// A declared context table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TabelStatistik {
    /// Id.
    pub id: String,
    /// Title printed after the table number.
    pub judul: String,
    /// Source line printed under the table.
    #[serde(default)]
    pub sumber: Option<String>,
    /// Period ids shown as columns (default: every period).
    #[serde(default)]
    pub periode: Vec<String>,
    /// Rows.
    pub baris: Vec<BarisStatistik>,
}

/// A row of a context table: a series or rate, with optional sub-rows.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BarisStatistik {
    /// Series or rate id.
    pub id: String,
    /// Printed label (default: the name, with the abbreviation of a rate).
    #[serde(default)]
    pub label: Option<String>,
    /// Sub-rows, lettered a., b. …
    #[serde(default)]
    pub rincian: Vec<BarisStatistik>,
}

/// Higher or lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Polaritas {
    /// Higher is better.
    Positif,
    /// Lower is better.
    Negatif,
}

/// Tujuan with its goal indicators.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Tujuan {
    /// Id.
    pub id: String,
    /// Statement.
    pub nama: String,
    /// Goal indicators.
    pub indikator: Vec<IndikatorTujuan>,
}

/// Goal indicator (e.g. TPT), target per year and realisation per year or from a declared
/// statistic.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct IndikatorTujuan {
    /// Id (placeholder name).
    pub id: String,
    /// Name.
    pub nama: String,
    /// Unit ("%").
    pub satuan: String,
    /// Polarity.
    pub polaritas: Polaritas,
    /// Target per year.
    pub target: BTreeMap<Year, Dec>,
    /// Realisation per year (leave empty when `realisasi_dari` is set).
    pub realisasi: BTreeMap<Year, Dec>,
    /// Take the realisation of each year from a declared statistic (a `statistik.laju` or
    /// `statistik.seri` id): the value of the last period of that year.
    #[serde(default)]
    pub realisasi_dari: Option<String>,
}

/// A sasaran strategis.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Sasaran {
    /// Id ("S1").
    pub id: String,
    /// Statement.
    pub nama: String,
    /// Tujuan id it serves.
    #[serde(default)]
    pub tujuan: Option<String>,
    /// Indicators.
    pub indikator: Vec<Indikator>,
}

/// A performance indicator (IKU).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Indikator {
    /// Id ("IKU1"): the name used in placeholders.
    pub id: String,
    /// Name.
    pub nama: String,
    /// Unit of measure ("%").
    pub satuan: String,
    /// Responsible unit id.
    #[serde(default)]
    pub unit: Option<String>,
    /// Polarity.
    pub polaritas: Polaritas,
    /// Formula for negative polarity (overrides `tata_letak.rumus_negatif`).
    #[serde(default)]
    pub rumus_negatif: Option<RumusNegatif>,
    /// Formula text printed in the IKU table.
    #[serde(default)]
    pub formulasi: Option<String>,
    /// Target per year.
    pub target: BTreeMap<Year, Dec>,
    /// Realisation per year (leave empty when `realisasi_dari` is set).
    pub realisasi: BTreeMap<Year, Dec>,
    /// Take the realisation of each year from a declared statistic (a `statistik.laju` or
    /// `statistik.seri` id): the value of the last period of that year.
    #[serde(default)]
    pub realisasi_dari: Option<String>,
    /// Target at the end of the Renstra period.
    pub target_renstra: Dec,
    /// Realisation counted against the Renstra end target, when the agency reports one
    /// apart from the report year's realisation (e.g. cumulative); otherwise the report
    /// year's realisation is used.
    #[serde(default)]
    pub realisasi_renstra: Option<Dec>,
    /// National figure for the report year, when one exists.
    #[serde(default)]
    pub nasional: Option<Dec>,
    /// Point 5 of the analysis: causes of success or failure and the solutions.
    #[serde(default)]
    pub penyebab: Vec<Block>,
    /// Point 6: efficiency of the resources used (after the computed efficiency).
    #[serde(default)]
    pub efisiensi: Vec<Block>,
    /// Point 7: programs and activities that supported the result (after the list of the
    /// sasaran's programs).
    #[serde(default)]
    pub program_pendukung: Vec<Block>,
    /// Any further analysis, after the seven points.
    #[serde(default)]
    pub analisis: Vec<Block>,
}

/// A program.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Program {
    /// Id.
    pub id: String,
    /// Name.
    pub nama: String,
    /// Sasaran ids it supports.
    pub sasaran: Vec<String>,
    /// Is it a priority program (listed in BAB II)?
    #[serde(default)]
    pub prioritas: Option<bool>,
}

/// Budget for one sasaran (optionally one program of it).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Anggaran {
    /// Sasaran id.
    pub sasaran: String,
    /// Program id.
    #[serde(default)]
    pub program: Option<String>,
    /// Allocation (pagu) in rupiah.
    pub alokasi: Dec,
    /// Realisation in rupiah.
    pub realisasi: Dec,
}

/// One bound of a rating band.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Batas {
    /// Value in percent.
    pub nilai: Dec,
    /// Whether the value itself belongs to the band.
    pub inklusif: bool,
}

/// One band of a rating scale.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SkalaBand {
    /// Lower bound (none: unbounded below).
    #[serde(default)]
    pub dari: Option<Batas>,
    /// Upper bound (none: unbounded above).
    #[serde(default)]
    pub sampai: Option<Batas>,
    /// Score.
    pub nilai: u32,
    /// Label ("Sangat Baik").
    pub predikat: String,
}
