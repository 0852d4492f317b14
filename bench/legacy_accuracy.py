#!/usr/bin/env python3
"""Diacritic accuracy of `baocao normalize` on the legacy development set.

For each `.doc`/`.rtf` (or the files named) of `shared/legacy-dev/files`, run
`baocao normalize FILE` and compare with the hand transcript `truth/STEM.txt`
as the set's README defines: of the transcript's characters that carry a
Vietnamese diacritic (or đ), the share that come back exactly right, after
aligning words; case and tone-mark placement (hoà/hòa) are folded. A file that
cannot be read scores 0.

Words are aligned by their skeleton (letters without any mark, đ as d) with
difflib; a transcript word with no partner counts all its marked characters
wrong. Usage: bench/legacy_accuracy.py [--bin target/release/baocao] [DIR] [FILES...]
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import unicodedata

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
WORD = re.compile(r"\w+", re.UNICODE)


def skeleton(w):
    d = unicodedata.normalize("NFD", w.lower()).replace("đ", "d")
    return "".join(c for c in d if not unicodedata.combining(c))


def tone_folded(w):
    """Lower case, the tone mark moved to the end: hoà and hòa agree."""
    d = unicodedata.normalize("NFD", w.lower())
    tones = "".join(c for c in d if c in TONES)
    rest = "".join(c for c in d if c not in TONES)
    return unicodedata.normalize("NFC", rest) + tones


def marked(c):
    c = c.lower()
    return c == "đ" or any(unicodedata.combining(x) for x in unicodedata.normalize("NFD", c))


def marked_count(w):
    return sum(1 for c in w if marked(c))


def right_in_word(t, o):
    """Marked characters of transcript word t that o gets right."""
    if tone_folded(t) == tone_folded(o):
        return marked_count(t)
    tl, ol = unicodedata.normalize("NFC", t.lower()), unicodedata.normalize("NFC", o.lower())
    if len(tl) != len(ol):
        return 0
    return sum(1 for a, b in zip(tl, ol) if marked(a) and a == b)


def score(truth, out):
    tw = WORD.findall(unicodedata.normalize("NFC", truth))
    ow = WORD.findall(unicodedata.normalize("NFC", out))
    total = sum(marked_count(w) for w in tw)
    if total == 0:
        return 1.0, 0, 0
    sm = difflib.SequenceMatcher(None, [skeleton(w) for w in tw], [skeleton(w) for w in ow], autojunk=False)
    right = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                right += right_in_word(tw[i1 + k], ow[j1 + k])
    return right / total, right, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/baocao")
    ap.add_argument("dir", nargs="?", default=os.path.join(os.path.dirname(__file__), "../../shared/legacy-dev"))
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or sorted(f for f in os.listdir(os.path.join(a.dir, "files")) if f.endswith((".doc", ".rtf")))
    worst = 1.0
    for f in files:
        stem = os.path.splitext(f)[0]
        truth = open(os.path.join(a.dir, "truth", stem + ".txt"), encoding="utf-8").read()
        r = subprocess.run([a.bin, "normalize", os.path.join(a.dir, "files", f)], capture_output=True)
        out = r.stdout.decode("utf-8", "replace") if r.returncode == 0 else ""
        acc, right, total = score(truth, out)
        worst = min(worst, acc)
        print(f"{acc:8.4f}  {right:6d}/{total:<6d} {f}")
    print(f"worst {worst:.4f}")


if __name__ == "__main__":
    sys.exit(main())
