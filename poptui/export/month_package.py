"""The month's package (§4.4 "samengevat"): its file names, zip and summary text.

The service (:mod:`poptui.services.forms`) gathers the documents; this module
only names the package, zips the files and words the summary: pure functions.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from poptui.export.file_names import month_label
from poptui.i18n import _


def package_name(year: int, month: int) -> str:
    return f"POP-maandpakket_{month_label(year, month)}"


def trajectories_overview_name(year: int, month: int) -> str:
    return f"{month_label(year, month)}_OVERZICHT_POP-TRAJECTEN.xlsx"


def trainings_overview_name(year: int, month: int) -> str:
    return f"{month_label(year, month)}_OVERZICHT_OPLEIDINGEN_EN_UREN.xlsx"


def zip_bytes(folder_name: str, files: Mapping[str, bytes]) -> bytes:
    """A zip holding ``files`` inside one folder, in name order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder_name}/{name}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


@dataclass
class PackageContents:
    """What went into the package, counted per part, and what is missing."""

    year: int
    month: int
    pops: list[str] = field(default_factory=list)
    consents: list[str] = field(default_factory=list)
    overviews: list[str] = field(default_factory=list)
    hours: list[str] = field(default_factory=list)
    attendance: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self, folder: str, zip_name: str) -> str:
        """The Dutch summary printed at the end."""
        lines = [
            _("Maandpakket {month} klaar in {folder}", month=month_label(self.year, self.month), folder=folder),
            _("Zip: {zip}", zip=zip_name),
            "",
            _("Inhoud:"),
            _("- {count} toestemmings- en registratiedocument(en)", count=len(self.consents)),
            _("- {count} POP-document(en)", count=len(self.pops)),
            _("- {count} Excel-overzicht(en): POP-trajecten, opleidingen en uren", count=len(self.overviews)),
            _("- {count} urendocument(en) van organisaties", count=len(self.hours)),
            _("- {count} aanwezigheidslijst(en)", count=len(self.attendance)),
        ]
        lines.append("")
        if self.missing:
            lines.append(_("Ontbreekt of nog te doen ({count}):", count=len(self.missing)))
            lines.extend(f"- {item}" for item in self.missing)
        else:
            lines.append(_("Niets ontbreekt."))
        if self.notes:
            lines.append("")
            lines.append(_("Opmerkingen:"))
            lines.extend(f"- {item}" for item in self.notes)
        return "\n".join(lines)
