#!/usr/bin/env python3
"""Write a large valid bundle for load and scale tests: N indicators (5 per sasaran),
a budget row per sasaran, and long narratives. Usage: make_large.py N OUT.json"""
import json, sys

n, out = int(sys.argv[1]), sys.argv[2]
base = json.load(open("tests/fixtures/minimal.json", encoding="utf-8"))
words = ("pelaksanaan program ketenagakerjaan dan transmigrasi di wilayah kabupaten dengan "
         "dukungan anggaran serta sumber daya manusia yang memadai ").split()
para = lambda i: {"p": " ".join(words[(i + k) % len(words)] for k in range(120))}
sasaran, anggaran = [], []
for s in range((n + 4) // 5):
    inds = []
    for k in range(5):
        i = s * 5 + k
        if i >= n:
            break
        inds.append({
            "id": f"IKU{i+1}", "nama": f"Persentase indikator kinerja nomor {i+1} bidang ketenagakerjaan",
            "satuan": "%", "polaritas": "positif" if i % 3 else "negatif",
            "target": {"2019": 80 + i % 7, "2020": 82 + i % 5, "2021": 85 + i % 9},
            "realisasi": {"2019": 79 + i % 11, "2020": 83 + i % 4, "2021": 84 + (i * 7) % 13},
            "target_renstra": 90, "analisis": [para(i), {"p": f"Capaian {{{{ IKU{i+1}.capaian }}}}."}],
        })
    sasaran.append({"id": f"S{s+1}", "nama": f"Meningkatnya kinerja sasaran strategis nomor {s+1}", "indikator": inds})
    anggaran.append({"sasaran": f"S{s+1}", "alokasi": 100000000 + s * 1234567, "realisasi": 80000000 + s * 999999})
base["sasaran"], base["anggaran"] = sasaran, anggaran
base["program"] = [{"id": "P1", "nama": "Program Penempatan Tenaga Kerja", "sasaran": [s["id"] for s in sasaran]}]
base["narasi"]["latar_belakang"] = [para(i) for i in range(n // 10)]
json.dump(base, open(out, "w", encoding="utf-8"), ensure_ascii=False)
