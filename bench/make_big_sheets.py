#!/usr/bin/env python3
"""Write the ~10 MB workbooks of the spreadsheet speed check (issue 20).

Usage: make_big_sheets.py OUTDIR   (needs `pip install xlwt openpyxl`)
Writes OUTDIR/big.xls (BIFF8, about 10 MB) and OUTDIR/big.xlsx with the same
kind of cells: rows of a budget table (number, name, address, four amounts,
a note), names and addresses varied so the shared-string table is large;
27 000 rows make the .xls about 10 MB, 115 000 rows the .xlsx.
"""
import random
import sys

import openpyxl
import xlwt

XLS_ROWS = 27_000
XLSX_ROWS = 115_000
rng = random.Random(20)
WORDS = ["Hỗ trợ", "chủ thể", "sản xuất", "sản phẩm", "mật ong", "chè", "nước mắm",
         "bánh tráng", "thôn", "xã", "phường", "huyện", "Tân Lập", "Đông Sơn", "Bình Minh"]


def phrase(n):
    return " ".join(rng.choice(WORDS) for _ in range(n)) + f" {rng.randrange(10**6)}"


def rows(n):
    for r in range(n):
        yield [r + 1, phrase(6), phrase(5), rng.randrange(10**9), rng.randrange(10**6) / 10,
               rng.randrange(10**7), rng.randrange(10**5), phrase(3)]


def main():
    out = sys.argv[1]
    data = list(rows(XLS_ROWS))
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Biểu")
    money = xlwt.easyxf(num_format_str="#,##0")
    for r, row in enumerate(data):
        for c, v in enumerate(row):
            if c in (3, 5):
                ws.write(r, c, v, money)
            else:
                ws.write(r, c, v)
    wb.save(f"{out}/big.xls")
    data = list(rows(XLSX_ROWS))
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Biểu")
    for row in data:
        ws.append(row)
    wb.save(f"{out}/big.xlsx")


if __name__ == "__main__":
    main()
