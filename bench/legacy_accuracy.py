#!/usr/bin/env python3
"""Diacritic accuracy of `baocao normalize` on the legacy development set.

For each `.doc`, `.rtf` and `.xls` (or the extensions given with --ext, or the
files named) of `shared/legacy-dev/files`, run `baocao normalize FILE` and
compare with the hand transcript `truth/STEM.txt` as the set's README defines:
of the transcript's characters that carry a Vietnamese diacritic (or đ), the
share that come back exactly right, after aligning words; case and tone-mark
placement (hoà/hòa) are folded. A file that cannot be read scores 0.

Words are aligned by their skeleton (letters without any mark, đ as d) with
difflib, the whole texts first, then the words left over on both sides (the
README warns that transcripts order some parts differently); a transcript
word with no partner counts all its marked characters wrong.

Transcript slips. The set's README warns that transcripts "may contain
slips", and some hold hundreds of characters of text their makers decoded
twice or not at all (`nhõn dõn` and `cơng` for `nhân dân` and `công`, `MÝa
TriƯu tÊn` for `Mía Triệu tấn`). The second column leaves out the transcript
words that cannot be right, by a rule that reads neither the document nor
baocao's tables: a transcript word that differs from its aligned output word
is a slip when the output word is a Vietnamese syllable of the hunspell-vi
word list and the transcript word either is none (`cơng`, `thỏng`), or is
what glibc's own TCVN3 table (`iconv -f TCVN5712-1`) makes of the output
word's Windows-1252 bytes, or makes the output word of the transcript word's
bytes (`nhõn` from `nhân`; `Sù` to `Sự`). A slip counts neither right nor
wrong; the raw figure counts it wrong. Every slip is listed with --slips.

Usage: bench/legacy_accuracy.py [--bin BIN] [--ext doc,rtf,xls] [--slips] [DIR] [FILES...]
"""
import argparse
import difflib
import functools
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
WORD = re.compile(r"\w+", re.UNICODE)
DICTIONARY = "/usr/share/hunspell/vi_VN.dic"


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


@functools.lru_cache(None)
def syllables():
    """The hunspell-vi word list (syllables), tone-folded; empty if absent."""
    if not os.path.exists(DICTIONARY):
        return frozenset()
    with open(DICTIONARY, encoding="utf-8") as f:
        next(f, None)  # the entry count
        return frozenset(tone_folded(unicodedata.normalize("NFC", l.split("/")[0].strip())) for l in f if l.strip())


@functools.lru_cache(None)
def tcvn3_table():
    """Byte -> character of glibc's TCVN3 (TCVN5712-1) table."""
    table = {}
    for b in range(0x20, 0x100):
        r = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        if r.returncode == 0:
            table[b] = r.stdout.decode("utf-8")
    return table


def read_as_tcvn3(w):
    """w's Windows-1252 bytes read in TCVN3 (None when w has no such bytes)."""
    try:
        b = w.encode("cp1252")
    except UnicodeEncodeError:
        return None
    t = tcvn3_table()
    if any(x not in t for x in b):
        return None
    return unicodedata.normalize("NFC", "".join(t[x] for x in b))


def is_slip(t, o):
    """Whether transcript word t, aligned with output word o, is a slip."""
    if tone_folded(t) == tone_folded(o) or tone_folded(o) not in syllables():
        return False
    if tone_folded(t) not in syllables():
        return True
    once_more, once_less = read_as_tcvn3(o), read_as_tcvn3(t)
    return (once_more is not None and tone_folded(once_more) == tone_folded(t)) or (
        once_less is not None and tone_folded(once_less) == tone_folded(o)
    )


def align(tw, ow):
    """Transcript word index -> output word index, for aligned words: the
    words of equal or equally long replaced runs of a skeleton alignment."""
    sm = difflib.SequenceMatcher(None, [skeleton(w) for w in tw], [skeleton(w) for w in ow], autojunk=False)
    pairs = {}
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                pairs[i1 + k] = j1 + k
    return pairs


def score(truth, out, slips=None):
    """(right, total, slip characters): slip characters are in neither.

    Words are aligned twice: the whole texts, then the words left over on
    both sides, in order, so a block the transcript puts elsewhere (text
    boxes at the end, as converters dump them) still meets its partner."""
    tw = WORD.findall(unicodedata.normalize("NFC", truth))
    ow = WORD.findall(unicodedata.normalize("NFC", out))
    pairs = align(tw, ow)
    used = set(pairs.values())
    left_t = [i for i in range(len(tw)) if i not in pairs]
    left_o = [j for j in range(len(ow)) if j not in used]
    for a, b in align([tw[i] for i in left_t], [ow[j] for j in left_o]).items():
        pairs[left_t[a]] = left_o[b]
    right = total = slipped = 0
    for i, t in enumerate(tw):
        n = marked_count(t)
        if not n:
            continue
        j = pairs.get(i)
        if j is not None and is_slip(t, ow[j]):
            slipped += n
            if slips is not None:
                slips[(t, ow[j])] += 1
            continue
        total += n
        if j is not None:
            right += right_in_word(t, ow[j])
    return right, total, slipped


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/baocao")
    ap.add_argument("--ext", default="doc,rtf,xls", help="extensions to take when no file is named")
    ap.add_argument("--slips", action="store_true", help="list each file's slips")
    ap.add_argument("dir", nargs="?", default=os.path.join(os.path.dirname(__file__), "../../shared/legacy-dev"))
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    if not syllables():
        print(f"note: {DICTIONARY} missing (apt-get install hunspell-vi): no slip is left out", file=sys.stderr)
    exts = tuple("." + e for e in a.ext.split(","))
    files = a.files or sorted(f for f in os.listdir(os.path.join(a.dir, "files")) if f.endswith(exts))
    print(f"{'raw':>8} {'':>13}  {'slips out':>9} {'':>13} {'slips':>6}  file")
    worst_raw = worst = 1.0
    sums = [0, 0, 0]
    for f in files:
        stem = os.path.splitext(f)[0]
        truth = open(os.path.join(a.dir, "truth", stem + ".txt"), encoding="utf-8").read()
        r = subprocess.run([a.bin, "normalize", os.path.join(a.dir, "files", f)], capture_output=True)
        out = r.stdout.decode("utf-8", "replace") if r.returncode == 0 else ""
        slips = Counter()
        right, total, slipped = score(truth, out, slips)
        raw = right / max(total + slipped, 1)
        adj = right / max(total, 1)
        worst_raw, worst = min(worst_raw, raw), min(worst, adj)
        for i, v in enumerate((right, total, slipped)):
            sums[i] += v
        print(f"{100 * raw:7.2f}% {right:6d}/{total + slipped:<6d}  {100 * adj:8.2f}% {right:6d}/{total:<6d} {slipped:6d}  {f}")
        if a.slips and slips:
            print("    " + ", ".join(f"{t}|{o}" + (f"×{n}" if n > 1 else "") for (t, o), n in slips.most_common()))
    right, total, slipped = sums
    print(f"{100 * right / max(total + slipped, 1):7.2f}% {right:6d}/{total + slipped:<6d}  "
          f"{100 * right / max(total, 1):8.2f}% {right:6d}/{total:<6d} {slipped:6d}  all")
    print(f"worst: {100 * worst_raw:.2f}% raw, {100 * worst:.2f}% with slips left out")


if __name__ == "__main__":
    sys.exit(main())
