"""The content catalog: the draaiboek's variants, methods and questionnaires as typed data.

Content is data: everything lives in JSON files in ``data/`` (installed as the
package ``poptui.data``) and is validated here, once, into the frozen pydantic
models of :mod:`poptui.catalog_models`. Use :func:`load_catalog`; it is cached.

This module must not import textual.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, model_validator

from poptui.catalog_models import (
    METHOD_GOALS,
    ActionField,
    ActionTemplate,
    AiGuide,
    Attitude,
    BetweenStep,
    CardGamesGuide,
    CareerCompetenceInfo,
    CompetenceGuide,
    ContactMomentTemplate,
    Guidance,
    HandGuide,
    InterviewGuide,
    KlokwijsGuide,
    LevelGuide,
    MethodGuide,
    MethodsFile,
    PraatplaatGuide,
    Prompt,
    RegistrationGuide,
    ScanDomain,
    ScanGuide,
    ShippedDeck,
    SmartGuide,
    StartupGuide,
    Variant,
    VariantsFile,
)
from poptui.models.enums import MethodKind, VariantId

__all__ = [
    "METHOD_GOALS",
    "ActionField",
    "ActionTemplate",
    "AiGuide",
    "Attitude",
    "BetweenStep",
    "CareerCompetenceInfo",
    "CardGamesGuide",
    "Catalog",
    "CatalogError",
    "CompetenceGuide",
    "ContactMomentTemplate",
    "Guidance",
    "HandGuide",
    "InterviewGuide",
    "KlokwijsGuide",
    "LevelGuide",
    "MethodGuide",
    "PraatplaatGuide",
    "Prompt",
    "RegistrationGuide",
    "ScanDomain",
    "ShippedDeck",
    "ScanGuide",
    "SmartGuide",
    "StartupGuide",
    "Variant",
    "load_catalog",
]

_M = TypeVar("_M", bound=BaseModel)


class CatalogError(RuntimeError):
    """A content file is missing, is not valid JSON or does not match its model."""


_PLAIN = str.maketrans("‘’“”–—", "''\"\"--")


def _normalise(name: str) -> str:
    """Key for name look-ups: case-folded, typographic quotes and dashes made plain,
    whitespace collapsed."""
    name = name.translate(_PLAIN)
    return re.sub(r"\s+", " ", name).strip().casefold()


class Catalog(BaseModel):
    """Everything in ``data/``, typed.

    - ``variants``: the standard trajectories of §4.5, keyed by :class:`VariantId`.
    - ``methods``: the methods of §5 and the planning tools of §4.5.3, keyed by
      :class:`MethodKind`.
    - ``levels``: the explanation of reflection ability and intensity (§4.5).
    - ``scan`` (§5.7), ``smart`` (§5.8), ``startup`` (§3.3), ``interview`` (§5.2),
      ``hand`` (§5.3), ``klokwijs`` (§5.9), ``praatplaat`` (§5.13),
      ``competence`` (§5.6) and ``ai`` (§5.1): the content of those screens.
    - ``registration`` (§4.4): the Mijn Loopbaan upload steps and the compliance overview's texts.
    - ``card_games`` (§5.4, §5.5, §5.10-§5.12): the piles, rounds and questions of the card games
      (the decks themselves: :func:`shipped_decks`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    variants: dict[VariantId, Variant]
    methods: dict[MethodKind, MethodGuide]
    levels: LevelGuide
    scan: ScanGuide
    smart: SmartGuide
    startup: StartupGuide
    interview: InterviewGuide
    hand: HandGuide
    klokwijs: KlokwijsGuide
    praatplaat: PraatplaatGuide
    competence: CompetenceGuide
    ai: AiGuide
    registration: RegistrationGuide
    card_games: CardGamesGuide

    _by_name: dict[str, MethodKind] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        for key, variant in self.variants.items():
            if key is not variant.id:
                raise ValueError(f"variant stored under {key!r} has id {variant.id!r}")
        missing_variants = set(VariantId) - set(self.variants)
        if missing_variants:
            raise ValueError(f"variants missing: {sorted(missing_variants)}")
        for kind, method in self.methods.items():
            if kind is not method.id:
                raise ValueError(f"method stored under {kind!r} has id {method.id!r}")
        missing_methods = set(MethodKind) - set(self.methods)
        if missing_methods:
            raise ValueError(f"method guides missing: {sorted(missing_methods)}")
        by_name: dict[str, MethodKind] = {}
        for method in self.methods.values():
            for name in (method.name, method.id.value, *method.aliases):
                normal = _normalise(name)
                if by_name.get(normal, method.id) is not method.id:
                    raise ValueError(f"method name {name!r} is used by {by_name[normal]} and {method.id}")
                by_name[normal] = method.id
        self._by_name.update(by_name)
        return self

    def method_by_name(self, name: str) -> MethodGuide | None:
        """The method whose name, id or one of whose aliases equals ``name``
        (case-insensitive; typographic quotes/dashes and extra spaces ignored)."""
        kind = self._by_name.get(_normalise(name))
        return self.methods[kind] if kind is not None else None

    def variant_for(self, reflection: str, intensity: str) -> Variant | None:
        """The standard variant with exactly this reflection ability and intensity, if any."""
        for variant in self.variants.values():
            if variant.reflection == reflection and variant.intensity == intensity:
                return variant
        return None


def _data_root() -> Traversable:
    """The installed ``poptui.data`` package, or ``data/`` of the checkout."""
    try:
        return importlib.resources.files("poptui.data")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "data"


def _load(root: Traversable, filename: str, model: type[_M]) -> _M:
    try:
        raw = root.joinpath(filename).read_bytes()
    except OSError as exc:
        raise CatalogError(f"content file data/{filename} cannot be read: {exc}") from exc
    try:
        return model.model_validate(json.loads(raw))
    except json.JSONDecodeError as exc:
        raise CatalogError(f"content file data/{filename} is not valid JSON: {exc}") from exc
    except ValidationError as exc:
        raise CatalogError(f"content file data/{filename} does not match {model.__name__}:\n{exc}") from exc


@functools.cache
def load_catalog() -> Catalog:
    """Read and validate every content file, once. Raises :class:`CatalogError`
    naming the file when one is broken."""
    root = _data_root()
    variants = _load(root, "variants.json", VariantsFile).variants
    methods = _load(root, "methods.json", MethodsFile).methods
    for label, items in (("variant", [v.id.value for v in variants]), ("method", [m.id.value for m in methods])):
        duplicates = {i for i in items if items.count(i) > 1}
        if duplicates:
            raise CatalogError(f"duplicate {label} ids: {sorted(duplicates)}")
    try:
        return Catalog(
            variants={v.id: v for v in variants},
            methods={m.id: m for m in methods},
            levels=_load(root, "levels.json", LevelGuide),
            scan=_load(root, "scan.json", ScanGuide),
            smart=_load(root, "smart.json", SmartGuide),
            startup=_load(root, "startup.json", StartupGuide),
            interview=_load(root, "interview.json", InterviewGuide),
            hand=_load(root, "hand.json", HandGuide),
            klokwijs=_load(root, "klokwijs.json", KlokwijsGuide),
            praatplaat=_load(root, "praatplaat.json", PraatplaatGuide),
            competence=_load(root, "competence.json", CompetenceGuide),
            ai=_load(root, "ai.json", AiGuide),
            registration=_load(root, "registration.json", RegistrationGuide),
            card_games=_load(root, "card_games.json", CardGamesGuide),
        )
    except ValidationError as exc:
        raise CatalogError(f"content files variants.json/methods.json are inconsistent:\n{exc}") from exc


DECKS_FOLDER = "decks"


@functools.cache
def shipped_decks() -> tuple[ShippedDeck, ...]:
    """poptui's own decks (``data/decks/*.json``), validated once, in file-name order.
    Apart from :func:`load_catalog`: only the card games need them."""
    folder = _data_root().joinpath(DECKS_FOLDER)
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
    decks = tuple(_load(folder, name, ShippedDeck) for name in names)
    ids = [deck.id for deck in decks]
    if len(set(ids)) != len(ids):
        raise CatalogError(f"duplicate deck ids in data/decks: {sorted(ids)}")
    return decks
