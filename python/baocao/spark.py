"""Running baocao on a Spark cluster.

Spark reads a folder of documents as binary files; each partition is
extracted on an executor by :func:`extract_partition` (the package must be
installed on the executors, e.g. ``pip install`` of the wheel or
``--py-files``); the results are kept once (``persist``) and flattened into
the export's tables, each written as a Parquet dataset
``<out>/<table>/part-*.parquet`` with the same columns and types as
``baocao export --parquet``. A document that cannot be read gives a row in
``documents`` with its ``errors``; a failure of Python itself on one input
gives such a row too (kind ``panic``), never a failed task.

Only :func:`extract_to_parquet` needs ``pyspark``; it is imported there.
"""

from __future__ import annotations

import json

from . import error_document, extract, table_rows, tables

#: The Spark SQL type of each column kind.
_SPARK_TYPES = {
    "text": "StringType",
    "integer": "LongType",
    "real": "DoubleType",
    "date": "DateType",
    "bool": "BooleanType",
}


def spark_schema(table):
    """The ``pyspark.sql.types.StructType`` of an exported table."""
    from pyspark.sql import types as T

    return T.StructType(
        [T.StructField(name, getattr(T, _SPARK_TYPES[kind])(), True) for name, kind in tables()[table]]
    )


def _relative(path, root):
    """The input's path as the CLI shows it: relative to the input folder."""
    prefix = root.rstrip("/") + "/"
    for candidate in (path, path.replace("file://", "", 1), path.replace("file:", "", 1)):
        if candidate.startswith(prefix):
            return candidate[len(prefix):]
    return path


def extract_partition(rows, root="", **options):
    """Extract every ``(path, content)`` row of a partition.

    Yields ``(path, json)`` pairs: the ``baocao/1`` JSON text of each
    document, named by its path relative to ``root``. Never raises for one
    input: an exception becomes a failed document.
    """
    for row in rows:
        path = _relative(row["path"], root) if root else row["path"]
        try:
            doc = extract(bytes(row["content"]), filename=path, **options)
            text = json.dumps(doc, ensure_ascii=False)
        except Exception as e:  # noqa: BLE001 - one input must not fail the task
            text = json.dumps(error_document(path, f"{type(e).__name__}: {e}"), ensure_ascii=False)
        yield path, text


def extract_to_parquet(spark, input_dir, output_dir, *, glob=None, **options):
    """Extract every document under ``input_dir`` with Spark; write the tables.

    ``output_dir/<table>/`` is a Parquet dataset per table of the export.
    ``glob`` filters file names (Spark's ``pathGlobFilter``, e.g. ``"*.pdf"``).
    Options are those of :func:`baocao.extract`. Returns the number of
    documents.
    """
    from pyspark import StorageLevel

    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    if glob:
        reader = reader.option("pathGlobFilter", glob)
    files = reader.load(input_dir).select("path", "content")
    root = input_dir if "://" in input_dir else _as_uri_root(input_dir)

    def run(rows):
        return extract_partition(rows, root=root, **options)

    docs = files.rdd.mapPartitions(run).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        count = docs.count()
        for table in tables():
            def flatten(pair, table=table):
                return table_rows(pair[1], table)

            frame = spark.createDataFrame(docs.flatMap(flatten), spark_schema(table))
            frame.write.mode("overwrite").parquet(f"{output_dir.rstrip('/')}/{table}")
    finally:
        docs.unpersist()
    return count


def _as_uri_root(path):
    import os

    return "file:" + os.path.abspath(path)


__all__ = ["extract_partition", "extract_to_parquet", "spark_schema"]
