#!/usr/bin/env python3
"""Write the two synthetic stress bundles of data/ (issue 20): a planning board whose
indicators and budget run from 0,005 to trillions of rupiah with six-period statistics,
and a kecamatan with 30 villages. Both start from tests/fixtures/minimal.json (a valid
schema-2 bundle) and are fictional: names, numbers and texts are made up to stress the
layout, not taken from a real report. Deterministic: run from the repository root,
`python3 data/stress/make.py`, and commit the two JSON files it writes."""
import copy, json

BASE = json.load(open("tests/fixtures/minimal.json", encoding="utf-8"))
P = lambda text: {"p": text}


def common(b, nama, singkat, jabatan):
    b["instansi"] = {"nama": nama, "daerah": "Kabupaten Contoh", "pemerintah": "Pemerintah Kabupaten Contoh"}
    b["kop"] = {"alamat": "Jl. Raya Contoh Nomor 123 Blok C Lantai 2", "kota": "KABUPATEN CONTOH 61000",
                "telepon": "(0321) 000000", "faks": "(0321) 000001",
                "email": f"{singkat}@contohkab.go.id", "laman": f"https://{singkat}.contohkab.go.id"}
    b["pejabat"][0]["jabatan"] = jabatan
    b["surat_pengantar"]["hal"] = "Penyampaian Laporan Kinerja Instansi Pemerintah Tahun 2021"
    b["surat_pengantar"]["isi"] = [P(f"Bersama ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LKjIP) {nama} Tahun 2021 sebagai bahan evaluasi akuntabilitas kinerja.")]
    b["kata_pengantar"] = [P(f"Laporan ini menyajikan capaian kinerja {nama} Tahun 2021 beserta penggunaan anggarannya.")]
    b["ikhtisar"]["pembuka"] = [P(f"{nama} menetapkan sasaran strategis yang diukur dengan indikator kinerja utama.")]
    b["narasi"]["latar_belakang"] = [P("Laporan kinerja ini disusun berdasarkan Peraturan Presiden Nomor 29 Tahun 2014.")]
    b["narasi"]["kesimpulan"] = [P("Secara umum sasaran strategis telah tercapai.")]
    b["misi"] = ["Mewujudkan tata kelola pemerintahan yang baik"]


def planning_board():
    b = copy.deepcopy(BASE)
    common(b, "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "bapperida",
           "Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah Kabupaten Contoh")
    periods = [("2019-1", "Semester I 2019", 2019), ("2019-2", "Semester II 2019", 2019),
               ("2020-1", "Semester I 2020", 2020), ("2020-2", "Semester II 2020", 2020),
               ("2021-1", "Semester I 2021", 2021), ("2021-2", "Semester II 2021", 2021)]
    pdrb = [45120345678901.10, 46210987654321.5, 44987123456789, 45890234567890.25,
            47012345678901.75, 48123456789012]
    penduduk = [1119209, 1121418, 1123577, 1125806, 1128023, 1130287]
    miskin = [118390, 117812, 126570, 125911, 121034, 119876]
    b["statistik"] = {
        "periode": [{"id": i, "label": l, "tahun": t} for i, l, t in periods],
        "seri": [
            {"id": "pdrb", "nama": "Produk Domestik Regional Bruto Atas Dasar Harga Berlaku", "satuan": "rupiah",
             "nilai": {p[0]: v for p, v in zip(periods, pdrb)}},
            {"id": "penduduk", "nama": "Jumlah Penduduk", "satuan": "jiwa",
             "nilai": {p[0]: v for p, v in zip(periods, penduduk)}},
            {"id": "penduduk_miskin", "nama": "Jumlah Penduduk Miskin", "satuan": "jiwa",
             "nilai": {p[0]: v for p, v in zip(periods, miskin)}},
        ],
        "laju": [
            {"id": "pdrb_kapita", "nama": "PDRB per Kapita", "satuan": "rupiah",
             "pembilang": "pdrb", "penyebut": "penduduk", "pengali": 1},
            {"id": "kemiskinan", "nama": "Persentase Penduduk Miskin", "singkatan": "P0", "satuan": "%",
             "pembilang": "penduduk_miskin", "penyebut": "penduduk", "pengali": 100},
        ],
        "identitas": [],
        "tabel": [{"id": "makro", "judul": "Indikator Makro Pembangunan Kabupaten Contoh per Semester Tahun 2019–2021",
                   "sumber": "Badan Pusat Statistik Kabupaten Contoh (angka sementara)",
                   "baris": [{"id": "pdrb"}, {"id": "penduduk"}, {"id": "pdrb_kapita"},
                             {"id": "penduduk_miskin"}, {"id": "kemiskinan"}]}],
    }
    b["narasi"]["latar_belakang"] = [P("Tingkat kemiskinan Semester II 2021 tercatat {{ kemiskinan.2021 }}, dengan PDRB per kapita {{ pdrb_kapita.2021 }}.")]
    b["tujuan"] = [{"id": "T1", "nama": "Meningkatkan kualitas perencanaan pembangunan daerah",
                    "indikator": [{"id": "IT1", "nama": "Persentase Penduduk Miskin", "satuan": "%",
                                   "polaritas": "negatif", "target": {"2019": 10.5, "2020": 10.2, "2021": 10.4},
                                   "realisasi": {}, "realisasi_dari": "kemiskinan"}]}]
    ind = lambda i, nama, sat, pol, t, r, ren, **kw: dict(
        {"id": i, "nama": nama, "satuan": sat, "polaritas": pol, "target": t, "realisasi": r,
         "target_renstra": ren, "analisis": [P("Capaian {{ %s.capaian }} (%s)." % (i, "{{ %s.kategori }}" % i))],
         "penyebab": [P("Capaian didukung koordinasi perencanaan lintas perangkat daerah.")]}, **kw)
    y = lambda a, b_, c: {"2019": a, "2020": b_, "2021": c}
    b["sasaran"] = [
        {"id": "S1", "nama": "Meningkatnya kualitas dokumen perencanaan pembangunan daerah", "tujuan": "T1",
         "indikator": [
             ind("IKU1", "Nilai Produk Domestik Regional Bruto Atas Dasar Harga Berlaku", "rupiah", "positif",
                 y(180000000000000, 182500000000000, 185012345678901.10),
                 y(179450123456789, 181012345678901.5, 186012345678901.10), 190000000000000,
                 nasional=21000000000000000),
             ind("IKU2", "Koefisien Variasi Capaian Antar-Kecamatan", "indeks", "negatif",
                 y(0.008, 0.006, 0.005), y(0.009, 0.007, 0.004), 0.004, nasional=0.006),
             ind("IKU3", "Persentase Keselarasan Program RKPD terhadap RPJMD", "%", "positif",
                 y(92.5, 94, 95), y(93.18, 95.02, 96.44), 100, nasional=90.12),
         ]},
        {"id": "S2", "nama": "Meningkatnya pemanfaatan hasil riset dan inovasi daerah",
         "indikator": [
             ind("IKU4", "Jumlah Inovasi Daerah yang Diterapkan", "inovasi", "positif",
                 y(20, 25, 30), y(22, 27, 41), 40, nasional=35),
             ind("IKU5", "Rasio Belanja Modal terhadap Total Belanja Daerah", "rasio", "positif",
                 y(0.18, 0.19, 0.2), y(0.171, 0.188, 0.214), 0.25, nasional=0.192),
         ]},
    ]
    b["program"] = [
        {"id": "P1", "nama": "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah", "sasaran": ["S1"]},
        {"id": "P2", "nama": "Program Penelitian dan Pengembangan Daerah", "sasaran": ["S2"]},
        {"id": "P3", "nama": "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "sasaran": ["S1", "S2"]},
    ]
    b["anggaran"] = [
        {"sasaran": "S1", "program": "P1", "alokasi": 1012345678901.10, "realisasi": 987654321098.50},
        {"sasaran": "S1", "program": "P3", "alokasi": 4250000000, "realisasi": 3987125400},
        {"sasaran": "S2", "program": "P2", "alokasi": 2150000000, "realisasi": 2049871250},
        {"sasaran": "S2", "program": "P3", "alokasi": 1250000, "realisasi": 1249999},
    ]
    b["aset"] = [
        {"nama": "Gedung Kantor Badan", "jumlah": 1, "satuan": "unit", "nilai": 12876543210.5},
        {"nama": "Kendaraan Dinas Roda Empat", "jumlah": 6, "satuan": "unit", "nilai": 2145000000},
        {"nama": "Perangkat Lunak Sistem Informasi Perencanaan", "jumlah": 3, "satuan": "paket", "nilai": 987500},
    ]
    b["pegawai"] = {"per_tahun": [
        {"tahun": 2020, "pns": {"I": 0, "II": 4, "III": 31, "IV": 9}, "pppk": 2},
        {"tahun": 2021, "pns": {"I": 0, "II": 3, "III": 33, "IV": 10}, "pppk": 5}]}
    return b


DESA = ["Awang-Awang", "Belahan Tengah", "Berat Kulon", "Berat Wetan", "Jotangan", "Kauman",
        "Kebondalem", "Kedunggempol", "Kedunglengkong", "Leminggir", "Menanggal", "Modopuro",
        "Mojosulur", "Ngimbangan", "Pekukuhan", "Penompo", "Randubango", "Seduri", "Sarirejo",
        "Sumbertebu", "Wonokusumo", "Gebangmalang", "Kebondalem Lor", "Kutogirang", "Sukoanyar",
        "Tunggalpager", "Kemlagi Lor", "Jabontegal", "Pandanarum", "Sumberwono"]


def kecamatan():
    b = copy.deepcopy(BASE)
    common(b, "Kecamatan Contoh", "kec-contoh", "Camat Contoh Kabupaten Contoh")
    b["pejabat"][0]["golongan"] = "IV/b"
    b["pejabat"][0]["pangkat"] = "Pembina Tingkat I"
    years = ["2019", "2020", "2021"]
    seri, rincian = [], []
    total = {y: 0 for y in years}
    for k, nama in enumerate(DESA):
        sid = f"desa_{k+1:02d}"
        vals = {y: 1800 + (k * 7919) % 4200 + j * (11 + k % 5) for j, y in enumerate(years)}
        for y in years:
            total[y] += vals[y]
        seri.append({"id": sid, "nama": f"Desa {nama}", "satuan": "jiwa", "nilai": vals})
        rincian.append({"id": sid})
    seri.append({"id": "penduduk", "nama": "Jumlah Penduduk", "satuan": "jiwa", "nilai": total})
    seri.append({"id": "luas", "nama": "Luas Wilayah", "satuan": "km²", "nilai": {y: 65.42 for y in years}})
    seri.append({"id": "jumlah_desa", "nama": "Jumlah Desa", "satuan": "desa", "nilai": {y: 30 for y in years}})
    b["statistik"] = {
        "periode": [{"id": y, "label": y, "tahun": int(y)} for y in years],
        "seri": seri,
        "laju": [{"id": "kepadatan", "nama": "Kepadatan Penduduk", "satuan": "jiwa/km²",
                  "pembilang": "penduduk", "penyebut": "luas", "pengali": 1}],
        "identitas": [{"seri": "penduduk", "jumlah": [s["id"] for s in seri[:30]]}],
        "tabel": [{"id": "penduduk_desa", "judul": "Jumlah Penduduk per Desa di Kecamatan Contoh Tahun 2019–2021",
                   "sumber": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh",
                   "baris": [{"id": "penduduk", "label": "Jumlah Penduduk (jiwa)", "rincian": rincian},
                             {"id": "luas"}, {"id": "kepadatan"}, {"id": "jumlah_desa"}]}],
    }
    b["narasi"]["latar_belakang"] = [P("Kecamatan Contoh terdiri atas 30 desa dengan kepadatan {{ kepadatan.2021 }}.")]
    b["tujuan"] = [{"id": "T1", "nama": "Meningkatkan kualitas pelayanan publik di kecamatan",
                    "indikator": [{"id": "IT1", "nama": "Indeks Kepuasan Masyarakat", "satuan": "indeks",
                                   "polaritas": "positif", "target": {"2019": 80, "2020": 81, "2021": 82},
                                   "realisasi": {"2019": 80.12, "2020": 82.5, "2021": 83.07}}]}]
    inds = []
    for k in range(8):
        i = f"IKU{k+1}"
        inds.append({"id": i, "nama": f"Persentase desa dengan {['administrasi tertib', 'APBDes tepat waktu', 'musrenbang terlaksana', 'BUMDes aktif', 'posyandu aktif', 'ketertiban terjaga', 'PBB lunas', 'data kependudukan mutakhir'][k]}",
                     "satuan": "%", "polaritas": "positif",
                     "target": {"2019": 80 + k, "2020": 82 + k, "2021": 84 + k},
                     "realisasi": {"2019": 79 + k * 1.5, "2020": 83 + k, "2021": 85.5 + k * 1.1},
                     "target_renstra": 90 + k,
                     "nasional": 78.5 + k,
                     "analisis": [P("Capaian {{ %s.capaian }}." % i)],
                     "penyebab": [P("Pendampingan desa oleh kecamatan berjalan rutin.")]})
    b["sasaran"] = [{"id": "S1", "nama": "Meningkatnya kualitas penyelenggaraan pemerintahan desa", "tujuan": "T1",
                     "indikator": inds[:4]},
                    {"id": "S2", "nama": "Meningkatnya ketenteraman, ketertiban dan pelayanan masyarakat",
                     "indikator": inds[4:]}]
    b["program"] = [{"id": "P1", "nama": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "sasaran": ["S1", "S2"]},
                    {"id": "P2", "nama": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "sasaran": ["S1"]}]
    b["anggaran"] = [{"sasaran": "S1", "program": "P1", "alokasi": 612500000, "realisasi": 598214750},
                     {"sasaran": "S1", "program": "P2", "alokasi": 345000000, "realisasi": 301998000},
                     {"sasaran": "S2", "program": "P1", "alokasi": 287650000, "realisasi": 279112300}]
    return b


for name, bundle in [("data/bapperida-contoh-2021.json", planning_board()),
                     ("data/kecamatan-contoh-2021.json", kecamatan())]:
    with open(name, "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote", name)
