"""The library entry points a notebook uses, over the same code as the CLI."""

from .ingest import Source, parse_text
from .models import load_models
from .pipeline import process
from .records import Result


def process_text(text: str, doc_id: str = "text") -> Result:
    """Run the whole pipeline over one release given as a string.

    The text is read like a `.txt` release: its first non-empty line is the
    title, and a date line and a `Source URL:` line fill the metadata.
    """
    source = Source(doc_id=doc_id, path="", kind="txt", data=b"", sha256="")
    return process(parse_text(source, text, encoding=""), load_models())
