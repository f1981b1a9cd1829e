"""Card decks: poptui's own (``data/decks/``) and the ones an organisation imports.

- :func:`available`: the decks of a kind for an organisation, its own imported decks first, then
  the ones imported for everyone, then poptui's own.
- :func:`get_deck`: one deck by id (poptui's own are ``poptui:<name>``).
- :func:`import_deck`: read a .csv or .xlsx file, one card a row (through
  :mod:`poptui.services.import_table`, which reads what Excel on a Belgian PC writes), and store
  it as a :class:`~poptui.models.cards.Deck`. The column with the cards names the kind
  ('kwaliteit', 'vaardigheid', 'prent', 'competentie'; or 'kaart' with ``kind`` given). A file
  without that column, or without a single card, imports nothing and says why in Dutch. Rows that
  cannot be read are refused one by one, with the reason; importing again under the same name
  replaces the deck (games played with it keep their own copy of the cards).
- :func:`competence_sources`: the competences for Vier op een rij (§5.12): the organisation's
  competence dictionary first, then its competence decks, then poptui's own.

Image files of a picture deck are copied into the database folder (``decks/<deck id>/``), so
every coach on the server sees them; a missing or unreadable image leaves the card with its label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from poptui.catalog import ShippedDeck, shipped_decks
from poptui.i18n import _
from poptui.models import Competence
from poptui.models.cards import MAX_DECK_CARDS, Deck, DeckCard, DeckKind
from poptui.models.errors import dutch_summary
from poptui.resources import data_path
from poptui.services.competences import dictionary_of
from poptui.services.import_table import NoHeaderError, SourceRow, read_table
from poptui.store import Database, NotFound, StoreError
from poptui.store.files import private_folder, write_private
from poptui.text import clean_line, shorten

SHIPPED = "poptui:"
IMAGE_FOLDER = "decks"
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
"""A picture card's image is drawn in a few dozen cells: a bigger image only costs time."""
MAX_FILE_BYTES = 2 * 1024 * 1024
"""A deck file: 500 cards of a few hundred characters fit many times over."""
MAX_ROWS = 2 * MAX_DECK_CARDS + 15
"""Rows read from a deck file (title and header rows and refused rows included)."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")

TEXT_COLUMNS: dict[DeckKind | None, tuple[str, ...]] = {
    DeckKind.QUALITIES: ("kwaliteit", "kwaliteiten", "quality"),
    DeckKind.SKILLS: ("vaardigheid", "vaardigheden", "skill"),
    DeckKind.PICTURES: ("prent", "prenten", "picture", "label"),
    DeckKind.COMPETENCES: ("competentie", "competenties", "competence"),
    None: ("kaart", "kaarten", "tekst", "naam", "card", "text"),
}
OTHER_COLUMNS: dict[str, tuple[str, ...]] = {
    "plus": ("plus", "eenvoudig", "eenvoudige tekst", "kwaliteit plus", "simple"),
    "explanation": ("uitleg", "omschrijving", "beschrijving", "explanation", "description"),
    "distortion": ("vervorming", "valkuil", "distortion"),
    "distortion_plus": ("vervorming plus", "valkuil plus", "distortion plus"),
    "image": ("afbeelding", "beeld", "foto", "image", "bestand"),
    **{
        f"aspect_{number}": (f"aspect {number}", f"aspect{number}", f"voorbeeld {number}", f"aspect_{number}")
        for number in range(1, 5)
    },
}
LIMITS = {
    "text": 200,
    "plus": 300,
    "explanation": 400,
    "distortion": 200,
    "distortion_plus": 300,
    "image": 400,
    **{f"aspect_{number}": 200 for number in range(1, 5)},
}


class DeckImportError(StoreError):
    """The file gives no deck (no card column, no cards, unknown kind); nothing was imported."""


@dataclass(frozen=True)
class DeckInfo:
    """A deck as the games and the command line see it."""

    id: str
    name: str
    kind: DeckKind
    cards: tuple[DeckCard, ...]
    shipped: bool
    organisation_id: str | None = None
    description: str = ""
    image_folder: Path | None = None
    """Where the deck's image files are (relative image names are looked up here)."""

    def image_path(self, card: DeckCard) -> Path | None:
        return image_path(card, self.image_folder)


def image_path(card: DeckCard, folder: Path | None) -> Path | None:
    """The card's image file when it exists, else None (the card shows its label)."""
    if not card.image:
        return None
    path = Path(card.image)
    if not path.is_absolute():
        if folder is None:
            return None
        path = folder / path
    return path if path.is_file() else None


def _shipped_info(deck: ShippedDeck) -> DeckInfo:
    return DeckInfo(
        SHIPPED + deck.id,
        deck.name,
        deck.kind,
        tuple(deck.cards),
        True,
        None,
        deck.description,
        data_path("decks", "images"),
    )


def _stored_info(database: Database, deck: Deck) -> DeckInfo:
    return DeckInfo(
        deck.id,
        deck.name,
        deck.kind,
        tuple(deck.cards),
        False,
        deck.organisation_id,
        deck.source,
        database.path / IMAGE_FOLDER / deck.id,
    )


def available(database: Database, kind: DeckKind | None = None, organisation_id: str | None = None) -> list[DeckInfo]:
    """Decks of ``kind`` (every kind when None) usable for ``organisation_id``: the organisation's
    own first, then the ones for every organisation, then poptui's own. Without an organisation:
    every imported deck."""
    stored = [deck for deck in database.list(Deck) if kind is None or deck.kind is kind]
    if organisation_id is not None:
        stored = [deck for deck in stored if deck.organisation_id in (None, organisation_id)]
    stored.sort(key=lambda deck: (deck.organisation_id is None, deck.name.casefold()))
    shipped = [_shipped_info(deck) for deck in shipped_decks() if kind is None or deck.kind is kind]
    return [*(_stored_info(database, deck) for deck in stored), *shipped]


def get_deck(database: Database, deck_id: str) -> DeckInfo:
    """The deck ``deck_id``; raises :class:`NotFound`."""
    if deck_id.startswith(SHIPPED):
        for deck in shipped_decks():
            if SHIPPED + deck.id == deck_id:
                return _shipped_info(deck)
        raise NotFound("kaartenset", deck_id)
    return _stored_info(database, database.get(Deck, deck_id))


def default_deck(database: Database, kind: DeckKind, organisation_id: str | None = None) -> DeckInfo:
    """The deck a game starts with when the coach chooses none: the first of :func:`available`."""
    return available(database, kind, organisation_id)[0]


# -- Vier op een rij -------------------------------------------------------------------------------


DICTIONARY = "woordenboek:"
ASPECTS = 4
"""Vier op een rij: four aspects under each competence."""


def dictionary_deck(database: Database, organisation_id: str) -> DeckInfo | None:
    """The organisation's competence dictionary as competence cards (:func:`competence_deck`)."""
    return competence_deck(organisation_id, dictionary_of(database, organisation_id))


def competence_deck(organisation_id: str, competences: Sequence[Competence]) -> DeckInfo | None:
    """Competences of a dictionary as competence cards: each one with at least four behaviour
    indicators, its first four as the aspects (a competence with three is left out). None when
    fewer than two competences qualify."""
    cards = [
        DeckCard(id=competence.id, text=competence.name, aspects=list(competence.indicators[:ASPECTS]))
        for competence in competences
        if len(competence.indicators) >= ASPECTS
    ]
    if len(cards) < 2:
        return None
    return DeckInfo(
        DICTIONARY + organisation_id,
        _("Competentiewoordenboek van de organisatie"),
        DeckKind.COMPETENCES,
        tuple(cards),
        False,
        organisation_id,
        _("de competenties met hun gedragsindicatoren als aspecten"),
    )


def competence_sources(database: Database, organisation_id: str | None) -> list[DeckInfo]:
    """Where the competences for Vier op een rij (§5.12) can come from, the first one by default:
    the organisation's competence dictionary (:func:`dictionary_deck`), then the competence decks
    it imported, then poptui's own deck."""
    own = dictionary_deck(database, organisation_id) if organisation_id else None
    return [*([own] if own else []), *available(database, DeckKind.COMPETENCES, organisation_id)]


def competence_cards(database: Database, organisation_id: str | None) -> DeckInfo:
    """The default competences for Vier op een rij: the first of :func:`competence_sources`."""
    return competence_sources(database, organisation_id)[0]


# -- importing -----------------------------------------------------------------------------------


@dataclass
class DeckImportResult:
    deck: Deck
    replaced: bool
    refused: list[tuple[int, str]] = field(default_factory=list)
    """(row number, Dutch reason) of the rows that were not read."""
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = _(
            "Kaartenset '{name}' ({kind}): {count} kaarten ingelezen.",
            name=self.deck.name,
            kind=self.deck.kind.value,
            count=len(self.deck.cards),
        )
        if self.replaced:
            text += " " + _("De vorige set met deze naam is vervangen.")
        if self.refused:
            text += " " + _("{count} rijen geweigerd.", count=len(self.refused))
        return text


def _read(path: Path, kind: DeckKind | None) -> tuple[DeckKind | None, list[SourceRow]]:
    """The rows of the first table whose header names a card column, and the kind that column names."""
    if path.is_file() and path.stat().st_size == 0:
        raise DeckImportError(
            _("Het bestand {name} is leeg. Er is niets ingelezen.", name=shorten(clean_line(path.name), 80))
        )
    candidates = [kind, None] if kind is not None else list(TEXT_COLUMNS)
    for candidate in dict.fromkeys(candidates):
        columns = {"text": TEXT_COLUMNS[candidate], **OTHER_COLUMNS}
        try:
            table = read_table(path, columns, ("text",), LIMITS, max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS)
        except NoHeaderError:
            continue  # another name for the card column may be there; any other problem stops here
        return candidate or kind, table.rows
    names = _(" of ").join(f"'{TEXT_COLUMNS[some][0]}'" for some in dict.fromkeys(candidates))
    raise DeckImportError(
        _(
            "Er is geen kolom met de kaarten gevonden. De eerste rij (of de rij onder een titel) moet de kolomnamen "
            "bevatten, met een kolom {names}; één kaart per rij. Er is niets ingelezen.",
            names=names,
        )
    )


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "kaart"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _card(row: SourceRow, kind: DeckKind, taken: set[str], folder: Path) -> tuple[DeckCard | None, str]:
    """The card of a row, or (None, the Dutch reason it is refused)."""
    if row.problems:
        return None, " ".join(row.problems)
    text = row.text("text")
    if not text:
        return None, _("Er staat geen kaarttekst op deze rij.")
    aspects = [row.text(f"aspect_{number}") for number in range(1, 5)]
    aspects = [aspect for aspect in aspects if aspect]
    if kind is DeckKind.COMPETENCES and len(aspects) != 4:
        return None, _(
            "Een competentie heeft vier aspecten (kolommen 'aspect 1' tot 'aspect 4'); hier staan er {count}.",
            count=len(aspects),
        )
    image = row.text("image")
    if image:
        candidate = Path(image).expanduser()
        image = str(candidate if candidate.is_absolute() else (folder / candidate))
    return (
        DeckCard(
            id=_slug(text, taken),
            text=text,
            plus=row.text("plus"),
            explanation=row.text("explanation"),
            distortion=row.text("distortion"),
            distortion_plus=row.text("distortion_plus"),
            image=image,
            aspects=aspects if kind is DeckKind.COMPETENCES else [],
        ),
        "",
    )


def import_deck(
    database: Database,
    path: Path | str,
    name: str,
    kind: DeckKind | None = None,
    organisation_id: str | None = None,
) -> DeckImportResult:
    """Read ``path`` into a deck called ``name`` and store it (see the module docstring).
    Raises :class:`ImportFileError` or :class:`DeckImportError` (Dutch) when nothing can be imported."""
    path = Path(path).expanduser()
    name = clean_line(name)
    if not name:
        raise DeckImportError(_("Geef de kaartenset een naam."))
    found_kind, rows = _read(path, kind)
    if found_kind is None:
        raise DeckImportError(
            _(
                "Uit de kolomnamen blijkt niet welke kaarten dit zijn. Noem de kolom 'kwaliteit', 'vaardigheid', "
                "'prent' of 'competentie', of geef de soort op (--soort). Er is niets ingelezen."
            )
        )
    cards: list[DeckCard] = []
    refused: list[tuple[int, str]] = []
    taken: set[str] = set()
    seen: dict[str, int] = {}
    for row in rows:
        card, reason = _card(row, found_kind, taken, path.parent)
        if card is None:
            refused.append((row.number, reason))
            continue
        key = card.text.casefold()
        if key in seen:
            refused.append((row.number, _("Deze kaart staat al op rij {row}.", row=seen[key])))
            continue
        seen[key] = row.number
        cards.append(card)
    if not cards:
        raise DeckImportError(_("Het bestand bevat geen enkele kaart. Er is niets ingelezen."))
    if len(cards) > MAX_DECK_CARDS:
        raise DeckImportError(
            _(
                "Een kaartenset heeft hoogstens {limit} kaarten; dit bestand heeft er {count}. Er is niets ingelezen.",
                limit=MAX_DECK_CARDS,
                count=len(cards),
            )
        )
    existing = [
        deck
        for deck in database.list(Deck)
        if deck.name.casefold() == name.casefold() and deck.organisation_id == organisation_id
    ]
    fields = {"name": name, "kind": found_kind, "organisation_id": organisation_id, "source": shorten(path.name, 400)}
    try:
        if existing:
            deck = Deck.model_validate({**existing[0].model_dump(), **fields, "cards": cards})
        else:
            deck = Deck.model_validate({**fields, "cards": cards})
    except ValidationError as error:
        raise DeckImportError(dutch_summary(error, Deck) + " " + _("Er is niets ingelezen.")) from error
    deck, notes = _copy_images(database, deck)
    return DeckImportResult(database.save(deck), bool(existing), refused, notes)


def _copy_images(database: Database, deck: Deck) -> tuple[Deck, list[str]]:
    """The deck with its image files copied into the database folder (names relative to it)."""
    if not any(card.image for card in deck.cards):
        return deck, []
    folder = private_folder(database.path / IMAGE_FOLDER / deck.id)
    notes: list[str] = []
    cards: list[DeckCard] = []
    for card in deck.cards:
        if not card.image:
            cards.append(card)
            continue
        source = Path(card.image)
        problem = _image_problem(source)
        if problem:
            notes.append(
                _("Kaart '{card}': {problem} De kaart toont enkel haar tekst.", card=card.text, problem=problem)
            )
            cards.append(card.model_copy(update={"image": ""}))
            continue
        target_name = f"{card.id}{source.suffix.lower()}"
        write_private(folder / target_name, source.read_bytes())
        cards.append(card.model_copy(update={"image": target_name}))
    return deck.model_copy(update={"cards": cards}), notes


def _image_problem(path: Path) -> str:
    shown = shorten(clean_line(path.name), 80)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return _("{name} is geen afbeelding (.png, .jpg, .gif, .bmp of .webp).", name=shown)
    try:
        if not path.is_file():  # a folder, a device or a pipe named like a picture is no picture
            return _("de afbeelding {name} is niet gevonden.", name=shown)
        size = path.stat().st_size
    except OSError:
        return _("de afbeelding {name} is niet gevonden.", name=shown)
    if size > MAX_IMAGE_BYTES:
        return _("de afbeelding {name} is groter dan 5 MB.", name=shown)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            image.verify()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return _("de afbeelding {name} kan niet gelezen worden.", name=shown)
    if width * height > MAX_IMAGE_PIXELS:
        return _(
            "de afbeelding {name} is te groot ({width} x {height} beeldpunten).", name=shown, width=width, height=height
        )
    return ""


def describe_kinds() -> Sequence[str]:
    return [kind.value for kind in DeckKind]


def card_image(database: Database, deck_id: str, card: DeckCard) -> Path | None:
    """The image file of a card of deck ``deck_id`` when it exists (poptui's own decks keep theirs
    in ``data/decks/images``, imported decks in the database folder)."""
    if deck_id.startswith(SHIPPED):
        folder = data_path("decks", "images")
    elif re.fullmatch(r"[A-Za-z0-9_-]+", deck_id):
        folder = database.path / IMAGE_FOLDER / deck_id
    else:
        return None
    return image_path(card, folder)
