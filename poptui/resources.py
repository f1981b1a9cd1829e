"""Where the package's data files are, installed or in the checkout."""

from __future__ import annotations

from pathlib import Path


def data_root() -> Path:
    """The folder holding the content files (``poptui.data`` when installed): the folder of its
    ``__init__.py`` (what ``importlib.resources.files`` answers for a package on disk, without the
    15 ms of imports that module brings, tempfile and the compression modules among them)."""
    try:
        import poptui.data
    except ModuleNotFoundError:  # running from a checkout without install
        return Path(__file__).resolve().parent.parent / "data"
    return Path(poptui.data.__file__).parent


def data_path(*parts: str) -> Path:
    return data_root().joinpath(*parts)
