"""Import and export quotes in the corpus format (JSON Lines, or CSV with the same columns).

One row a quote: ``{"ref", "text", "speaker", "language", "source": {"title", "publisher", "url",
"published_at"}}``, plus optional ``kind``, ``said_on``, ``context``, ``translation_of`` (another row's
ref) and ``translation_provenance``. Rows of Goodreads-style collections (``{"quote", "author"}``, as
in Quotes-500K) are read too. Bad rows are reported by line and skipped; every good row lands;
a row already stored (same words, speaker and source) is not stored again. Rows are written in
batches, each batch one transaction holding the quotes and their index entries together.
"""


from service.corpus.exporting import export_file, export_rows
from service.corpus.importing import BATCH, ImportReport, default_jobs, import_file
from service.corpus.rows import (
    CSV_COLUMNS,
    MAX_TEXT,
    SOURCE_FIELDS,
    Progress,
    Row,
    RowError,
    SpeakerRow,
    parse_row,
)

__all__ = [
    "BATCH",
    "CSV_COLUMNS",
    "MAX_TEXT",
    "SOURCE_FIELDS",
    "ImportReport",
    "Progress",
    "Row",
    "RowError",
    "SpeakerRow",
    "default_jobs",
    "export_file",
    "export_rows",
    "import_file",
    "parse_row",
]
