"""Seed each fuzz target's corpus with 3,000-byte pieces of the fixtures
(and the small DOCX files for `decode`)."""
import glob, hashlib, os

out = "fuzz/corpus"
targets = ["decode", "normalize", "pipeline"]
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
