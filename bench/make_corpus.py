#!/usr/bin/env python3
"""Build the benchmark corpus: the sample documents in every damage style, repeated.

Usage: bench/make_corpus.py OUT_DIR [--files N] [--min-mb M]

Each output file is one sample document repeated until the file is about
100 KB, written in one damage style, so the corpus exercises the decoder and
the normalizer the way real archives do. Styles use independent encoders
(glibc iconv, Python codecs), never baocao's own tables.
Deterministic: the same arguments give the same bytes.
"""
import argparse
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")


def iconv(text, enc):
    r = subprocess.run(["iconv", "-f", "UTF-8", "-t", enc + "//TRANSLIT"], input=text.encode(),
                       capture_output=True)
    return r.stdout if r.returncode == 0 else None


STYLES = {
    "utf8": lambda t: t.encode("utf-8"),
    "utf8bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "nfd": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "pdffont": lambda t: t.replace("ư", "ƣ").replace("Ư", "Ƣ").encode("utf-8"),
    "utf16le": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "cp1258": lambda t: iconv(t, "CP1258"),
    "tcvn3": lambda t: iconv(t, "TCVN5712-1"),
    "viscii": lambda t: iconv(t, "VISCII"),
    "mojibake": lambda t: t.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--min-mb", type=float, default=200)
    ap.add_argument("--styles", default=",".join(STYLES))
    a = ap.parse_args()
    samples = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".txt"))
    texts = [open(os.path.join(FIXTURES, f), encoding="utf-8").read() for f in samples]
    styles = a.styles.split(",")
    per_file = max(int(a.min_mb * 1e6 / a.files), 20_000)
    os.makedirs(a.out, exist_ok=True)
    total = 0
    for i in range(a.files):
        t = texts[i % len(texts)]
        style = styles[(i // len(texts)) % len(styles)]
        body = (t + "\n\n") * max(1, per_file // len(t.encode()) + 1)
        data = STYLES[style](body)
        if data is None:  # the encoder refused: fall back to clean UTF-8
            style, data = "utf8", body.encode()
        name = os.path.join(a.out, f"{i:05d}_{style}.txt")
        with open(name, "wb") as f:
            f.write(data)
        total += len(data)
    print(f"{a.files} files, {total / 1e6:.1f} MB in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
