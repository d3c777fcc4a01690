"""A document's file name: what is stored, and how a download names it.

A name is the uploader's text and is shown to someone else, by a browser or a file
manager that trusts the extension. So the stored name says what the bytes are:

- no invisible characters (controls, format characters — direction overrides
  and isolates, zero-width characters — and every default-ignorable code point,
  `app.domain.invisible_characters`): `invoice\\u202efdp.bat` displays as
  "invoicetab.pdf" but is a batch file;
- no path, no quote or backslash, no leading or trailing dots and spaces;
- the extension follows the type sniffed from the bytes (`sniffing.ALLOWED`): a
  matching extension is kept, a different one is replaced (`report.hta` sniffed as
  text is `report.txt`, a PDF named `x.exe` is `x.pdf`), a name without one gets one.

Applied when the name is stored and again at download (names stored before this
rule are served by it too). A download is always `attachment`, with an ASCII
`filename` and the exact name as RFC 6266 / RFC 8187 `filename*`.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from urllib.parse import quote

from app.documents.sniffing import ALLOWED
from app.domain.invisible_characters import without_invisible

MAX_NAME_CHARS = 255

# Other spellings of an allowed type's extension, kept as given.
EXTENSION_ALIASES: dict[str, frozenset[str]] = {
    "image/jpeg": frozenset({".jpg", ".jpeg"}),
    "image/tiff": frozenset({".tif", ".tiff"}),
}

_PATH_AND_QUOTES = re.compile(r'["\\/]')
# What looks like an extension to a file manager: a dot and up to 10 letters or digits.
_EXTENSION = re.compile(r"\.[^.\s]{1,10}$")
_ASCII_FALLBACK_UNSAFE = re.compile(r'[^\x20-\x7e]|["\\%;]')


def _extensions(content_type: str) -> frozenset[str]:
    canonical = ALLOWED.get(content_type, "")
    return EXTENSION_ALIASES.get(content_type, frozenset({canonical} if canonical else ()))


def visible_name(name: str) -> str:
    """The name without path, invisible characters, quotes or surrounding dots and spaces."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = without_invisible(name)
    # Line and paragraph separators and other spaces read as one space.
    name = "".join(" " if char.isspace() else char for char in name)
    return _PATH_AND_QUOTES.sub("_", name).strip(" .")


def stored_name(name: str | None, content_type: str) -> str | None:
    """The name a document of `content_type` is stored and served under; None without one."""
    if not name:
        return None
    name = visible_name(name)
    if not name:
        return None
    wanted = _extensions(content_type)
    if not wanted:
        return name[:MAX_NAME_CHARS]
    canonical = ALLOWED[content_type]
    match = _EXTENSION.search(name)
    if match is not None and match.group().lower() in wanted:
        stem, extension = name[: match.start()], match.group()
    else:
        stem = name[: match.start()] if match is not None else name
        extension = canonical
    stem = stem.rstrip(" .") or "document"
    return stem[: MAX_NAME_CHARS - len(extension)] + extension


def _ascii_fallback(name: str) -> str:
    # é -> e (the letter without its accent), anything else outside printable ASCII -> _
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _ASCII_FALLBACK_UNSAFE.sub("_", plain)


def content_disposition(name: str | None, document_id: uuid.UUID, content_type: str) -> str:
    """`attachment` with the stored name (re-checked), never `inline`."""
    served = stored_name(name, content_type) or f"{document_id}{ALLOWED.get(content_type, '')}"
    return (
        f'attachment; filename="{_ascii_fallback(served)}";'
        f" filename*=UTF-8''{quote(served, safe='')}"
    )
