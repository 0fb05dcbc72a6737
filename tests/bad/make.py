#!/usr/bin/env python3
"""Regenerate the bad-input corpus from tests/fixtures/minimal.json.

Each case is `NAME.json` (the broken bundle). The expected stderr and exit code live in
`NAME.expected` (first line: exit code; then the stderr lines, with `{file}` for the
bundle's path). Expected files are written by `make.py --bless BINARY` and then reviewed by
a person: each message must name the file, the position and the field, and say what is
wrong. Run from the repository root.
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
BASE = open(os.path.join(ROOT, "..", "fixtures", "minimal.json"), encoding="utf-8").read()
# The same bundle in schema version 1: its problems are reported through the migration.
BASE_V1 = open(os.path.join(ROOT, "..", "fixtures", "v1", "minimal.json"), encoding="utf-8").read()

def edit(fn, base=None):
    def make():
        v = json.loads(base or BASE)
        fn(v)
        return json.dumps(v, indent=2, ensure_ascii=False).encode()
    return make

def text(old, new):
    def make():
        assert old in BASE, old
        return BASE.replace(old, new, 1).encode()
    return make

def raw(b):
    return lambda: b

def setp(path, value):
    def fn(v):
        cur = v
        for k in path[:-1]:
            cur = cur[k]
        cur[path[-1]] = value
    return edit(fn)

def delp(path):
    def fn(v):
        cur = v
        for k in path[:-1]:
            cur = cur[k]
        del cur[path[-1]]
    return edit(fn)

IND = ["sasaran", 0, "indikator", 0]
CASES = {
    "empty-file": raw(b""),
    "only-whitespace": raw(b"  \n\n "),
    "truncated": lambda: BASE.encode()[: len(BASE) // 2],
    "trailing-comma": text('"Mojokerto", "periode_renstra": [2016, 2021] }', '"Mojokerto", "periode_renstra": [2016, 2021], }'),
    "line-comment": text('"schema_version": 2,', '"schema_version": 2, // versi'),
    "block-comment": text('"schema_version": 2,', '/* versi */ "schema_version": 2,'),
    "nul-byte": lambda: BASE.encode().replace(b'"schema_version"', b'\x00"schema_version"', 1),
    "nul-in-string": lambda: BASE.encode().replace(b"Puji syukur.", b"Puji\x00syukur.", 1),
    "bom": lambda: b"\xef\xbb\xbf" + BASE.encode(),
    "not-utf8": lambda: BASE.encode().replace(b"Puji syukur.", b"Puji \xff\xfe syukur.", 1),
    "top-level-array": raw(b"[1, 2, 3]\n"),
    "top-level-string": raw(b"\"laporan\"\n"),
    "single-quotes": text('"sifat": "Segera"', "'sifat': 'Segera'"),
    "unquoted-word": text('"sifat": "Segera"', '"sifat": Segera'),
    "duplicate-key": text('"sifat": "Segera",', '"sifat": "Segera", "sifat": "Biasa",'),
    "schema-version-3": setp(["schema_version"], 3),
    "schema-version-as-text": setp(["schema_version"], "2"),
    "year-as-text": setp(["laporan", "tahun"], "dua ribu"),
    "misi-not-a-list": setp(["misi"], "Meningkatkan kualitas"),
    "negative-count": setp(["pegawai", "per_tahun", 0, "pns", "II"], -1),
    "fractional-count": setp(["pegawai", "per_tahun", 0, "pns", "II"], 2.5),
    "v1-negative-count": edit(lambda v: v["pegawai"][0].update({"golongan_ii": -1}), BASE_V1),
    "v1-labour-zero-workforce": edit(lambda v: v["ketenagakerjaan"]["periode"][0].update({"angkatan_kerja": 0}), BASE_V1),
    "rate-zero-denominator": setp(["statistik", "seri", 1, "nilai", "2021"], 0),
    "rate-unknown-series": setp(["statistik", "laju", 0, "penyebut"], "angkatan"),
    "rate-zero-multiplier": setp(["statistik", "laju", 0, "pengali"], 0),
    "statistik-unknown-period": setp(["statistik", "seri", 0, "nilai"], {"2012": 5}),
    "statistik-duplicate-id": setp(["statistik", "laju", 1, "id"], "tpt"),
    "statistik-id-of-a-figure": setp(["statistik", "seri", 0, "id"], "anggaran"),
    "table-unknown-row": setp(["statistik", "tabel", 0, "baris", 2, "id"], "tpk"),
    "identity-violated": setp(["statistik", "seri", 2, "nilai", "2021"], 800000),
    "realisation-from-unknown-statistic": setp(["tujuan", 0, "indikator", 0, "realisasi_dari"], "tpr"),
    "realisation-typed-and-computed": setp(["tujuan", 0, "indikator", 0, "realisasi"], {"2021": 3.1}),
    "realisation-statistic-lacks-year": setp(["statistik", "periode", 0, "tahun"], 2020),
    "unit-cycle": edit(lambda v: (
        v["organisasi"]["unit"][1].update({"induk": "sb0"}),
        v["organisasi"]["unit"].append({"id": "sb0", "nama": "Sub Bagian Umum", "jenis": "subbagian", "induk": "sekr", "tugas": []}),
    )),
    "unknown-unit-kind": setp(["organisasi", "unit", 1, "jenis"], "puskesmas"),
    "unknown-unit-kind-name": setp(["organisasi", "nama_jenis"], {"upt": "UPT Puskesmas", "uptd": "UPTD"}),
    "emblem-missing": setp(["kop", "lambang"], "lambang-tidak-ada.png"),
    "emblem-not-png": setp(["kop", "lambang"], "make.py"),
    "desimal-too-many": setp(["tata_letak"], {"desimal": 9}),
    "outline-unknown-component": setp(["kerangka"], {"ubah": [
        {"sisip": {"id": "grafik-ikm", "komponen": "grafik_ikm"}, "ke": "capaian"}]}),
    "outline-unknown-id": setp(["kerangka"], {"ubah": [{"hapus": "sistematik"}]}),
    "phrase-unknown-id": setp(["frasa"], {"ikhtisar.judull": "RINGKASAN EKSEKUTIF"}),
    "phrase-unknown-placeholder": setp(["frasa"], {"analisis.target": "Indikator {{ indikatr }} tercapai {{ IKU1.capaian }}."}),
    "outline-chart-unknown-statistic": setp(["kerangka"], {"ubah": [
        {"sisip": {"id": "grafik-tpt", "komponen": "grafik_statistik", "tabel": "tpu"}, "ke": "capaian"}]}),
    "outline-chart-without-statistic": setp(["kerangka"], {"ubah": [
        {"sisip": {"id": "grafik-tpt", "komponen": "grafik_statistik"}, "ke": "capaian"}]}),
    "outline-missing-narrative": delp(["narasi", "kesimpulan"]),
    "outline-unplaced-narrative": setp(["narasi", "inovasi"], [{"p": "Inovasi daerah."}]),
    "outline-item-of-two-kinds": setp(["kerangka"], {"ubah": [
        {"sisip": {"narasi": "saran", "komponen": "skala"}, "ke": "penutup"}]}),
    "staff-duplicate-year": edit(lambda v: v["pegawai"]["per_tahun"].append(
        {"tahun": 2021, "pns": {"I": 0, "II": 1, "III": 1, "IV": 1}})),
    "staff-breakdown-total": setp(["pegawai", "rincian"], [
        {"judul": "Pendidikan", "baris": [{"nama": "S1", "jumlah": {"2021": 20}}, {"nama": "SMA", "jumlah": {"2021": 5, "2019": 3}}]}]),
    "missing-field": delp(["laporan", "tempat"]),
    "missing-section": delp(["kop"]),
    "no-sasaran": setp(["sasaran"], []),
    "unknown-top-field": lambda: BASE.replace('"visi":', '"visie": "x",\n  "visi":', 1).encode(),
    "unknown-nested-field": setp(IND + ["satuann"], "%"),
    "decimal-1.2.3": setp(IND + ["target_renstra"], "1.2.3"),
    # A dot in a text always groups thousands: "87.12" could be read two ways.
    "decimal-english-point": setp(IND + ["target_renstra"], "87.12"),
    "decimal-1e400": text('"target_renstra": 87,', '"target_renstra": 1e400,'),
    "decimal-too-long": text('"target_renstra": 87,', '"target_renstra": 123456789012345678901234567890123,'),
    "decimal-bool": setp(IND + ["target_renstra"], True),
    "zero-target": setp(IND + ["target", "2021"], 0),
    "negative-allocation": setp(["anggaran", 0, "alokasi"], -605313104),
    "negative-asset": setp(["aset", 0, "nilai"], "-1.000,50"),
    "impossible-date": setp(["laporan", "tanggal"], "2021-02-30"),
    "date-wrong-format": setp(["surat_pengantar", "tanggal"], "18-02-2022"),
    "month-13": setp(["laporan", "tanggal"], "2022-13-01"),
    "year-key-not-a-year": setp(IND + ["realisasi", "20x1"], 5),
    "nip-19-digits": setp(["pejabat", 0, "nip"], "1969062119980210011"),
    "nip-with-spaces": setp(["pejabat", 0, "nip"], "19690621 199802 1 001"),
    "nip-bad-birth-date": setp(["pejabat", 0, "nip"], "196913211998021001"),
    "nip-appointed-at-10": setp(["pejabat", 0, "nip"], "196906211979071001"),
    "nip-sex-digit": setp(["pejabat", 0, "nip"], "196906211998020001"),
    "pangkat-golongan": setp(["pejabat", 0, "pangkat"], "Pembina Utama Madya"),
    "unknown-golongan": setp(["pejabat", 0, "golongan"], "V/a"),
    "unknown-polarity": setp(IND + ["polaritas"], "positive"),
    "unknown-list-style": setp(["narasi", "saran", 0, "list", "style"], "i."),
    "unknown-span-style": setp(["kata_pengantar", 0, "p"], ["Puji ", {"bold": "syukur"}]),
    "overlapping-scale": setp(["skala"], [
        {"dari": {"nilai": 100, "inklusif": True}, "nilai": 2, "predikat": "Baik"},
        {"sampai": {"nilai": 100, "inklusif": True}, "nilai": 1, "predikat": "Kurang"}]),
    "gapped-scale": setp(["skala"], [
        {"dari": {"nilai": 75, "inklusif": True}, "nilai": 2, "predikat": "Baik"},
        {"sampai": {"nilai": 55, "inklusif": False}, "nilai": 1, "predikat": "Kurang"}]),
    "scale-without-top": setp(["skala"], [
        {"dari": {"nilai": 0, "inklusif": True}, "sampai": {"nilai": 100, "inklusif": True}, "nilai": 1, "predikat": "Baik"}]),
    "unknown-placeholder": setp(["narasi", "kesimpulan", 0, "p"], "Capaian {{ IKU9.capaian }}."),
    "unclosed-placeholder": setp(["narasi", "kesimpulan", 0, "p"], "Capaian {{ IKU1.capaian."),
    "duplicate-sasaran-id": setp(["sasaran", 1, "id"], "S1"),
    "duplicate-indicator-id": setp(["sasaran", 1, "indikator", 0, "id"], "IKU1"),
    "dangling-sasaran": setp(["anggaran", 0, "sasaran"], "S7"),
    "dangling-signatory": setp(["penandatangan", "kepala"], "kadiss"),
    "dangling-unit-parent": setp(["organisasi", "unit", 1, "induk"], "kepala"),
    "missing-report-year-realisation": delp(IND + ["realisasi", "2021"]),
    "t-over-r-zero": lambda: edit(lambda v: v["sasaran"][1]["indikator"][0].update(
        {"polaritas": "negatif", "rumus_negatif": "T/R", "realisasi": {"2021": 0}}))(),
    "deep-nesting": lambda: BASE.replace('"misi": [', '"misi": [' + "[" * 100000, 1).encode(),
    "very-long-string": setp(["kata_pengantar", 0, "p"], "panjang " * 20000),
    "control-character": setp(["visi"], "Terwujudnya\u0001masyarakat"),
    "glyph-not-in-fonts": setp(["visi"], "Visi 中文 tersebut"),
    "noncharacter-fffe": setp(["visi"], "Terwujudnya \ufffe masyarakat"),
    "many-errors-at-once": edit(lambda v: (
        v["laporan"].update({"tempat": 5}),
        v["sasaran"][0]["indikator"][0].update({"target_renstra": "1.2.3", "polaritas": "naik"}),
        v["pejabat"][0].update({"nip": 196906211998021001}),
    )),
}

def main():
    bless = sys.argv[1:2] == ["--bless"]
    binary = sys.argv[2] if bless else None
    for name, make in sorted(CASES.items()):
        path = os.path.join(ROOT, name + ".json")
        with open(path, "wb") as f:
            f.write(make())
        if bless:
            rel = os.path.relpath(path)
            p = subprocess.run([binary, "check", rel], capture_output=True)
            err = p.stderr.decode("utf-8", "replace").replace(rel, "{file}")
            with open(os.path.join(ROOT, name + ".expected"), "w", encoding="utf-8") as f:
                f.write(f"{p.returncode}\n{err}")
    print(len(CASES), "cases")

main()
