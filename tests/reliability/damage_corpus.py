"""The damage and bad-input corpus: every way a database folder was found damaged, and bad command lines.

:data:`DAMAGES` maps a Dutch name to a function that damages a copy of the demo database in place.
Each is something ``poptui check`` must report and the app must refuse to start on. :data:`BAD_INPUT`
lists command lines with wrong values. Used by test_cli_corpus.py and test_start_verification.py.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from poptui.store import layout, schema

Damage = Callable[[Path], None]


def _biggest_dossier(root: Path) -> Path:
    return max((root / "dossiers").glob("*.json"), key=lambda path: path.stat().st_size)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\x01 dit is geen json \xff\xfe")


def _other_json(path: Path) -> None:
    path.write_text(json.dumps(["een", "lijst", {"van": "iets anders"}]))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _invalid_record(table: str, field: str, value: object) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        first = next(iter(data[table].values()))
        first[field] = value
        path.write_text(json.dumps(data), encoding="utf-8")

    return damage


def _on(name: str, damage: Callable[[Path], None]) -> Damage:
    return lambda root: damage(root / name)


def _biggest_shard(root: Path, scope: str) -> Path:
    return max(layout.shard_files(root, scope), key=lambda path: path.stat().st_size)


def _on_shard(scope: str, damage: Callable[[Path], None]) -> Damage:
    return lambda root: damage(_biggest_shard(root, scope))


def _on_dossier(damage: Callable[[Path], None]) -> Damage:
    return lambda root: damage(_biggest_dossier(root))


def _delete(name: str) -> Damage:
    return lambda root: (root / name).unlink()


def _newer_schema(root: Path) -> None:
    meta = json.loads((root / schema.META_FILE).read_text())
    meta["schema_version"] = schema.SCHEMA_VERSION + 1
    (root / schema.META_FILE).write_text(json.dumps(meta))


def _audit_lines(root: Path) -> list[bytes]:
    return (root / "audit.log").read_bytes().splitlines(keepends=True)


def _cut_audit_tail(root: Path) -> None:
    (root / "audit.log").write_bytes(b"".join(_audit_lines(root)[:-20]))


def _edit_audit_line(root: Path) -> None:
    lines = _audit_lines(root)
    lines[3] = lines[3].replace(b'"demo"', b'"iemand"', 1)
    (root / "audit.log").write_bytes(b"".join(lines))


def _garbage_audit_line(root: Path) -> None:
    lines = _audit_lines(root)
    lines[5] = b"{kapot\n"
    (root / "audit.log").write_bytes(b"".join(lines))


DAMAGES: dict[str, Damage] = {
    "meta afgebroken": _on(schema.META_FILE, _truncate),
    "meta geen JSON": _on(schema.META_FILE, _garbage),
    "meta verwijderd": _delete(schema.META_FILE),
    "meta nieuwer schema": _newer_schema,
    "core afgebroken": _on("core.json", _truncate),
    "core geen JSON": _on("core.json", _garbage),
    "core andere JSON": _on("core.json", _other_json),
    "core ongeldig record": _on("core.json", _invalid_record("organisations", "kind", "onbekend")),
    "core verwijderd": _delete("core.json"),
    "employees afgebroken": _on_shard("employees", _truncate),
    "employees geen JSON": _on_shard("employees", _garbage),
    "employees leeg": _on_shard("employees", _empty),
    "employees ongeldig record": _on_shard("employees", _invalid_record("employees", "reflection", "heel hoog")),
    "employees verwijderd": lambda root: _biggest_shard(root, "employees").unlink(),
    "employees-map verwijderd": lambda root: shutil.rmtree(root / "employees"),
    "trajectories afgebroken": _on_shard("trajectories", _truncate),
    "trajectories ongeldig record": _on_shard("trajectories", _invalid_record("trajectories", "variant", "variant_9")),
    "trajectories verwijderd": lambda root: _biggest_shard(root, "trajectories").unlink(),
    "dossier afgebroken": _on_dossier(_truncate),
    "dossier geen JSON": _on_dossier(_garbage),
    "dossier ongeldig record": _on_dossier(_invalid_record("contact_moments", "number", "veel")),
    "dossier verwijderd": lambda root: _biggest_dossier(root).unlink(),
    "dossiers-map verwijderd": lambda root: shutil.rmtree(root / "dossiers"),
    "auditlog laatste 20 regels weg": _cut_audit_tail,
    "auditlog verwijderd": _delete("audit.log"),
    "auditlog regel gewijzigd": _edit_audit_line,
    "auditlog onleesbare regel": _garbage_audit_line,
    "inhoudstabel verwijderd": _delete("manifest.json"),
}


BAD_INPUT: list[list[str]] = [
    ["person", "retention", "--years", "99999"],
    ["person", "retention", "--years", "-5"],
    ["person", "retention", "--years", "0"],
    ["person", "retention", "--years", "vijf"],
    ["report", "month", "0000-01"],
    ["report", "month", "2026-13"],
    ["report", "month", "oktober"],
    ["report", "month", "9999-99"],
    ["list", "niets"],
    ["list"],
    ["onbekend"],
    ["export"],
    ["export", "pop"],
    ["export", "pop", "../../etc/passwd"],
    ["export", "pop", "bestaat-niet"],
    ["export", "form", "consent", "bestaat-niet"],
    ["export", "form", "blank", "onbekend"],
    ["export", "form", "hours", "\x1b]52;c;aGFsbG8=\x07"],
    ["person", "export", "bestaat-niet"],
    ["person", "erase", "bestaat-niet", "--yes"],
    ["person", "erase", "x" * 5000, "--yes"],
    ["import", "employees", "/bestaat/niet.csv", "--organisation", "De Werkplaats vzw"],
    ["import", "employees", "/etc", "--organisation", "De Werkplaats vzw"],
    ["import", "employees"],
    ["restore", "/bestaat/niet.zip", "--yes"],
    ["restore", "/etc/hostname", "--yes"],
    ["backup", "--out", "/proc/nope"],
    ["init"],
    ["--lang", "xx"],
    ["--years"],
    ["competences", "list"],
    ["competences", "list", "--organisation", "Onbekend\x1b[2J"],
    ["competences", "import", "/bestaat/niet.csv", "--organisation", "De Werkplaats vzw"],
    ["competences", "import", "/etc", "--organisation", "De Werkplaats vzw"],
    ["competences", "import", "/etc/hostname", "--organisation", "De Werkplaats vzw"],
    ["decks", "import", "/etc/passwd", "--name", "X"],
    ["decks", "import", "/bestaat/niet.csv", "--name", "X", "--kind", "raar"],
    ["report", "compliance", "--organisation", "Onbekend"],
    ["pop", "uploaded", "bestaat-niet", "--date", "2026-02-30"],
    ["serve", "--port", "99999"],
    ["serve", "--port", "0"],
    ["serve", "--port", "poort"],
]
"""Command lines with wrong values; the test adds ``--db`` (a healthy demo database) where it fits."""
