#!/usr/bin/env python3
"""OCR figures of issue 18 on the benchmark scans (not a CI test).

    python3 fixtures/make_scans.py --bench       # target/scan-bench/
    cargo build
    python3 bench/ocr_bench.py [target/debug/baocao]

For every page image (the letter and two pages of fixtures/pdf/001_*, each
clean and degraded: noise, blur, dark, 1 degree rotation) it compares, against
the page's truth (what was drawn, or the text layer of the PDF):

- Tesseract alone (`tesseract IMG - -l vie --psm 3`, plain text), and
- baocao (`baocao extract`, the contract's `text`),

by word error rate on the whole page and on the body (the truth's running
text found in the output by a semi-global alignment), the share of
diacritic-bearing letters right, and typed references found exactly. Then
the speed (pages per minute, -j 1 and -j 2) and the extraction of an
image-only PDF against the text PDF of the same pages.
"""
import json
import os
import resource
import re
import subprocess
import sys
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "target", "scan-bench")
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "baocao")
KINDS = ("clean", "noise", "blur", "dark", "rotate")
REF = re.compile(
    r"(?:Quyết định|Nghị quyết|Kế hoạch|Văn bản|Công văn|Thông tư|Nghị định|Chỉ thị)"
    r" số \S+(?: ngày \d{1,2}/\d{1,2}/\d{4}| ngày \d{1,2} tháng \d{1,2} năm \d{4})?"
)


def words(s):
    s = unicodedata.normalize("NFC", s)
    return re.findall(r"[^\s|_]+", s)


def align(ref, hyp, free_ends=False):
    """Word alignment (Levenshtein). With free_ends the reference may match
    any stretch of the hypothesis. Returns (errors, pairs), pairs being
    (ref word, hyp word or None)."""
    n, m = len(ref), len(hyp)
    INF = 10**9
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = i
    for j in range(1, m + 1):
        d[0][j] = 0 if free_ends else j
    for i in range(1, n + 1):
        di, dp = d[i], d[i - 1]
        r = ref[i - 1]
        for j in range(1, m + 1):
            c = dp[j - 1] + (r != hyp[j - 1])
            if dp[j] + 1 < c:
                c = dp[j] + 1
            if di[j - 1] + 1 < c:
                c = di[j - 1] + 1
            di[j] = c
    j = min(range(m + 1), key=lambda k: d[n][k]) if free_ends else m
    errors = d[n][j]
    pairs = []
    i = n
    while i > 0:
        if j > 0 and d[i][j] == d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            pairs.append((ref[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j] + 1:
            pairs.append((ref[i - 1], None))
            i -= 1
        elif j > 0:
            j -= 1
        else:
            pairs.append((ref[i - 1], None))
            i -= 1
    return errors, pairs[::-1]


def diacritics(pairs):
    """(right, total) over diacritic-bearing letters of the reference words."""
    right = total = 0
    for r, h in pairs:
        marked = [c for c in r if c.isalpha() and not c.isascii()]
        total += len(marked)
        if h is None:
            continue
        if len(r) == len(h):
            right += sum(1 for a, b in zip(r, h) if a == b and a in marked)
        else:
            right += sum(1 for c in marked if c in h)
    return right, total


def body_lines(name, truth):
    """The truth's running text: the letter's paragraphs (no header, title,
    table or signature); a 001 page's lines that are not table rows."""
    if name == "letter":
        start = truth.index(next(l for l in truth if l.startswith("Thực hiện")))
        end = next(i for i, l in enumerate(truth) if l.startswith("TT\t"))
        return truth[start:end]
    return [l for l in truth if "\t" not in l and len(l) > 40]


def baocao_text(path):
    out = subprocess.run([BIN, "extract", "-q", "-j", "1", "--jsonl", "-", path],
                         capture_output=True, check=False).stdout.decode()
    return json.loads(out.splitlines()[0]).get("text") or ""


def tesseract_text(path):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    return subprocess.run(["tesseract", path, "-", "-l", "vie", "--psm", "3"],
                          capture_output=True, env=env).stdout.decode()


def refs_exact(truth_text, hyp_text):
    want = REF.findall(truth_text)
    hyp = " ".join(words(hyp_text))
    return sum(1 for r in want if " ".join(words(r)) in hyp), len(want)


def main():
    names = sorted({f.split(".")[0] for f in os.listdir(BENCH) if f.endswith(".txt")})
    rows = []
    totals = {}
    for name in names:
        truth = open(os.path.join(BENCH, name + ".txt"), encoding="utf-8").read().splitlines()
        tw = words("\n".join(truth))
        body = [words(l) for l in body_lines(name, truth)]
        bw = [w for l in body for w in l]
        for kind in KINDS:
            img = os.path.join(BENCH, f"{name}.{kind}.png")
            for system, read in (("tesseract", tesseract_text), ("baocao", baocao_text)):
                hyp = read(img)
                hw = words(hyp)
                e_all, pairs = align(tw, hw)
                # Each body line found where it fits best in the output.
                e_body = sum(align(l, hw, free_ends=True)[0] for l in body)
                dr, dt = diacritics(pairs)
                rr, rt = refs_exact("\n".join(truth), hyp)
                t = totals.setdefault(system, [0, 0, 0, 0, 0, 0, 0, 0])
                for k, v in enumerate((e_all, len(tw), e_body, len(bw), dr, dt, rr, rt)):
                    t[k] += v
                rows.append((name, kind, system, e_all / len(tw), e_body / max(1, len(bw)),
                             dr / max(1, dt), f"{rr}/{rt}"))
    print(f"{'page':10} {'kind':7} {'system':10} {'WER page':>9} {'WER body':>9} {'diacr.':>7} refs")
    for r in rows:
        print(f"{r[0]:10} {r[1]:7} {r[2]:10} {r[3]:9.2%} {r[4]:9.2%} {r[5]:7.2%} {r[6]}")
    print()
    for system, t in totals.items():
        print(f"{system:10} all pages: WER page {t[0] / t[1]:.2%}, WER body {t[2] / t[3]:.2%}, "
              f"diacritics {t[4] / t[5]:.2%}, references exact {t[6]}/{t[7]}")

    # Speed: the clean and degraded 300 dpi pages through baocao, -j 1 and -j 2.
    imgs = sorted(os.path.join(BENCH, f) for f in os.listdir(BENCH) if f.endswith(".png"))
    # CPU time (baocao and its tesseract children) is the figure per core:
    # on a shared machine the wall clock measures the other users too.
    print("load average:", os.getloadavg())
    for jobs in ("1", "2"):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        subprocess.run([BIN, "extract", "-q", "-j", jobs, "--jsonl", "/dev/null"] + imgs,
                       capture_output=True)
        dt = time.time() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(f"speed -j {jobs}: {len(imgs)} pages, wall {dt:.1f} s ({len(imgs) * 60 / dt:.1f} pages/min), "
              f"CPU {cpu:.1f} s = {len(imgs) * 60 / cpu:.1f} pages/min per core")

    # Extraction: OCRed against the text version of the same document.
    pairs = [
        (os.path.join(ROOT, "fixtures", "scan", "letter-scan.pdf"),
         os.path.join(ROOT, "fixtures", "scan", "letter.txt")),
        (os.path.join(BENCH, "p001-scan.pdf"), os.path.join(BENCH, "p001-text.pdf")),
    ]
    for scan, textual in pairs:
        got = [extracted(scan), extracted(textual)]
        for key in ("references", "funds", "counts"):
            a, b = got[0][key], got[1][key]
            same = len(a & b)
            print(f"{os.path.basename(scan)} vs {os.path.basename(textual)} {key}: "
                  f"{same} of {len(b)} of the text version found exactly by OCR "
                  f"({len(a - b)} OCR-only)"
                  + (f"; missed {sorted(b - a)[:3]}" if b - a else ""))


def extracted(path):
    out = subprocess.run([BIN, "extract", "-q", "--jsonl", "-", path], capture_output=True).stdout
    d = json.loads(out.decode().splitlines()[0])
    norm = lambda s: " ".join(words(s or ""))
    return {
        "references": {norm(r["text"]) for r in d["references"]},
        "funds": {norm(f.get("text")) for f in d.get("funds", [])},
        "counts": {norm(c.get("text")) for c in d.get("counts", [])},
    }


if __name__ == "__main__":
    main()
