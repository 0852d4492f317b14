"""The Python package: extraction, isolation, and the Parquet export.

Run from the repository root after installing the wheel:
``python -m pytest python/tests``. ``BAOCAO_CLI`` names the CLI binary to
compare with (default ``target/debug/baocao``).
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import baocao

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "fixtures"
TXT = FIX / "003_49b22b13f22dc593.txt"
PDF = FIX / "pdf" / "001_849251cef8cea693.dejavu.pdf"
CLI = Path(os.environ.get("BAOCAO_CLI", ROOT / "target" / "debug" / "baocao"))

# The title, read from the report's header (its first lines).
TITLE_003 = (
    "Kết quả thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2024, "
    "phương hướng, nhiệm vụ năm 2025 trên địa bàn thị xã Đức Phổ"
)


def errors(doc):
    return [e["kind"] for e in doc["errors"]]


def test_the_readme_example_gives_the_title():
    out = subprocess.run(
        [sys.executable, "-c",
         "import baocao; print(baocao.extract('fixtures/003_49b22b13f22dc593.txt')['metadata']['title'])"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )
    assert out.stdout.strip() == TITLE_003


def test_extract_a_path_and_the_same_bytes():
    by_path = baocao.extract(TXT)
    assert by_path["schema"] == "baocao/1"
    assert by_path["metadata"]["title"] == TITLE_003
    assert by_path["source"]["path"] == str(TXT)
    assert errors(by_path) == []
    by_bytes = baocao.extract(TXT.read_bytes(), filename="bao-cao.txt")
    assert by_bytes["source"]["path"] == "bao-cao.txt"
    assert by_bytes["source"]["sha256"] == by_path["source"]["sha256"]
    assert by_bytes["text"] == by_path["text"]
    # Every item is grounded in the text, in code points.
    text = by_path["text"]
    for ref in by_path["references"]:
        assert text[ref["start"]:ref["end"]] == ref["text"]


def test_a_pdf_runs_in_a_worker_and_no_text_drops_the_text():
    doc = baocao.extract(PDF, no_text=True)
    assert errors(doc) == []
    assert doc["source"]["format"] == "pdf"
    assert doc["source"]["pages"] == 13
    assert doc.get("text") is None


def test_bad_input_is_a_result_not_an_exception(tmp_path):
    missing = baocao.extract(tmp_path / "không-có.pdf")
    assert errors(missing) == ["not_found"]
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    doc = baocao.extract(junk)
    assert doc["errors"], doc


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        baocao.extract(TXT, ocr="sometimes")
    with pytest.raises(ValueError):
        baocao.extract(TXT, timeout=0)
    with pytest.raises(TypeError):
        baocao.extract(TXT, colour="blue")
    with pytest.raises(ValueError):
        baocao.extract_many([TXT], jobs=0)


def test_extract_many_keeps_the_input_order():
    paths = sorted(FIX.glob("00*.txt")) + [FIX / "docx" / "003_report_table.docx", PDF]
    paths = paths * 2
    docs = list(baocao.extract_many(paths, jobs=3))
    assert [d["source"]["path"] for d in docs] == [str(p) for p in paths]
    assert all(errors(d) == [] for d in docs)
    alone = baocao.extract(paths[0])
    assert docs[0]["text"] == alone["text"]


# A worker lives as long as its thread and keeps the environment it started
# with: `extract_many` runs in new threads, so its workers see the test hooks.


def test_a_hung_worker_times_out_and_the_interpreter_goes_on(monkeypatch):
    monkeypatch.setenv("BAOCAO_PDF_WORKER_SLEEP_MS", "30000")
    started = time.monotonic()
    (doc,) = baocao.extract_many([PDF], jobs=1, timeout=2)
    assert errors(doc) == ["timeout"]
    assert time.monotonic() - started < 20
    monkeypatch.delenv("BAOCAO_PDF_WORKER_SLEEP_MS")
    (doc,) = baocao.extract_many([PDF], jobs=1, timeout=60)
    assert errors(doc) == []


def test_a_crashed_worker_costs_only_its_document(monkeypatch, tmp_path):
    monkeypatch.setenv("BAOCAO_PDF_WORKER_CRASH", "1")
    # No pdftotext to fall back on: the crash is the document's error.
    monkeypatch.setenv("PATH", str(tmp_path))
    docs = list(baocao.extract_many([PDF, TXT], jobs=1))
    assert errors(docs[0]) == ["crash"]
    assert docs[1]["metadata"]["title"] == TITLE_003


def test_schema_and_tables():
    s = baocao.schema()
    assert s["title"] == "baocao/1"
    t = baocao.tables()
    assert list(t)[:2] == ["documents", "sections"]
    assert dict(t["funds"])["amount_vnd"] == "integer"
    assert dict(t["documents"])["date"] == "date"


def test_table_rows_give_dates_as_dates():
    doc = baocao.extract(TXT)
    (row,) = baocao.table_rows(doc, "documents")
    cols = [c for c, _ in baocao.tables()["documents"]]
    values = dict(zip(cols, row))
    assert values["title"] == TITLE_003
    assert values["date"] is None or isinstance(values["date"], datetime.date)
    refs = baocao.table_rows(doc, "references")
    assert len(refs) == len(doc["references"])
    with pytest.raises(ValueError):
        baocao.table_rows(doc, "nope")


# ---------------------------------------------------------------- Parquet


def cli_export(inputs, out):
    if not CLI.exists():
        pytest.skip(f"no CLI binary at {CLI}")
    subprocess.run([str(CLI), "export", "-q", "--parquet", str(out), *map(str, inputs)],
                   check=True, timeout=300)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """The fixtures' texts, a spreadsheet and a DOCX, exported from Python."""
    out = tmp_path_factory.mktemp("pq")
    inputs = sorted(FIX.glob("00*.txt")) + [FIX / "sheet" / "kinh_phi.xlsx",
                                           FIX / "docx" / "003_report_table.docx"]
    summary = baocao.to_parquet(inputs, out, jobs=2)
    assert summary["documents"] == len(inputs)
    assert summary["failed"] == 0
    return inputs, out


def test_parquet_types_in_pyarrow(dataset):
    import pyarrow as pa
    import pyarrow.parquet as pq

    _, out = dataset
    for table, cols in baocao.tables().items():
        schema = pq.read_schema(out / f"{table}.parquet")
        assert schema.names == [c for c, _ in cols]
    docs = pq.read_table(out / "documents.parquet")
    assert docs.schema.field("date").type == pa.date32()
    assert docs.schema.field("issuer_inferred").type == pa.bool_()
    assert docs.schema.field("bytes").type == pa.int64()
    funds = pq.read_table(out / "funds.parquet")
    assert funds.schema.field("amount_vnd").type == pa.int64()
    assert funds.num_rows > 0
    # No temporary file is left beside the tables.
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in baocao.tables())


def test_parquet_in_pandas_keeps_nullable_integers(dataset):
    import pandas as pd

    _, out = dataset
    counts = pd.read_parquet(out / "counts.parquet", dtype_backend="numpy_nullable")
    assert str(counts["value"].dtype) == "Int64"
    assert str(counts["max"].dtype) == "Int64"
    assert counts["max"].isna().any()  # most counts have no maximum
    docs = pd.read_parquet(out / "documents.parquet")
    assert set(docs["title"]) >= {TITLE_003}
    # 003 cites Quyết định 148/QĐ-UBND of 01/02/2024.
    refs = pd.read_parquet(out / "references.parquet")
    dated = refs[refs["number"] == "148/QĐ-UBND"]["date"].dropna()
    assert datetime.date(2024, 2, 1) in set(dated)
    assert all(isinstance(d, datetime.date) for d in refs["date"].dropna())


def test_parquet_in_polars(dataset):
    import polars as pl

    _, out = dataset
    funds = pl.read_parquet(out / "funds.parquet")
    assert funds.schema["amount_vnd"] == pl.Int64
    assert funds.schema["value"] == pl.Float64
    docs = pl.read_parquet(out / "documents.parquet")
    assert docs.schema["date"] == pl.Date


def test_parquet_in_duckdb_needs_no_quoting(dataset):
    import duckdb

    _, out = dataset
    con = duckdb.connect()
    reserved = {
        r[0].lower()
        for r in con.execute(
            "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category <> 'unreserved'"
        ).fetchall()
    }
    for table, cols in baocao.tables().items():
        names = [c for c, _ in cols]
        assert not reserved & set(names), (table, reserved & set(names))
        assert "path" not in names
        # Every column by its bare name.
        con.execute(f"SELECT {', '.join(names)} FROM read_parquet('{out / (table + '.parquet')}')").fetchall()
    n = con.execute(
        f"SELECT count(*) FROM read_parquet('{out / 'counts.parquet'}') WHERE end_offset > start_offset"
    ).fetchone()[0]
    assert n > 0


def test_the_parquet_export_equals_the_cli(dataset, tmp_path):
    import pyarrow.parquet as pq

    inputs, out = dataset
    cli_export(inputs, tmp_path)
    for table in baocao.tables():
        ours = pq.read_table(out / f"{table}.parquet")
        theirs = pq.read_table(tmp_path / f"{table}.parquet")
        assert ours.equals(theirs), table


def test_to_parquet_from_dicts_and_an_output_kept_on_failure(tmp_path):
    import pyarrow.parquet as pq

    docs = [baocao.extract(p) for p in sorted(FIX.glob("00*.txt"))]
    summary = baocao.to_parquet(docs, tmp_path)
    assert summary["documents"] == len(docs)
    before = (tmp_path / "documents.parquet").read_bytes()
    assert pq.read_table(tmp_path / "documents.parquet").num_rows == len(docs)
    # Nothing readable: the previous export stays as it was.
    summary = baocao.to_parquet(["{ not json"], tmp_path)
    assert summary["documents"] == 0 and summary["failed"] == 1
    assert (tmp_path / "documents.parquet").read_bytes() == before
    with pytest.raises(TypeError):
        baocao.to_parquet([docs[0], str(TXT)], tmp_path)
