#!/usr/bin/env python3
"""Diacritic accuracy of `baocao normalize` against hand transcripts.

Usage: legacy_accuracy.py BAOCAO DIR EXT...   (DIR holds files/ and truth/)

As ../shared/legacy-dev/README.md counts it: of the transcript's characters
that carry a Vietnamese diacritic (or đ), the share that come back exactly
right after aligning words. Words are aligned on their base letters (no
diacritics, lower case) with difflib, so a wrong diacritic does not break the
alignment; case and tone-mark placement (hoà/hòa) are folded. A transcript
word with no partner counts all its diacritic characters wrong; a file that
cannot be read scores 0.
"""
import difflib
import subprocess
import sys
import unicodedata
from pathlib import Path

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def words(text):
    out = []
    for w in text.split():
        w = w.strip(".,;:!?()[]{}\"'“”‘’…-–—/*%")
        if w:
            out.append(unicodedata.normalize("NFC", w.lower()))
    return out


def base(w):
    d = unicodedata.normalize("NFD", w.replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


def fold_tone(w):
    """The word without its tone mark, and the tone: placement is folded."""
    d = unicodedata.normalize("NFD", w)
    tone = "".join(c for c in d if c in TONES)
    rest = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    return rest, tone


def marked(w):
    return [c for c in w if c == "đ" or (not c.isascii() and c.isalpha())]


def score(truth, got):
    a, b = words(truth), words(got)
    sm = difflib.SequenceMatcher(None, [base(w) for w in a], [base(w) for w in b], autojunk=False)
    right = total = 0
    partner = {}
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            partner[blk.a + k] = blk.b + k
    for i, w in enumerate(a):
        n = len(marked(w))
        if n == 0:
            continue
        total += n
        j = partner.get(i)
        if j is None:
            continue
        g = b[j]
        if fold_tone(w) == fold_tone(g):
            right += n
        else:
            right += sum(1 for x, y in zip(w, g) if (x == "đ" or (not x.isascii() and x.isalpha())) and x == y)
    return right, total


def main():
    exe, root, exts = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    all_r = all_t = 0
    for f in sorted((root / "files").iterdir()):
        if f.suffix.lstrip(".") not in exts:
            continue
        truth = (root / "truth" / (f.stem + ".txt")).read_text(encoding="utf-8")
        p = subprocess.run([exe, "normalize", str(f)], capture_output=True)
        got = p.stdout.decode("utf-8", "replace") if p.returncode == 0 else ""
        r, t = score(truth, got)
        all_r += r
        all_t += t
        print(f"{f.name}\t{r}/{t}\t{100 * r / max(t, 1):.2f}%")
    print(f"all\t{all_r}/{all_t}\t{100 * all_r / max(all_t, 1):.2f}%")


if __name__ == "__main__":
    main()
