"""baocao: Vietnamese official reports to grounded JSON (contract ``baocao/1``).

The work is done by the Rust library (``baocao._native``); this module gives
it a Python face. Every call that reads documents releases the interpreter,
so threads run in parallel, and by default each document is processed in a
bounded worker process (this interpreter started with ``-c``): a document
that runs past ``timeout`` or crashes a reader becomes a result with
``errors``, never a hung or dead interpreter.

Bad input never raises: the result carries ``errors`` (``kind``, ``message``)
as the CLI's JSON does. Exceptions are for bad arguments (``ValueError``,
``TypeError``) and outputs that cannot be written (``OSError``).
"""

from __future__ import annotations

import collections
import concurrent.futures
import datetime
import json
import os
import sys

from . import _native

__all__ = [
    "SCHEMA",
    "__version__",
    "extract",
    "extract_many",
    "schema",
    "tables",
    "table_rows",
    "to_parquet",
    "error_document",
]

#: The contract every result follows.
SCHEMA = _native.SCHEMA
__version__ = _native.VERSION

# The worker child imports the package from the folder this one came from,
# whatever the child's working directory holds.
_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_WORKER_CODE = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); "
    "from baocao._native import worker_main; "
    "sys.exit(worker_main(sys.argv[1:]))"
)


def _worker_command():
    return [sys.executable, "-c", _WORKER_CODE, _PACKAGE_PARENT]


def _options(
    ocr="auto",
    timeout=60.0,
    no_text=False,
    max_bytes=256 * 1024 * 1024,
    max_items=20_000,
    max_memory=1024,
    tone_style="classic",
    isolate=True,
):
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be a number of seconds")
    if not isinstance(max_memory, int) or max_memory < 0:
        raise ValueError("max_memory must be a whole number of MiB (0: no limit)")
    return json.dumps(
        {
            "timeout": float(timeout),
            "ocr": str(ocr),
            "no_text": bool(no_text),
            "max_bytes": int(max_bytes),
            "max_items": int(max_items),
            "max_memory_mib": int(max_memory),
            "tone_style": str(tone_style),
            "worker": _worker_command() if isolate else [],
        }
    )


def extract(source, *, filename=None, **options):
    """Extract one document; return its ``baocao/1`` result as a dict.

    ``source`` is a path (``str`` or ``os.PathLike``) or the document's bytes.
    ``filename`` names bytes in ``source.path`` (its extension breaks format
    ties, e.g. ``"report.txt"``); with a path it replaces the path shown.

    Options (as the CLI's): ``ocr`` (``"auto"``, ``"always"``, ``"never"``),
    ``timeout`` (seconds per document), ``no_text`` (omit ``text``),
    ``max_bytes``, ``max_items``, ``max_memory`` (MiB per worker, 0: no
    limit), ``tone_style`` (``"classic"``, ``"modern"``, ``"keep"``) and
    ``isolate`` (default ``True``: run in a bounded worker process; ``False``
    runs in this process, without the time and memory bounds).
    """
    opts = _options(**options)
    if isinstance(source, (bytes, bytearray, memoryview)):
        text = _native.extract(None, bytes(source), filename, opts)
    else:
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        text = _native.extract(path, None, filename, opts)
    return json.loads(text)


def extract_many(sources, *, jobs=None, **options):
    """Extract many documents in parallel; yield their results in input order.

    Each result is yielded as soon as it and every one before it are done.
    At most a few times ``jobs`` documents are in flight, so a generator of
    millions of paths is fine. ``jobs`` defaults to the number of CPUs;
    options are those of :func:`extract`.
    """
    jobs = _jobs(jobs)
    opts = _options(**options)
    return _extract_many(sources, jobs, opts)


def _jobs(jobs):
    if jobs is None:
        return os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError("jobs must be a positive integer")
    return jobs


def _extract_many(sources, jobs, opts):
    def one(source):
        if isinstance(source, (bytes, bytearray, memoryview)):
            return _native.extract(None, bytes(source), None, opts)
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        return _native.extract(path, None, None, opts)

    window = collections.deque()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for source in sources:
            window.append(pool.submit(one, source))
            if len(window) >= jobs * 4:
                yield json.loads(window.popleft().result())
        while window:
            yield json.loads(window.popleft().result())


def schema():
    """The JSON Schema of the ``baocao/1`` contract, as a dict."""
    return json.loads(_native.schema())


def tables():
    """The exported tables: ``{table: [(column, kind), ...]}``.

    Kinds are ``"text"``, ``"integer"`` (64-bit), ``"real"``, ``"date"`` and
    ``"bool"``: the Parquet types of :func:`to_parquet`.
    """
    return {name: list(cols) for name, cols in _native.tables()}


def _document_json(document):
    if isinstance(document, str):
        return document
    if isinstance(document, dict):
        return json.dumps(document, ensure_ascii=False)
    raise TypeError("a document is a baocao/1 dict or its JSON text")


def table_rows(document, table):
    """The rows ``document`` (a result dict or its JSON) gives in ``table``.

    Tuples in the column order of :func:`tables`, with dates as
    ``datetime.date``: the same rows as the export.
    """
    if table not in _DATE_COLUMNS:
        raise ValueError(f"no table {table!r}; tables are {sorted(_DATE_COLUMNS)}")
    rows = _native.table_rows(table, _document_json(document))
    dates = _DATE_COLUMNS[table]
    if not dates:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i in dates:
            if row[i] is not None:
                try:
                    row[i] = datetime.date.fromisoformat(row[i])
                except ValueError:
                    row[i] = None
        out.append(tuple(row))
    return out


# Positions of the date columns of each table (the binding gives ISO text).
_DATE_COLUMNS = {
    name: [i for i, (_, kind) in enumerate(cols) if kind == "date"] for name, cols in _native.tables()
}


def error_document(path, message):
    """A failed result for ``path`` with one error (kind ``panic``)."""
    return json.loads(_native.error_document(str(path), str(message)))


def to_parquet(sources, directory, *, jobs=None, **options):
    """Write the export's tables as Parquet files in ``directory``.

    ``sources`` is a list of paths (reports, folders, ``.json``/``.jsonl``
    files: as ``baocao export``) or of result dicts from :func:`extract`;
    not both. One file per table (``documents.parquet``, ...), typed columns
    (see :func:`tables`); files are replaced only when the export is
    complete. Returns a summary dict (``documents``, ``rows``,
    ``duplicates``, ``with_errors``, ``failed``, ``failures``).
    """
    sources = list(sources)
    docs = [s for s in sources if isinstance(s, (dict, str)) and not _looks_like_path(s)]
    if docs and len(docs) != len(sources):
        raise TypeError("give either paths or result dicts, not both")
    jobs = _jobs(jobs)
    opts = _options(**options)
    directory = os.fspath(directory)
    if docs:
        texts = [_document_json(d) for d in docs]
        return _native.export_tables([], texts, directory, None, None, jobs, opts)
    paths = [os.fspath(s) for s in sources]
    return _native.export_tables(paths, [], directory, None, None, jobs, opts)


def _looks_like_path(s):
    return not isinstance(s, dict) and not s.lstrip().startswith("{")
