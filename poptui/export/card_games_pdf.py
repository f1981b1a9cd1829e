"""The card games on A4: blank worksheets for playing on paper, and the filled parts of a played game.

Blank worksheets (named in :data:`poptui.export.worksheets_pdf.WORKSHEETS`):
``kwaliteitenspel`` (the eight and their description, werk/privé, distortions, the three piles,
the conclusion, and poptui's own qualities to choose from), ``vaardighedenspel`` (the rows of
form I, the three profiles of form II side by side, the 5x3 matrix of form III with its cells
numbered 1-15 and the readings), ``vier_op_een_rij`` (per competence its four aspects, where they
were laid and a colour), ``droompagina`` and ``prentenbeeld`` (per picture the draaiboek's
questions, with the picture deck's labels to choose from, also as homework).

Filled parts (:func:`kwaliteitenspel_body` and the others): the chosen cards, the matrix with its
readings, what went where; each draws on a :class:`FormPdf` from a record. Pure: no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from poptui.catalog import Catalog, shipped_decks
from poptui.export.pdf_layout import Cell, Column, FormPdf, Ticks
from poptui.i18n import _
from poptui.labels import lower_label
from poptui.models import DeckKind, MethodKind
from poptui.models.card_games import (
    KwaliteitenspelRecord,
    PictureRecord,
    VaardighedenspelRecord,
    VierOpEenRijRecord,
)
from poptui.services import kwaliteitenspel, picture_methods, vaardighedenspel, vier_op_een_rij

if TYPE_CHECKING:
    from poptui.export.method_sheets import MethodSheetPrint

BODY = 174.0


def _deck_texts(kind: DeckKind) -> list[Any]:
    return [card for deck in shipped_decks() if deck.kind is kind for card in deck.cards]


def _card_list(pdf: FormPdf, texts: Sequence[str], columns: int = 3) -> None:
    """Texts in ``columns`` columns, with a box to tick before each."""
    rows: list[list[Cell]] = []
    per_column = (len(texts) + columns - 1) // columns
    for row in range(per_column):
        cells: list[Cell] = []
        for column in range(columns):
            index = column * per_column + row
            cells.append(Ticks([(texts[index], False)]) if index < len(texts) else "")
        rows.append(cells)
    pdf.grid([Column("", BODY / columns) for _column in range(columns)], rows, size=8)


# -- blank worksheets --------------------------------------------------------------------------


def blank_kwaliteitenspel(pdf: FormPdf, catalog: Catalog) -> None:
    guide = catalog.card_games.kwaliteitenspel
    method = catalog.methods[MethodKind.KWALITEITENSPEL]
    pdf.paragraph(_("Doel: {text}", text=method.guidance.doel), size=9, muted=True)
    for step in method.guidance.werkwijze[:2]:
        pdf.paragraph(f"• {step}", size=8.5, muted=True)
    for heading in (_("Mijn acht kwaliteiten"), _("Mijn acht vervormingen (optioneel)")):
        pdf.section(heading, guide.order_hint if heading == _("Mijn acht kwaliteiten") else guide.distortion_order_hint)
        rows: list[list[Cell]] = [
            [str(number), "", Ticks([(_("werk"), False), (_("privé"), False)]), ""] for number in range(1, 9)
        ]
        pdf.grid(
            [
                Column(_("Nr."), 10, "C"),
                Column(_("Kaart"), 44),
                Column(_("Waar?"), 26),
                Column(_("Wat betekent ze voor mij?"), 94),
            ],
            rows,
            size=9,
            min_row_height=10,
        )
    pdf.section(_("Variant: drie stapels"))
    pdf.fields([(pile.name, "") for pile in guide.sorting.piles], columns=1, label_width=50)
    pdf.section(_("Conclusie over de huidige functie"), guide.conclusion_question)
    pdf.writing_lines(4)
    pdf.add_page()
    pdf.section(_("De kwaliteiten van poptui"), _("Tussen haakjes de eenvoudige verwoording (PLUS)."))
    cards = _deck_texts(DeckKind.QUALITIES)
    _card_list(pdf, [f"{card.text} ({card.plus})" for card in cards], columns=2)
    pdf.section(_("Hun vervormingen"))
    _card_list(pdf, [f"{card.distortion} ({card.distortion_plus})" for card in cards], columns=2)


def blank_vaardighedenspel(pdf: FormPdf, catalog: Catalog) -> None:
    guide = catalog.card_games.vaardighedenspel
    pdf.section(guide.forms[0].name, guide.meaning.hint)
    rows = [[pile.name, ""] for pile in guide.meaning.piles]
    pdf.grid([Column(_("Rij"), 34), Column(_("Vaardigheden"), BODY - 34)], rows, size=9, min_row_height=22)
    for question in guide.meaning.questions:
        pdf.paragraph(question.text, size=9, bold=True, keep_with_next=True)
        pdf.writing_lines(2)
    pdf.add_page()
    pdf.section(guide.forms[1].name, guide.profile.hint)
    width = (BODY - 30) / len(guide.profile.moments)
    profile_rows = [
        [tone.name, *("\n".join(f"{n}." for n in range(1, guide.profile.top + 1)) for _m in guide.profile.moments)]
        for tone in guide.profile.piles
    ]
    pdf.grid(
        [Column("", 30), *(Column(moment.name, width) for moment in guide.profile.moments)],
        profile_rows,
        size=9,
        min_row_height=30,
    )
    for question in guide.profile.questions:
        pdf.paragraph(question.text, size=9, bold=True, keep_with_next=True)
        pdf.writing_lines(2)
    pdf.add_page()
    pdf.section(guide.forms[2].name, guide.fun.hint + " " + guide.mastery.hint)
    _matrix(pdf, catalog, {number: [] for number in range(1, 16)}, min_row_height=48)
    _readings_guide(pdf, catalog)


def _matrix(pdf: FormPdf, catalog: Catalog, cells: dict[int, list[str]], min_row_height: float = 0) -> None:
    guide = catalog.card_games.vaardighedenspel
    width = (BODY - 26) / 5
    rows = []
    for row, mastery in enumerate(guide.mastery.rows):
        cells_text = []
        for column in range(5):
            number = vaardighedenspel.cell_number(row, column)
            cards = cells.get(number, [])
            cells_text.append("\n".join([_("vak {number}", number=number), *cards]))
        rows.append([mastery.name, *cells_text])
    pdf.grid(
        [Column("", 26), *(Column(pile.name, width) for pile in guide.fun.piles)],
        rows,
        size=8,
        min_row_height=min_row_height,
    )


def _readings_guide(pdf: FormPdf, catalog: Catalog) -> None:
    texts = catalog.card_games.vaardighedenspel.readings
    pdf.subheading(_("Lezen van de matrix"))
    for text in (texts.training, texts.burnout, texts.drift, texts.balance):
        pdf.paragraph(f"• {text}", size=8.5)


def blank_vier_op_een_rij(pdf: FormPdf, catalog: Catalog, competences: Sequence[Any] = ()) -> None:
    guide = catalog.card_games.vier_op_een_rij
    cards = list(competences) or _deck_texts(DeckKind.COMPETENCES)
    pdf.paragraph(guide.describe_question, size=9, muted=True)
    pdf.paragraph(guide.place.hint + " " + guide.colour.hint, size=9, muted=True)
    colours = [(rating.name.split(":")[0], False) for rating in guide.ratings]
    for card in cards:
        pdf.ensure_space(50)
        pdf.subheading(card.text)
        rows = [[aspect, "", Ticks(colours, inline=True)] for aspect in card.aspects]
        pdf.grid(
            [Column(_("Aspect"), 80), Column(_("Gelegd bij"), 44), Column(_("Kleur"), 50)],
            rows,
            size=8.5,
            min_row_height=8,
        )
        pdf.writing_lines(1)
    pdf.subheading(_("Vragen bij de bespreking"))
    for question in guide.questions:
        pdf.paragraph(f"• {question}", size=8.5)


def blank_pictures(pdf: FormPdf, catalog: Catalog, kind: str) -> None:
    guide = catalog.card_games.droompagina if kind == "droompagina" else catalog.card_games.prentenbeeld
    method = catalog.methods[MethodKind(kind)]
    pdf.paragraph(guide.choose.title + ". " + guide.choose.hint, size=9, muted=True)
    for item in method.guidance.aandachtspunten:
        pdf.paragraph(f"• {item}", size=8.5, muted=True)
    for number in range(1, 5):
        pdf.ensure_space(60)
        pdf.fields([(_("Prent {number}", number=number), "")], columns=1)
        for question in guide.questions:
            pdf.paragraph(question.text, size=8.5, bold=True, keep_with_next=True)
            pdf.writing_lines(1, gap=7)
    pdf.add_page()
    pdf.section(_("De prenten om uit te kiezen"), _("Kruis aan wat je kiest (ook als huiswerk)."))
    _card_list(pdf, [card.text for card in _deck_texts(DeckKind.PICTURES)], columns=3)


# -- filled parts of a played game -----------------------------------------------------------------


def kwaliteitenspel_body(pdf: FormPdf, record: KwaliteitenspelRecord, catalog: Catalog) -> None:
    guide = catalog.card_games.kwaliteitenspel
    pdf.fields(
        [
            (_("Kaarten"), record.deck_name),
            (_("Verwoording"), _("eenvoudig (PLUS)") if record.plus else _("A-versie")),
        ]
    )
    if record.three_piles and kwaliteitenspel.SORTING in record.boards:
        board = record.boards[kwaliteitenspel.SORTING]
        pdf.section(_("Variant: drie stapels"))
        for pile in guide.sorting.piles:
            texts = [_card_text(record, card) for card in board.pile(pile.id)]
            pdf.paragraph(f"{pile.name} ({len(texts)}): " + ", ".join(texts), size=8.5)
    for distortions, heading in ((False, _("Mijn acht kwaliteiten")), (True, _("Mijn acht vervormingen"))):
        chosen = kwaliteitenspel.chosen(record, distortions)
        if not chosen:
            continue
        pdf.section(
            heading,
            _("Bovenaan de vervorming waar je het meest last van hebt.")
            if distortions
            else _("In volgorde van belangrijkheid."),
        )
        rows = []
        for item in chosen:
            shown = item.text
            original = item.card.distortion if distortions else item.card.text
            if shown != original:
                shown += f"\n({original})"
            rows.append(
                [
                    str(item.rank),
                    shown,
                    lower_label(item.note.sphere) if item.note.sphere else "",
                    item.note.description,
                ]
            )
        pdf.grid(
            [
                Column(_("Nr."), 10, "C"),
                Column(_("Kaart"), 52),
                Column(_("Waar?"), 22),
                Column(_("Eigen omschrijving"), 90),
            ],
            rows,
            size=9,
        )


def _card_text(record: Any, card_id: str) -> str:
    card = record.card(card_id)
    return card.text if card else card_id


def vaardighedenspel_body(pdf: FormPdf, record: VaardighedenspelRecord, catalog: Catalog) -> None:
    guide = catalog.card_games.vaardighedenspel
    form = next((item for item in guide.forms if item.id == record.form), None)
    pdf.fields([(_("Kaarten"), record.deck_name), (_("Spelvorm"), form.name if form else "")])
    if record.form == "I":
        board = record.boards.get(vaardighedenspel.MEANING)
        rows = [
            [pile.name, ", ".join(_card_text(record, card) for card in (board.pile(pile.id) if board else []))]
            for pile in guide.meaning.piles
        ]
        pdf.grid([Column(_("Rij"), 34), Column(_("Vaardigheden"), BODY - 34)], rows, size=9)
        questions = guide.meaning.questions
    elif record.form == "II":
        width = (BODY - 30) / len(guide.profile.moments)
        rows = []
        for tone in guide.profile.piles:
            cells = []
            for moment in guide.profile.moments:
                row = vaardighedenspel.profile(record, moment.id)[tone.id]
                top = vaardighedenspel.top(row)
                text = "\n".join(f"{number}. {_card_text(record, card)}" for number, card in enumerate(top, 1))
                if len(row) > len(top):
                    text += "\n" + _("(en nog {count})", count=len(row) - len(top))
                cells.append(text)
            rows.append([tone.name, *cells])
        pdf.section(_("De drie profielen naast elkaar"), _("Per rij de vijf belangrijkste."))
        pdf.grid([Column("", 30), *(Column(moment.name, width) for moment in guide.profile.moments)], rows, size=8.5)
        questions = guide.profile.questions
    elif record.form == "III":
        matrix = vaardighedenspel.matrix_of(record)
        pdf.section(_("De vaardighedenmatrix"), _("De vakken rij per rij genummerd van 1 tot 15."))
        _matrix(
            pdf, catalog, {number: [_card_text(record, card) for card in cards] for number, cards in matrix.items()}
        )
        readings = vaardighedenspel.record_readings(record)
        texts = guide.readings
        pdf.section(_("Lezing van de matrix"))
        pdf.paragraph(texts.training, size=9, bold=True)
        pdf.paragraph(", ".join(_card_text(record, card) for card in readings.training) or "-", size=9)
        pdf.paragraph(texts.burnout, size=9, bold=True)
        if readings.burnout_risk is None:
            verdict = _("Frequentie niet gelegd: vraag hoe vaak deze vaardigheden gebruikt worden.")
        elif readings.burnout_risk:
            verdict = _(
                "Risico: {count} van de {total} worden vaak gebruikt.",
                count=len(readings.burnout_often),
                total=len(readings.burnout_cards),
            )
        else:
            verdict = _(
                "Geen risico: {count} van de {total} worden vaak gebruikt.",
                count=len(readings.burnout_often),
                total=len(readings.burnout_cards),
            )
        pdf.paragraph(
            (", ".join(_card_text(record, card) for card in readings.burnout_cards) or "-") + ". " + verdict, size=9
        )
        if readings.drift:
            pdf.paragraph(texts.drift, size=9, bold=True)
            pdf.paragraph(", ".join(_card_text(record, card) for card in readings.drift), size=9)
        pdf.paragraph(texts.balance, size=9, bold=True)
        pdf.paragraph(
            _(
                "Leuk (vak 1, 2, 6, 7, 11, 12): {fun}. Niet leuk (vak 4, 5, 9, 10, 14, 15): {no_fun}.",
                fun=readings.fun_count,
                no_fun=readings.no_fun_count,
            ),
            size=9,
        )
        questions = guide.matrix_questions
    else:
        return
    answered = [(question.text, record.answers.get(question.id, "")) for question in questions]
    if any(answer for _question, answer in answered):
        pdf.section(_("Bespreking"))
        for question, answer in answered:
            pdf.paragraph(question, size=9, bold=True, keep_with_next=True)
            pdf.paragraph(answer or "-", size=9)


def vier_op_een_rij_body(pdf: FormPdf, record: VierOpEenRijRecord, catalog: Catalog) -> None:
    right, laid = vier_op_een_rij.score(record)
    pdf.fields([(_("Competenties"), record.source or record.deck_name), (_("Juist gelegd"), f"{right} / {laid}")])
    placed = vier_op_een_rij.placed(record)
    for card in record.cards:
        pdf.ensure_space(40)
        pdf.subheading(card.text)
        rows = [
            [
                item.text,
                _("ja") if item.right else _("nee, hoort bij {competence}", competence=item.belongs_to.text),
                lower_label(item.tone) if item.tone else "",
            ]
            for item in placed.get(card.id, [])
        ]
        if rows:
            pdf.grid(
                [Column(_("Aspect dat hier gelegd werd"), 84), Column(_("Juist?"), 56), Column(_("Kleur"), 34)],
                rows,
                size=8.5,
            )
        note = record.competence_notes.get(card.id)
        if note:
            pdf.paragraph(note, size=9)


def pictures_body(pdf: FormPdf, record: PictureRecord, catalog: Catalog) -> None:
    questions = picture_methods.questions(record)
    pdf.fields([(_("Prenten"), record.deck_name), (_("Als huiswerk"), _("ja") if record.homework else _("nee"))])
    chosen = picture_methods.chosen(record)
    pdf.section(_("Gekozen prenten ({count})", count=len(chosen)))
    for picture in chosen:
        pdf.ensure_space(30)
        pdf.subheading(f"{picture.number}. {picture.card.text}")
        for question in questions:
            answer = picture.answers.get(question.id, "")
            if answer:
                pdf.paragraph(question.text, size=8.5, muted=True, keep_with_next=True)
                pdf.paragraph(answer, size=9.5)
            elif record.homework:  # taken home: the questions still open, with room to write
                pdf.paragraph(question.text, size=8.5, bold=True, keep_with_next=True)
                pdf.writing_lines(1, gap=7)


# -- the filled sheets named in poptui.methods_registry.FILLED_SHEETS ----------------------------------


def filled_kwaliteitenspel(pdf: FormPdf, data: MethodSheetPrint) -> None:
    assert isinstance(data.record, KwaliteitenspelRecord)
    kwaliteitenspel_body(pdf, data.record, data.catalog)


def filled_vaardighedenspel(pdf: FormPdf, data: MethodSheetPrint) -> None:
    assert isinstance(data.record, VaardighedenspelRecord)
    vaardighedenspel_body(pdf, data.record, data.catalog)


def filled_vier_op_een_rij(pdf: FormPdf, data: MethodSheetPrint) -> None:
    assert isinstance(data.record, VierOpEenRijRecord)
    vier_op_een_rij_body(pdf, data.record, data.catalog)


def filled_pictures(pdf: FormPdf, data: MethodSheetPrint) -> None:
    assert isinstance(data.record, PictureRecord)
    pictures_body(pdf, data.record, data.catalog)
