"""What a file is, decided by its own first bytes (puremagic), never by its name or the
type the client declared."""

from __future__ import annotations

import codecs

import puremagic

# Media type -> the extension a download's file name gets.
ALLOWED: dict[str, str] = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tiff",
    "application/dicom": ".dcm",
    "text/plain": ".txt",
}

# Enough for every signature we accept (DICOM's sits at byte 128).
SNIFF_BYTES = 8192

# Control characters a plain-text document does not contain (tab, LF, FF, CR are fine).
_BINARY_CONTROLS = frozenset(range(0, 32)) - {9, 10, 12, 13}


def _plain_text(head: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        # final=False: the head may end inside a multi-byte character.
        text = decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return bool(text) and not any(ord(char) in _BINARY_CONTROLS for char in text)


def sniff(head: bytes) -> str | None:
    """The allowed media type of a file starting with `head`, or None when refused."""
    head = head[:SNIFF_BYTES]
    if not head:
        return None
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        matches = []
    for match in matches:
        if match.mime_type in ALLOWED:
            return match.mime_type
    if matches and any(match.confidence >= 0.8 for match in matches):
        # A confident signature of something else (an executable, an archive).
        return None
    return "text/plain" if _plain_text(head) else None
