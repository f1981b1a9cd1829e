"""Prepared form fonts kept on disk between runs (a derived file, never personal data).

Preparing the two compact form fonts (:func:`poptui.export.pdf_layout._font_template`: dropping
tables, cutting to the compact ranges, re-encoding every outline) takes about a quarter of a second
each, every run; reading the prepared bytes back takes a hundredth. The bytes are kept in the user
cache folder (``poptui/fonts``), one file per font, under a key made of everything that shapes them:
the shipped font file's bytes, the versions of fontTools and fpdf2, and the recipe the caller passes
(its ranges and dropped tables, :data:`FORMAT`). Rules:

- A file is used only when its key matches and the bytes after it are whole (their SHA-256 is
  stored with them); anything else (another version, a changed font, a cut-off or damaged file,
  an unreadable folder) is ignored and the font is prepared again and written anew.
- Written atomically (a temporary file in the same folder, then renamed), mode 0600, the folder
  0700. A folder that cannot be written only means the next run prepares the fonts again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

FORMAT = 1
"""Raise when the way the prepared bytes are made changes in a way the recipe does not show."""
_MAGIC = b"poptui-form-font\n"


def cache_folder() -> Path:
    """Where the prepared fonts are kept: the platform's user cache folder for poptui."""
    from platformdirs import user_cache_path

    return user_cache_path("poptui", appauthor=False) / "fonts"


def _key(font_file: Path, recipe: str) -> str:
    import fontTools
    import fpdf

    digest = hashlib.sha256()
    for part in (str(FORMAT), recipe, fontTools.version, fpdf.FPDF_VERSION):
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(font_file.read_bytes()).digest())
    return digest.hexdigest()


def _read(path: Path, key: str) -> bytes | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = _MAGIC + key.encode() + b"\n"
    if not blob.startswith(head):
        return None
    stored, newline, raw = blob[len(head) :].partition(b"\n")
    if not newline or hashlib.sha256(raw).hexdigest().encode() != stored:
        return None
    return raw


def _write(path: Path, key: str, raw: bytes) -> None:
    blob = _MAGIC + key.encode() + b"\n" + hashlib.sha256(raw).hexdigest().encode() + b"\n" + raw
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.mkdir(exist_ok=True, mode=0o700)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def prepared(name: str, font_file: Path, recipe: str, prepare: Callable[[], bytes]) -> bytes:
    """The prepared bytes of ``font_file`` kept as ``name``: read from the cache when they were made
    from these font bytes, versions and ``recipe``, else ``prepare()`` made now and kept for the next run."""
    try:
        key = _key(font_file, recipe)
        path = cache_folder() / f"{name}.bin"
    except OSError:
        return prepare()
    raw = _read(path, key)
    if raw is not None:
        return raw
    raw = prepare()
    _write(path, key, raw)
    return raw
