"""The Spark recipe, in local mode, against the CLI's Parquet export.

Needs ``pyspark`` and a Java runtime; skipped without them (``.ci/run``
installs both).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import baocao

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime", allow_module_level=True)

from baocao import spark as bspark  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "fixtures"
CLI = Path(os.environ.get("BAOCAO_CLI", ROOT / "target" / "debug" / "baocao"))


@pytest.fixture(scope="module")
def session():
    from pyspark.sql import SparkSession

    # Executors run this interpreter, where the package is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("baocao-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Texts, a DOCX, a PDF, a spreadsheet and one file that is no document."""
    d = tmp_path_factory.mktemp("corpus")
    for p in sorted(FIX.glob("00*.txt")):
        shutil.copy(p, d / p.name)
    (d / "sub").mkdir()
    shutil.copy(FIX / "docx" / "003_report_table.docx", d / "sub" / "bang.docx")
    shutil.copy(FIX / "pdf" / "003_report_table.pdf", d / "sub" / "bang.pdf")
    shutil.copy(FIX / "sheet" / "kinh_phi.xlsx", d / "kinh_phi.xlsx")
    # A PDF in name only: its document carries an error, the job goes on.
    (d / "hong.pdf").write_bytes(b"%PDF-1.7\nnot really a PDF\n")
    return d


def load(dir_, table):
    import pyarrow.parquet as pq

    t = pq.read_table(dir_ / table) if (dir_ / table).is_dir() else pq.read_table(dir_ / f"{table}.parquet")
    return t


def as_rows(table, root=None):
    """Rows as sorted tuples; `source_path` made relative to `root`."""
    names = table.column_names
    rows = []
    for r in table.to_pylist():
        if root is not None and r.get("source_path", "").startswith(root):
            r["source_path"] = r["source_path"][len(root):]
        rows.append(tuple(r[n] for n in names))
    return names, sorted(rows, key=repr)


def test_spark_dataset_equals_the_cli_export(session, corpus, tmp_path):
    out = tmp_path / "spark"
    n = bspark.extract_to_parquet(session, str(corpus), str(out), timeout=60)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert n == len(files)

    if not CLI.exists():
        pytest.skip(f"no CLI binary at {CLI}")
    cli = tmp_path / "cli"
    subprocess.run([str(CLI), "export", "-q", "--parquet", str(cli), str(corpus)], timeout=300)

    for table, cols in baocao.tables().items():
        spark_t = load(out, table)
        cli_t = load(cli, table)
        assert spark_t.schema.names == [c for c, _ in cols], table
        # The same types (Spark's dataset may add no partition column).
        assert [f.type for f in spark_t.schema] == [f.type for f in cli_t.schema], table
        s_names, s_rows = as_rows(spark_t)
        c_names, c_rows = as_rows(cli_t, root=str(corpus) + "/")
        assert s_names == c_names
        assert s_rows == c_rows, table

    docs = load(out, "documents").to_pylist()
    broken = [d for d in docs if d["source_path"] == "hong.pdf"]
    assert len(broken) == 1 and broken[0]["errors"]
    assert sum(1 for d in docs if not d["errors"]) == len(files) - 1
