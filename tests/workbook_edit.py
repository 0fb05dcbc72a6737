"""Edit an lkjip workbook as a user would, with openpyxl (used by tests/workbook.rs).

    python3 workbook_edit.py IN.xlsx OUT.xlsx 'OPS'

OPS is a JSON list of operations, applied in order:
  ["set", sheet, row_id, header, value]   value: number, text, or null (empties the cell);
                                          "#DIV/0!" becomes a formula error cell
  ["date", sheet, row_id, header]         a date (2022-01-07) typed into the cell
  ["swap", sheet, row_id1, row_id2]       swap two whole rows (a row moved)
  ["setid", sheet, row_id, new_id]        change the id in column A
  ["cell", sheet, "B7", value]            set a cell by its reference
  ["rename", sheet, new_name]
  ["delete", sheet]
"""

import datetime
import json
import sys

import openpyxl


def main():
    src, dst, ops = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    wb = openpyxl.load_workbook(src)

    def row_of(ws, key):
        for row in ws.iter_rows(min_row=2, max_col=1):
            if str(row[0].value) == key:
                return row[0].row
        raise SystemExit(f"{ws.title}: no row {key}")

    def col_of(ws, header):
        for c in ws[1]:
            if c.value == header:
                return c.column
        raise SystemExit(f"{ws.title}: no column {header}")

    for op in ops:
        kind = op[0]
        if kind == "set":
            _, sheet, key, header, value = op
            ws = wb[sheet]
            ws.cell(row_of(ws, key), col_of(ws, header)).value = value
        elif kind == "date":
            _, sheet, key, header = op
            ws = wb[sheet]
            ws.cell(row_of(ws, key), col_of(ws, header)).value = datetime.date(2022, 1, 7)
        elif kind == "swap":
            _, sheet, k1, k2 = op
            ws = wb[sheet]
            r1, r2 = row_of(ws, k1), row_of(ws, k2)
            for c in range(1, ws.max_column + 1):
                a, b = ws.cell(r1, c), ws.cell(r2, c)
                a.value, b.value = b.value, a.value
        elif kind == "setid":
            _, sheet, key, new = op
            ws = wb[sheet]
            ws.cell(row_of(ws, key), 1).value = new
        elif kind == "cell":
            _, sheet, ref, value = op
            wb[sheet][ref] = value
        elif kind == "rename":
            wb[op[1]].title = op[2]
        elif kind == "delete":
            del wb[op[1]]
        else:
            raise SystemExit(f"unknown operation {kind}")
    wb.save(dst)


if __name__ == "__main__":
    main()
