"""The competences of the demo database (§2.2, §5.6): each organisation's dictionary with function
profiles, and two competence measurements a year apart for Mohamed El Amrani (De Werkplaats) and
Patrick Goossens (Groen & Zorg), with the supervisor's ratings (entered in the measurement, and
from a supervisor consultation), so the measurement shows differences to talk about and the
growth chart has something to show. :func:`add_competences` is called by :mod:`poptui.demo`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from poptui.models import (
    Competence,
    CompetenceDictionary,
    CompetenceKind,
    CompetentiemetingRecord,
    Conclusion,
    ConsultationRating,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    FunctionProfile,
    Level,
    MethodKind,
    Organisation,
    Person,
    PopAction,
    ProfileEntry,
    SummaryPart,
    SupervisorConsultation,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.services import competence_measurement as measurement
from poptui.services.competences import default_dictionary, find_competence, linked_action

if TYPE_CHECKING:
    from poptui.demo import _DemoWriter

DEMO_SNOEIEN = "snoeien"
"""The id of Groen & Zorg's own competence 'Snoeien' (an action of Patrick's first POP links to it)."""

Ratings = dict[str, tuple[int | None, int | None, int | None, int | None]]
"""competence id -> (self, coach, supervisor, where I want to be)."""


@dataclass(frozen=True)
class CompetenceDemo:
    """The demo's people and trajectories the competences are about."""

    werkplaats: Organisation
    groenzorg: Organisation
    luc: Person
    tom: Person
    mohamed: Employee
    patrick: Employee
    t_mohamed: Trajectory
    moments_mohamed: list[ContactMoment]
    t_patrick_1: Trajectory
    moments_patrick_1: list[ContactMoment]
    t_patrick_2: Trajectory
    moments_patrick_2: list[ContactMoment]


def _profile(function: str, expected: dict[str, int | None]) -> FunctionProfile:
    return FunctionProfile(
        function=function, entries=[ProfileEntry(competence_id=key, expected=value) for key, value in expected.items()]
    )


def _werkplaats_dictionary(organisation: Organisation) -> CompetenceDictionary:
    source = default_dictionary(organisation.id)
    own = Competence(
        id="inpakken_etiketteren",
        name="Inpakken en etiketteren",
        kind=CompetenceKind.TECHNICAL,
        definition=(
            "De medewerker pakt producten in volgens de verpakkingsinstructie en voorziet ze van het juiste etiket."
        ),
        indicators=[
            "Kiest de juiste doos en het juiste vulmateriaal",
            "Telt het aantal stuks per verpakking na",
            "Kleeft het etiket recht en op de juiste plaats",
            "Zet volle dozen op de juiste pallet",
        ],
    )
    profiles = [
        _profile(
            "Heftruckchauffeur",
            {
                "samenwerken": 3,
                "communiceren": 3,
                "omgaan_met_stress": 3,
                "machines_bedienen": 4,
                "kwaliteit_bewaken": 3,
            },
        ),
        _profile(
            "Medewerker verpakking",
            {
                "instructies_begrijpen": 3,
                "samenwerken": 3,
                "doorzetten": 3,
                "inpakken_etiketteren": 4,
                "kwaliteit_bewaken": 3,
            },
        ),
        _profile(
            "Medewerker houtatelier",
            {"zelfstandig_werken": 3, "instructies_begrijpen": 3, "machines_bedienen": 3, "materiaalkennis": 3},
        ),
    ]
    return source.model_copy(update={"competences": [*source.competences, own], "profiles": profiles})


def _groenzorg_dictionary(organisation: Organisation) -> CompetenceDictionary:
    source = default_dictionary(organisation.id)
    own = [
        Competence(
            id=DEMO_SNOEIEN,
            name="Snoeien",
            kind=CompetenceKind.TECHNICAL,
            definition="De medewerker snoeit struiken, hagen en bomen op het juiste moment en op de juiste manier.",
            indicators=[
                "Kiest het juiste snoeigereedschap",
                "Snoeit op de juiste plaats boven een knop",
                "Werkt veilig op een ladder of hoogwerker",
                "Ruimt het snoeihout op",
            ],
        ),
        Competence(
            id="hygienisch_werken",
            name="Hygiënisch werken",
            kind=CompetenceKind.TECHNICAL,
            definition="De medewerker werkt volgens de hygiëneregels van de keuken en de strijkerij.",
            indicators=[
                "Wast de handen voor het werk en na elke pauze",
                "Draagt de voorgeschreven werkkledij en haarnet",
                "Houdt rauwe en bereide voeding gescheiden",
                "Reinigt de werkpost na gebruik",
            ],
        ),
    ]
    profiles = [
        _profile(
            "Ploegbaas groen",
            {
                "samenwerken": 4,
                "communiceren": 4,
                "problemen_oplossen": 3,
                "zelfstandig_werken": 4,
                DEMO_SNOEIEN: 4,
                "machines_bedienen": 3,
            },
        ),
        _profile(
            "Medewerker groenonderhoud", {"samenwerken": 3, "doorzetten": 3, DEMO_SNOEIEN: 3, "machines_bedienen": 3}
        ),
        _profile("Medewerker zorgkeuken", {"instructies_begrijpen": 3, "omgaan_met_stress": 3, "hygienisch_werken": 4}),
    ]
    return source.model_copy(update={"competences": [*source.competences, *own], "profiles": profiles})


def _with_method(demo: _DemoWriter, moment: ContactMoment | None) -> ContactMoment | None:
    """The contact moment with Competentiemeting among its methods (it was done there)."""
    if moment is None or MethodKind.COMPETENTIEMETING in moment.methods:
        return moment
    return demo.save(moment.model_copy(update={"methods": [*moment.methods, MethodKind.COMPETENTIEMETING]}))


def _measured(
    employee: Employee,
    trajectory: Trajectory,
    moment: ContactMoment | None,
    day: date,
    source: CompetenceDictionary,
    ratings: Ratings,
    remarks: dict[str, str],
    conclusions: list[Conclusion],
) -> CompetentiemetingRecord:
    record = CompetentiemetingRecord(
        employee_id=employee.id,
        trajectory_id=trajectory.id,
        contact_moment_id=moment.id if moment else None,
        date=moment.date if moment and moment.date else day,
        conclusions=conclusions,
    )
    profile = next((item for item in source.profiles if item.function == employee.function), None)
    record = measurement.with_profile(record, source, profile)
    for key, values in ratings.items():
        assert find_competence(source, key) is not None, key
        for field, value in zip(measurement.RATING_FIELDS, values, strict=True):
            record = measurement.rate(record, key, field, value)
    for key, text in remarks.items():
        record = measurement.set_remark(record, key, text)
    return record


def _analysis_moment(moments: list[ContactMoment], day: date) -> ContactMoment | None:
    """The held contact moment closest to ``day``."""
    held = [moment for moment in moments if moment.status is ContactMomentStatus.HELD and moment.date is not None]
    return min(held, key=lambda moment: abs(((moment.date or day) - day).days)) if held else None


def add_competences(demo: _DemoWriter, people: CompetenceDemo) -> None:
    """Write the dictionaries, an earlier trajectory of Mohamed, the measurements and a consultation."""
    today = demo.today
    werkplaats = demo.save(_werkplaats_dictionary(people.werkplaats))
    groenzorg = demo.save(_groenzorg_dictionary(people.groenzorg))

    # Mohamed: a POP completed about a year ago, with the first measurement.
    started = today - timedelta(days=440)
    earlier, earlier_moments = demo.trajectory(
        people.mohamed,
        people.tom,
        VariantId.VARIANT_2,
        Level.LOW,
        TrajectoryStatus.COMPLETED,
        started,
        3,
        completion=today - timedelta(days=380),
        notes=["Opstart.", "Competentiemeting met Luc erbij.", "Actieplan opgesteld en ondertekend."],
    )
    demo.pop(
        earlier,
        today - timedelta(days=380),
        [
            _linked_action(
                werkplaats,
                "Heftruckattest halen",
                "Luc Maes en de opleidingsdienst",
                today - timedelta(days=200),
                "Attest behaald",
                "machines_bedienen",
            ),
            _linked_action(
                werkplaats,
                "Bij drukte zelf om een korte pauze vragen",
                "Luc Maes",
                today - timedelta(days=250),
                "Drie weken zonder conflict bij piekmomenten",
                "omgaan_met_stress",
            ),
        ],
        wil=["Met de heftruck werken"],
        kan=[("Rustig en veilig rijden met de transpallet", CompetenceKind.TECHNICAL)],
        punten=[("Rustig blijven bij drukte", CompetenceKind.GENERIC)],
        uploaded_by="tom",
    )
    # His current POP follows on from that one.
    demo.save(people.t_mohamed.model_copy(update={"previous_trajectory_id": earlier.id}))
    first_day = (earlier_moments[1].date or started) if len(earlier_moments) > 1 else started
    demo.save(
        _measured(
            people.mohamed,
            earlier,
            _with_method(demo, _analysis_moment(earlier_moments, first_day)),
            first_day,
            werkplaats,
            {
                "samenwerken": (3, 3, 3, 3),
                "communiceren": (2, 2, 2, 3),
                "omgaan_met_stress": (3, 2, 1, 3),
                "machines_bedienen": (2, 2, 2, 4),
                "kwaliteit_bewaken": (3, 3, 3, 3),
            },
            {"omgaan_met_stress": "Bij piekmomenten loopt het soms mis; Luc ziet dat anders dan Mohamed."},
            [Conclusion(text="Rustig blijven bij drukte", part=SummaryPart.ONTWIKKELPUNTEN, step="omgaan_met_stress")],
        )
    )
    # ... and now, in his current trajectory: the supervisor rated in a consultation.
    second_day = _with_method(demo, _analysis_moment(people.moments_mohamed, today - timedelta(days=15)))
    demo.save(
        SupervisorConsultation(
            employee_id=people.mohamed.id,
            trajectory_id=people.t_mohamed.id,
            date=today - timedelta(days=20),
            supervisor_id=people.luc.id,
            does_well="Rijdt veilig met de heftruck, houdt het magazijn proper.",
            does_less_well="Vraagt nog weinig uitleg als een bestelling niet duidelijk is.",
            notes="Luc wil hem laten doorgroeien naar het laden van vrachtwagens.",
            competence_ratings=[
                ConsultationRating(competence_id=key, name=_name(werkplaats, key), rating=value)
                for key, value in (
                    ("samenwerken", 3),
                    ("communiceren", 2),
                    ("omgaan_met_stress", 3),
                    ("machines_bedienen", 4),
                    ("kwaliteit_bewaken", 3),
                )
            ],
        )
    )
    demo.save(
        _measured(
            people.mohamed,
            people.t_mohamed,
            second_day,
            (second_day.date if second_day and second_day.date else today - timedelta(days=15)),
            werkplaats,
            {
                "samenwerken": (3, 3, None, 4),
                "communiceren": (4, 2, None, 4),
                "omgaan_met_stress": (3, 3, None, 3),
                "machines_bedienen": (4, 4, None, 4),
                "kwaliteit_bewaken": (3, 3, None, 4),
            },
            {"communiceren": "Mohamed vindt dat hij genoeg vraagt; Luc en de coach zien dat anders."},
            [Conclusion(text="Veilig werken met de heftruck", part=SummaryPart.WAT_KAN_IK, step="machines_bedienen")],
        )
    )

    # Patrick: measured in his previous POP and again in the follow-up.
    old_day = (people.t_patrick_1.start_date or today) + timedelta(days=20)
    demo.save(
        _measured(
            people.patrick,
            people.t_patrick_1,
            _with_method(demo, _analysis_moment(people.moments_patrick_1, old_day)),
            old_day,
            groenzorg,
            {
                "samenwerken": (3, 3, 3, 4),
                "communiceren": (3, 2, 2, 4),
                "problemen_oplossen": (3, 3, 2, 3),
                "zelfstandig_werken": (4, 3, 3, 4),
                DEMO_SNOEIEN: (3, 2, 2, 4),
                "machines_bedienen": (3, 3, 3, 3),
            },
            {DEMO_SNOEIEN: "Wil de cursus hoogstammen volgen."},
            [
                Conclusion(
                    text="Leidinggeven aan een kleine ploeg", part=SummaryPart.ONTWIKKELPUNTEN, step="communiceren"
                )
            ],
        )
    )
    new_day = today - timedelta(days=6)
    demo.save(
        _measured(
            people.patrick,
            people.t_patrick_2,
            _with_method(demo, _analysis_moment(people.moments_patrick_2, new_day)),
            new_day,
            groenzorg,
            {
                "samenwerken": (4, 4, 4, 4),
                "communiceren": (4, 3, 2, 4),
                "problemen_oplossen": (3, 3, 3, 4),
                "zelfstandig_werken": (4, 4, 4, 4),
                DEMO_SNOEIEN: (4, 4, 4, 4),
                "machines_bedienen": (3, 3, 4, 3),
            },
            {"communiceren": "Els vindt dat Patrick de ploeg nog te weinig uitleg geeft bij een nieuwe taak."},
            [],
        )
    )


def _name(source: CompetenceDictionary, competence_id: str) -> str:
    competence = find_competence(source, competence_id)
    assert competence is not None, competence_id
    return competence.name


def _linked_action(
    source: CompetenceDictionary, what: str, who: str, deadline: date, result: str, competence_id: str
) -> PopAction:
    """An action linked to a competence of the dictionary: its name and kind come from there."""
    return linked_action(
        source, PopAction(what=what, who_helps=who, deadline=deadline, result=result, competence_id=competence_id)
    )
