"""Edits a DOCX made by lkjip the way a colleague would, with python-docx (tests/roundtrip.rs).

usage: roundtrip_edit.py IN.docx OUT.docx EDIT...

EDIT is one of: rewrite, around, item, bold, cell, capaian (retyped inside its control),
capaian_cell (the whole cell replaced with python-docx's cell.text), prose (a figure in a
narrative paragraph retyped), delete, tracked (an insertion
and a deletion with change tracking, and a comment). Each prints one line
"EDIT: <what was done>" or exits 2 when the place to edit is not found. Paragraphs are found
through the XML (python-docx does not list paragraphs or run text inside content controls).
"""

import copy
import sys

import docx
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text_of(el):
    return "".join(t.text or "" for t in el.iter(W + "t"))


def paragraphs(body):
    return [p for p in body.iter(W + "p")]


def find_para(body, start):
    for p in paragraphs(body):
        if text_of(p).startswith(start):
            return p
    sys.exit(f"paragraph starting {start!r} not found")


def set_text(p, text):
    """Replace a paragraph's runs (keeping its properties and bookmarks) by one run."""
    for child in list(p):
        if child.tag in (W + "r", W + "sdt", W + "hyperlink"):
            p.remove(child)
    r = p.makeelement(W + "r", {})
    t = r.makeelement(W + "t", {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    p.append(r)
    return r


def run(p, text, bold=False):
    r = p.makeelement(W + "r", {})
    if bold:
        rpr = r.makeelement(W + "rPr", {})
        rpr.append(rpr.makeelement(W + "b", {}))
        r.append(rpr)
    t = r.makeelement(W + "t", {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def main():
    src, dst, *edits = sys.argv[1:]
    d = docx.Document(src)
    body = d.element.body
    for e in edits:
        if e == "rewrite":
            p = find_para(body, "Sejalan dengan amanat Peraturan Presiden")
            set_text(p, "Paragraf latar belakang ini ditulis ulang oleh rekan kerja.")
        elif e == "around":
            # a sentence added around the figure of a placeholder in prose
            for p in paragraphs(body):
                sdts = [s for s in p.findall(W + "sdt")]
                if sdts and text_of(p).startswith("Berdasarkan tabel-tabel di atas"):
                    s = sdts[0]
                    s.addprevious(run(p, "kurang lebih "))
                    s.addnext(run(p, " (angka resmi)"))
                    break
            else:
                sys.exit("no paragraph with a figure found")
        elif e == "item":
            p = find_para(body, "Menjadi bahan evaluasi")
            q = copy.deepcopy(p)
            set_text(q, "Menjadi dasar perbaikan layanan tahun berikutnya.")
            p.addnext(q)
        elif e == "bold":
            p = find_para(body, "Pembangunan kesehatan merupakan")
            r = p.findall(W + "r")[0]
            t = r.find(W + "t")
            first, rest = t.text.split(" ", 1)
            t.text = " " + rest
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.addprevious(run(p, first, bold=True))
        elif e == "cell":
            for tbl in d.tables:
                if tbl.cell(0, 0).text == "Jenis Fasilitas":
                    tbl.cell(2, 1).text = "17"
                    break
            else:
                sys.exit("narrative table not found")
        elif e == "capaian":
            done = False
            for s in body.iter(W + "sdt"):
                tag = s.find(W + "sdtPr/" + W + "tag")
                if tag is not None and tag.get(W + "val", "").endswith(".capaian"):
                    parent = s.getparent()
                    while parent is not None and parent.tag != W + "tbl":
                        parent = parent.getparent()
                    if parent is None:
                        continue
                    ts = list(s.iter(W + "t"))
                    ts[0].text = "135,89%"
                    for t in ts[1:]:
                        t.text = ""
                    done = True
                    break
            if not done:
                sys.exit("no capaian cell found")
        elif e == "capaian_cell":
            from docx.table import _Cell
            for s_ in body.iter(W + "sdt"):
                tag = s_.find(W + "sdtPr/" + W + "tag")
                if tag is not None and tag.get(W + "val", "").endswith(".capaian"):
                    tc = s_.getparent()
                    while tc is not None and tc.tag != W + "tc":
                        tc = tc.getparent()
                    if tc is None:
                        continue
                    _Cell(tc, None).text = "135,89%"
                    break
            else:
                sys.exit("no capaian cell found")
        elif e == "prose":
            p = find_para(body, "Berdasarkan tabel-tabel di atas")
            s_ = p.findall(W + "sdt")[0]
            ts = list(s_.iter(W + "t"))
            ts[0].text = "140,00"
            for t in ts[1:]:
                t.text = ""
        elif e == "delete":
            p = find_para(body, "Peningkatan AKI pada Tahun 2021")
            p.getparent().remove(p)
        elif e == "tracked":
            p = find_para(body, "Maksud penyusunan LKjIP")
            runs = p.findall(W + "r")
            ins = p.makeelement(W + "ins", {W + "id": "9001", W + "author": "Rekan", W + "date": "2022-03-01T00:00:00Z"})
            ins.append(run(p, " Ditambahkan dengan lacak perubahan."))
            p.append(ins)
            # the first word deleted with tracking
            t = runs[0].find(W + "t")
            first, rest = t.text.split(" ", 1)
            t.text = rest
            dele = p.makeelement(W + "del", {W + "id": "9002", W + "author": "Rekan", W + "date": "2022-03-01T00:00:00Z"})
            r = p.makeelement(W + "r", {})
            dt = r.makeelement(W + "delText", {})
            dt.text = first + " "
            dt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(dt)
            dele.append(r)
            runs[0].addprevious(dele)
            from docx.text.run import Run
            from docx.text.paragraph import Paragraph
            d.add_comment(Run(runs[0], Paragraph(p, d._body)), text="Mohon dicek lagi.", author="Rekan")
        else:
            sys.exit(f"unknown edit {e}")
        print(f"{e}: done")
    d.save(dst)


if __name__ == "__main__":
    main()
