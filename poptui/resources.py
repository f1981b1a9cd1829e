"""Where the package's data files are, installed or in the checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_root() -> Path:
    """The folder holding the content files (``poptui.data`` when installed)."""
    try:
        return Path(str(resources.files("poptui.data")))
    except ModuleNotFoundError:  # running from a checkout without install
        return Path(__file__).resolve().parent.parent / "data"


def data_path(*parts: str) -> Path:
    return data_root().joinpath(*parts)
