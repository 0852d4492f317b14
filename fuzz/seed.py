"""Seed each fuzz target's corpus with 3,000-byte pieces of the fixtures
(and the small DOCX files for `decode`), the PDF fixtures for `pdf`, and the
DOCX fixtures' XML parts for `docx_xml` (joined as that target reads them)."""
import glob, hashlib, os, zipfile

out = "fuzz/corpus"
targets = ["decode", "normalize", "pipeline"]
for t in targets + ["pdf", "docx_xml"]:
    os.makedirs(f"{out}/{t}", exist_ok=True)
for t in targets:
    os.makedirs(f"{out}/{t}", exist_ok=True)
texts = sorted(glob.glob("fixtures/*.txt") + glob.glob("fixtures/legacy/*.txt")
               + glob.glob("fixtures/extra/*.txt"))
for f in texts:
    data = open(f, "rb").read()
    for i in range(0, len(data), 3000):
        piece = data[i:i + 3000]
        name = hashlib.sha1(piece).hexdigest()
        for t in targets:
            open(f"{out}/{t}/{name}", "wb").write(piece)
for f in glob.glob("fixtures/docx/*.docx"):
    data = open(f, "rb").read()
    if len(data) < 60000:
        open(f"{out}/decode/" + hashlib.sha1(data).hexdigest(), "wb").write(data)

# Whole files: `fuzz/run.sh` gives each target a -max_len that keeps them whole.
for f in glob.glob("fixtures/pdf/*.pdf") + glob.glob("tests/bad/*.pdf"):
    data = open(f, "rb").read()
    open(f"{out}/pdf/" + hashlib.sha1(data).hexdigest(), "wb").write(data)
SEPARATOR = b"\n--8<--\n"
PARTS = ["word/document.xml", "word/numbering.xml", "word/footnotes.xml", "word/styles.xml"]
for f in glob.glob("fixtures/docx/*.docx") + glob.glob("tests/bad/*.docx"):
    try:
        z = zipfile.ZipFile(f)
    except zipfile.BadZipFile:
        continue
    names = set(z.namelist())
    parts = [z.read(p) if p in names else b"" for p in PARTS]
    while parts and not parts[-1]:
        parts.pop()
    data = SEPARATOR.join(parts)
    open(f"{out}/docx_xml/" + hashlib.sha1(data).hexdigest(), "wb").write(data)
