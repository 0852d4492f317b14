"""Type stubs of baocao: Vietnamese official reports to grounded JSON (baocao/1)."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, TypedDict, Union

SCHEMA: str
__version__: str

Source = Union[str, os.PathLike, bytes, bytearray, memoryview]
Kind = Literal["text", "integer", "real", "date", "bool"]
Cell = Union[None, int, float, str, bool, datetime.date]

class Summary(TypedDict):
    documents: int
    rows: int
    duplicates: int
    with_errors: int
    failed: int
    failures: List[Tuple[str, str]]

def extract(
    source: Source,
    *,
    filename: Optional[str] = ...,
    ocr: Literal["auto", "always", "never"] = ...,
    timeout: float = ...,
    no_text: bool = ...,
    max_bytes: int = ...,
    max_items: int = ...,
    max_memory: int = ...,
    tone_style: Literal["classic", "modern", "keep"] = ...,
    isolate: bool = ...,
) -> Dict[str, Any]:
    """Extract one document (a path or its bytes); its baocao/1 result."""

def extract_many(
    sources: Iterable[Source],
    *,
    jobs: Optional[int] = ...,
    ocr: Literal["auto", "always", "never"] = ...,
    timeout: float = ...,
    no_text: bool = ...,
    max_bytes: int = ...,
    max_items: int = ...,
    max_memory: int = ...,
    tone_style: Literal["classic", "modern", "keep"] = ...,
    isolate: bool = ...,
) -> Iterator[Dict[str, Any]]:
    """Extract documents in parallel; results in input order."""

def schema() -> Dict[str, Any]:
    """The JSON Schema of the baocao/1 contract."""

def tables() -> Dict[str, List[Tuple[str, Kind]]]:
    """The exported tables and their typed columns."""

def table_rows(document: Union[Dict[str, Any], str], table: str) -> List[Tuple[Cell, ...]]:
    """The rows a document gives in one exported table."""

def error_document(path: str, message: str) -> Dict[str, Any]:
    """A failed result for path, with one error."""

def to_parquet(
    sources: Iterable[Union[str, os.PathLike, Dict[str, Any]]],
    directory: Union[str, os.PathLike],
    *,
    jobs: Optional[int] = ...,
    ocr: Literal["auto", "always", "never"] = ...,
    timeout: float = ...,
    no_text: bool = ...,
    max_bytes: int = ...,
    max_items: int = ...,
    max_memory: int = ...,
    tone_style: Literal["classic", "modern", "keep"] = ...,
    isolate: bool = ...,
) -> Summary:
    """Write the export's tables as Parquet files in directory."""
