#!/usr/bin/env python3
"""The mixed hostile batch of issue 16: hostile files made here (nothing
stored) mixed with good ones, run through `baocao extract -o` at -j 2.

Checks what the issue asks: one JSON per input, no process left running,
no stray file in the output folder, and reports the peak memory of the whole
process tree (baocao and its workers, summed, sampled every 50 ms).

Usage: python3 bench/hostile.py BAOCAO_BINARY [WORKDIR]
"""
import os, shutil, struct, subprocess, sys, tempfile, time, zipfile, zlib

binary = os.path.abspath(sys.argv[1])
work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="hostile-")
src = os.path.join(work, "in")
out = os.path.join(work, "out")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(src)
# A copy under a name of its own: leftover processes are found by it.
shutil.copy(binary, os.path.join(work, "baocao-hostile"))
binary = os.path.join(work, "baocao-hostile")


def pdf(objects):
    """A PDF from its objects' bodies (bytes), with a correct xref table."""
    data, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        data += b"%010d 00000 n \n" % o
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(data)


def page_pdf(stream):
    """One page whose content stream is `stream` (already Flate-compressed)."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def deflate(chunks):
    z = zlib.compressobj(9)
    return b"".join(z.compress(c) for c in chunks) + z.flush()


def docx(document_xml, extra=()):
    path = tempfile.mktemp(suffix=".docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        if isinstance(document_xml, bytes) or isinstance(document_xml, str):
            z.writestr("word/document.xml", document_xml)
        else:  # a generator of chunks: streamed, for bombs
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                for c in document_xml:
                    f.write(c)
    data = open(path, "rb").read()
    os.unlink(path)
    return data


W = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>'
MiB = 1 << 20
hostile = {
    # 5. memory
    "flate_bomb.pdf": page_pdf(deflate([b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n"] + [b" " * MiB] * 1024)),
    "glyph_flood.pdf": page_pdf(deflate([b"BT /F1 1 Tf 0 0 Td ("] + [b"x" * MiB] * 26 + [b") Tj ET"])),
    "glyph_flood_ops.pdf": page_pdf(deflate([b"BT /F1 1 Tf "] + [b"(xxxxxxxx) Tj " * 65536] * 40 + [b"ET"])),
    # 7. no silent empty result
    "page_tree_loop.pdf": pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 2 0 R 2 0 R] /Count 3 >>"]),
    "bom_only.txt": b"\xef\xbb\xbf",
    "blank.docx": docx(W % '<w:p><w:r><w:t xml:space="preserve">    </w:t></w:r></w:p>'),
    "empty.txt": b"",
    # 9. messages
    "encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512,
    # assorted damage
    "random.pdf": os.urandom(100_000),
    "random.docx": os.urandom(100_000),
    "truncated.pdf": page_pdf(deflate([b"BT (x) Tj ET"]))[:200],
    "zip_bomb.docx": docx(iter([b"<w:document><w:body>"] + [b" " * MiB] * 200)),
    "deep.docx": docx(W % ("<w:p>" * 100_000)),
    "binary.txt": os.urandom(1_000_000),
    "long_line.txt": "Báo cáo ".encode() * 2_000_000,
    # 8. time: a large text (tens of MB of report text)
}
corpus = "/work/shared/corpus"
good = sorted(os.listdir(corpus))
sample = open(os.path.join(corpus, good[0]), "rb").read()
hostile["large.txt"] = sample * max(1, (60 * MiB) // len(sample))
for name, data in hostile.items():
    open(os.path.join(src, name), "wb").write(data)
# 1. names that collide
for d in ("d1", "d2"):
    os.makedirs(os.path.join(src, d))
    shutil.copy(os.path.join(corpus, good[1]), os.path.join(src, d, "r.txt"))
shutil.copy(os.path.join(corpus, good[2]), os.path.join(src, "r.txt.2.txt"))
# Links: broken, looping, to a device (4.)
os.symlink("/nonexistent/x.txt", os.path.join(src, "broken.txt"))
os.symlink("loop2.txt", os.path.join(src, "loop1.txt"))
os.symlink("loop1.txt", os.path.join(src, "loop2.txt"))
os.symlink("/dev/zero", os.path.join(src, "zero.txt"))
# Good files, several of each.
for name in good:
    shutil.copy(os.path.join(corpus, name), os.path.join(src, "good_" + name))
for name in sorted(os.listdir("fixtures/pdf")) + sorted(os.listdir("fixtures/docx")):
    folder = "fixtures/pdf" if name.endswith(".pdf") else "fixtures/docx"
    shutil.copy(os.path.join(folder, name), os.path.join(src, "good_" + name))

inputs = []
for root, dirs, files in os.walk(src):
    inputs += [os.path.join(root, f) for f in files]
fifo = os.path.join(work, "fifo.txt")
os.mkfifo(fifo)  # 3. named on the command line, never written
print(f"{len(inputs) + 1} inputs ({len(hostile) + 5} hostile) in {src}")


def tree_rss(pid):
    """Summed RSS (KiB) of `pid` and its descendants."""
    kids, rss = {}, {}
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            stat = open(f"/proc/{p}/stat").read()
            status = open(f"/proc/{p}/status").read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(p))
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(p)] = int(line.split()[1])
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += kids.get(p, [])
    return total


args = [binary, "extract", "-q", "-j", "2", "--timeout", "20", "-o", out, src, fifo]
started = time.time()
proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
peak = 0
while proc.poll() is None:
    peak = max(peak, tree_rss(proc.pid))
    time.sleep(0.05)
stderr = proc.stderr.read()
took = time.time() - started
time.sleep(0.5)
left = subprocess.run(["pgrep", "-f", binary], capture_output=True, text=True).stdout.split()
outputs = os.listdir(out)
stray = [f for f in outputs if not f.endswith(".json")]
print(f"exit {proc.returncode} in {took:.1f} s; {len(outputs)} outputs for {len(inputs) + 1} inputs; "
      f"stray files {stray}; processes left {left}; peak RSS of the tree {peak / 1024:.0f} MiB")
kinds = {}
for line in stderr.splitlines():
    parts = line.split(": ")
    if len(parts) >= 3:
        kinds[os.path.basename(parts[1])] = parts[2]
for name in sorted(hostile) + ["fifo.txt", "zero.txt", "broken.txt", "loop1.txt"]:
    print(f"  {name:<22} {kinds.get(name, 'ok')}")
ok = len(outputs) == len(inputs) + 1 and not stray and not left and proc.returncode == 1
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
