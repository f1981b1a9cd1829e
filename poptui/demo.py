"""A realistic, fictional demo database: the README's first command starts on it.

Two organisations, a dozen employees, trajectories in every variant and every
state (planned, active with contact moments held, completed with a final POP,
stopped, and a follow-up POP whose first part evaluates the previous one), one
training day and organisation hours. Dates are relative to today so the demo
always has a month to report on: the completed POPs fall in the previous month.
"""

from __future__ import annotations

import functools
from datetime import date, time, timedelta
from typing import TypeVar

from poptui import clock, demo_cards
from poptui.demo_competences import DEMO_SNOEIEN, CompetenceDemo, add_competences
from poptui.demo_methods import write_method_records
from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
    ConsentEvent,
    ConsentKind,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    HandRecord,
    HoursEntry,
    HoursKind,
    Level,
    Organisation,
    OrganisationKind,
    Person,
    PopAction,
    PopDocument,
    PopItem,
    PopStatus,
    ProgressUpdate,
    Record,
    Role,
    SupervisorConsultation,
    Training,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.services.consent import current_text
from poptui.services.trajectories import propose_plan
from poptui.store import Database, Transaction

R = TypeVar("R", bound=Record)


def _previous_month(today: date) -> tuple[date, date]:
    first_this_month = today.replace(day=1)
    last_previous = first_this_month - timedelta(days=1)
    return last_previous.replace(day=1), last_previous


def _workday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class _DemoWriter:
    def __init__(self, transaction: Transaction, today: date) -> None:
        self.tx = transaction
        self.today = today
        self.month_start, self.month_end = _previous_month(today)
        self.counts = {"organisations": 0, "employees": 0, "trajectories": 0, "trainings": 0}

    def save(self, record: R) -> R:
        return self.tx.save(record)

    def organisation(self, **fields: object) -> Organisation:
        self.counts["organisations"] += 1
        return self.save(Organisation(**fields))

    def person(self, first: str, last: str, organisation: Organisation | None, *roles: Role, login: str = "") -> Person:
        return self.save(
            Person(
                first_name=first,
                last_name=last,
                organisation_id=organisation.id if organisation else None,
                roles=list(roles),
                login=login,
            )
        )

    def employee(
        self,
        first: str,
        last: str,
        organisation: Organisation,
        function: str,
        supervisor: Person,
        reflection: Level,
        consent: date | None,
        account: bool,
        remarks: str = "",
        started: date | None = None,
    ) -> Employee:
        """``started`` (in dienst sinds) defaults to a month before the consent."""
        self.counts["employees"] += 1
        if started is None and consent is not None:
            started = consent - timedelta(days=30)
        employee = self.save(
            Employee(
                first_name=first,
                last_name=last,
                organisation_id=organisation.id,
                function=function,
                start_date=started,
                supervisor_id=supervisor.id,
                reflection=reflection,
                consent_date=consent,
                mijn_loopbaan_account=account,
                remarks=remarks,
            )
        )
        if consent is not None:
            self.save(
                ConsentEvent(
                    employee_id=employee.id,
                    kind=ConsentKind.GIVEN,
                    date=consent,
                    recorded_by="demo",
                    consent_text_version=current_text().version,
                )
            )
        return employee

    def trajectory(
        self,
        employee: Employee,
        coach: Person,
        variant: VariantId,
        intensity: Level,
        status: TrajectoryStatus,
        start: date | None,
        held: int,
        *,
        completion: date | None = None,
        previous: Trajectory | None = None,
        stop_reason: str = "",
        notes: list[str] | None = None,
    ) -> tuple[Trajectory, list[ContactMoment]]:
        """A trajectory with its catalog plan; the first ``held`` moments held, the rest planned."""
        self.counts["trajectories"] += 1
        trajectory = self.save(
            Trajectory(
                employee_id=employee.id,
                coach_id=coach.id,
                variant=variant,
                reflection=employee.reflection or Level.MEDIUM,
                intensity=intensity,
                status=status,
                start_date=start,
                completion_date=completion,
                previous_trajectory_id=previous.id if previous else None,
                stop_reason=stop_reason,
            )
        )
        plan = propose_plan(variant)
        moments = []
        spacing = 14
        if completion and start:
            spacing = max(3, (completion - start).days // max(1, len(plan) - 1))
        for index, planned in enumerate(plan):
            is_held = index < held
            day = _workday((start or self.today + timedelta(days=7)) + timedelta(days=spacing * index))
            if completion and index == len(plan) - 1 and is_held:
                day = completion
            note = (notes[index] if notes and index < len(notes) else "") if is_held else ""
            moments.append(
                self.save(
                    ContactMoment(
                        employee_id=employee.id,
                        trajectory_id=trajectory.id,
                        number=planned.number,
                        status=ContactMomentStatus.HELD if is_held else ContactMomentStatus.PLANNED,
                        date=day,
                        start_time=time(9 + index % 5, 30 if index % 2 else 0),
                        duration_minutes=120 if planned.number == 0 else 60 + 15 * (index % 3),
                        phase=planned.phase,
                        goals=planned.goals,
                        methods=planned.methods,
                        between_steps=planned.between_steps,
                        collective=planned.number == 0 and is_held and index % 2 == 0,
                        attendees=[employee.full_name, coach.full_name],
                        notes=note,
                        supervisor_present=planned.number == 0,
                    )
                )
            )
        return trajectory, moments

    def pop(
        self,
        trajectory: Trajectory,
        final_on: date | None,
        actions: list[PopAction],
        *,
        wil: list[str],
        kan: list[tuple[str, CompetenceKind]],
        punten: list[tuple[str, CompetenceKind]],
        goal: str = "",
        uploaded_by: str = "",
    ) -> PopDocument:
        """A final POP (``final_on``) uploaded to Mijn Loopbaan two days later when ``uploaded_by`` is given."""
        uploaded_on = _workday(final_on + timedelta(days=2)) if final_on and uploaded_by else None
        return self.save(
            PopDocument(
                employee_id=trajectory.employee_id,
                trajectory_id=trajectory.id,
                status=PopStatus.FINAL if final_on else PopStatus.DRAFT,
                finalised_on=final_on,
                uploaded_on=min(uploaded_on, self.today) if uploaded_on else None,
                uploaded_by=uploaded_by if uploaded_on else "",
                wat_wil_ik=[PopItem(text=text, kind=CompetenceKind.OTHER) for text in wil],
                wat_kan_ik=[PopItem(text=text, kind=kind) for text, kind in kan],
                ontwikkelpunten=[PopItem(text=text, kind=kind) for text, kind in punten],
                goal=goal,
                actions=actions,
            )
        )


def _action(
    what: str,
    who: str,
    deadline: date,
    result: str,
    kind: CompetenceKind,
    competence: str = "",
    competence_id: str | None = None,
) -> PopAction:
    """An action; with ``competence_id`` it is linked to that competence of the organisation's dictionary."""
    return PopAction(
        what=what,
        who_helps=who,
        deadline=deadline,
        result=result,
        kind=kind,
        competence=competence,
        competence_id=competence_id,
    )


def write_demo(database: Database, today: date | None = None) -> dict[str, int]:
    """Fill an empty database with the demo; returns counts for the summary line."""
    today = today or clock.today()
    with database.transaction() as transaction:
        demo = _DemoWriter(transaction, today)
        _fill(demo)
        write_method_records(transaction)
    return demo.counts


def _fill(demo: _DemoWriter) -> None:
    today = demo.today
    done = demo.month_start + timedelta(days=14)
    G, T, A = CompetenceKind.GENERIC, CompetenceKind.TECHNICAL, CompetenceKind.OTHER

    werkplaats = demo.organisation(
        name="De Werkplaats vzw",
        kind=OrganisationKind.MAATWERKBEDRIJF,
        address="Industrieweg 12\n9000 Gent",
        contact_person="Sofie Claes",
        phone="09 123 45 67",
        email="info@dewerkplaats.example",
    )
    groenzorg = demo.organisation(
        name="LDE Groen & Zorg",
        kind=OrganisationKind.LDE,
        address="Kerkstraat 3\n9300 Aalst",
        contact_person="Hilde Verhoeven",
        phone="053 98 76 54",
        email="contact@groenzorg.example",
        guidance_ended_on=demo.month_end - timedelta(days=3),
    )
    sofie = demo.person("Sofie", "Claes", werkplaats, Role.AMBASSADOR)
    marc = demo.person("Marc", "Peeters", None, Role.TRAINER)
    an = demo.person("An", "Janssens", werkplaats, Role.COACH, login="an")
    tom = demo.person("Tom", "De Smet", groenzorg, Role.COACH, Role.AMBASSADOR, login="tom")
    luc = demo.person("Luc", "Maes", werkplaats, Role.SUPERVISOR)
    karim = demo.person("Karim", "Benali", werkplaats, Role.SUPERVISOR)
    els = demo.person("Els", "Wouters", groenzorg, Role.SUPERVISOR)

    long_ago = today - timedelta(days=200)
    ines = demo.employee(
        "Inès", "Van den Broeck", werkplaats, "Medewerker verpakking", luc, Level.MEDIUM, long_ago, True
    )
    jan = demo.employee("Jan", "D'Hondt", werkplaats, "Medewerker houtatelier", luc, Level.LOW, long_ago, False)
    ayse = demo.employee(
        "Ayşe", "Müller-Özdemir", werkplaats, "Medewerker naaiatelier", karim, Level.MEDIUM, long_ago, True
    )
    kevin = demo.employee(
        "Kevin",
        "Vermeulen",
        werkplaats,
        "Medewerker schoonmaak",
        karim,
        Level.LOW,
        None,
        False,
        started=today - timedelta(days=100),
    )
    nathalie = demo.employee(
        "Nathalie", "Dubois", groenzorg, "Medewerker groenonderhoud", els, Level.HIGH, long_ago, True
    )
    mohamed = demo.employee("Mohamed", "El Amrani", werkplaats, "Heftruckchauffeur", luc, Level.HIGH, long_ago, True)
    patrick = demo.employee(
        "Patrick", "Goossens", groenzorg, "Ploegbaas groen", els, Level.HIGH, today - timedelta(days=540), True
    )
    sarah = demo.employee("Sarah", "Mertens", groenzorg, "Medewerker zorgkeuken", els, Level.LOW, long_ago, False)
    dirk = demo.employee("Dirk", "Willems", werkplaats, "Medewerker metaal", karim, Level.HIGH, long_ago, True)
    fatima = demo.employee("Fatima", "Bouzid", groenzorg, "Medewerker strijkatelier", els, Level.LOW, long_ago, True)
    bart = demo.employee(
        "Bart", "Lemmens", werkplaats, "Medewerker montage", luc, Level.LOW, long_ago, False, remarks="Werkt halftijds."
    )
    lotte = demo.employee(
        "Lotte",
        "Hermans",
        werkplaats,
        "Medewerker onthaal",
        karim,
        Level.MEDIUM,
        None,
        False,
        started=today - timedelta(days=10),
    )

    # Planned: no contact moment held yet.
    demo.trajectory(kevin, an, VariantId.VARIANT_1, Level.LOW, TrajectoryStatus.PLANNED, None, 0)
    demo.trajectory(lotte, an, VariantId.BASIS, Level.MEDIUM, TrajectoryStatus.PLANNED, None, 0)

    # Active, some contact moments held.
    start = today - timedelta(days=30)
    traject_ines, moments_ines = demo.trajectory(
        ines,
        an,
        VariantId.BASIS,
        Level.MEDIUM,
        TrajectoryStatus.ACTIVE,
        start,
        2,
        notes=[
            "Collectieve opstart met uitleg over POP. Inès is nieuwsgierig en stelt veel vragen.",
            "Klokwijs overlopen: ze start graag vroeg, werkt liefst met vaste collega's. Huiswerk: HAND invullen.",
        ],
    )
    demo.save(
        HandRecord(
            employee_id=ines.id,
            trajectory_id=traject_ines.id,
            contact_moment_id=moments_ines[1].id,
            date=moments_ines[1].date,
            thumb="Nauwkeurig werken, orde houden in mijn werkpost.",
            index_finger="Ooit in de logistiek werken.",
            middle_finger="Lawaai en haast.",
            ring_finger="Mijn vaste ploeg.",
            little_finger="Nieuwe taken durven vragen.",
        )
    )
    demo.save(
        SupervisorConsultation(
            employee_id=ines.id,
            trajectory_id=traject_ines.id,
            date=start + timedelta(days=10),
            supervisor_id=luc.id,
            does_well="Werkt zeer nauwkeurig, is stipt.",
            does_less_well="Vraagt weinig hulp als iets niet lukt.",
            notes="Luc ziet kansen in het magazijn.",
        )
    )
    t_mohamed, moments_mohamed = demo.trajectory(
        mohamed,
        tom,
        VariantId.VARIANT_3,
        Level.HIGH,
        TrajectoryStatus.ACTIVE,
        today - timedelta(days=45),
        3,
        notes=["Opstart individueel.", "AI-gesprek: trots op zijn heftruckattest.", "Kwaliteitenspel gespeeld."],
    )
    traject_sarah, moments_sarah = demo.trajectory(
        sarah,
        tom,
        VariantId.VARIANT_4,
        Level.HIGH,
        TrajectoryStatus.ACTIVE,
        today - timedelta(days=12),
        1,
        notes=["Collectieve opstart in de zorgkeuken."],
    )
    traject_dirk, moments_dirk = demo.trajectory(
        dirk,
        an,
        VariantId.VARIANT_2,
        Level.LOW,
        TrajectoryStatus.ACTIVE,
        today - timedelta(days=9),
        1,
        notes=["Opstart: Dirk wil graag lassen leren."],
    )

    # A finished card game of each kind (§5.4, §5.5, §5.10-§5.12), each listed among the methods of
    # its contact moment, so the trajectory and the contact moment show it (the lists of moments
    # keep the stored version: the competences demo below changes some of them again).
    for game, trajectory, moments, number in (
        (demo_cards.kwaliteitenspel_game, t_mohamed, moments_mohamed, 2),
        (demo_cards.vaardighedenspel_game, t_mohamed, moments_mohamed, 1),
        (demo_cards.droompagina_game, traject_ines, moments_ines, 1),
        (demo_cards.prentenbeeld_game, traject_sarah, moments_sarah, 0),
        (
            functools.partial(demo_cards.vier_op_een_rij_game, organisation_id=werkplaats.id),
            traject_dirk,
            moments_dirk,
            0,
        ),
    ):
        held = moments[number]
        record = demo.save(game(trajectory, held))
        if record.kind not in held.methods:
            moments[number] = demo.save(held.model_copy(update={"methods": [*held.methods, record.kind]}))

    # Completed in the previous month, with a final POP.
    def completed(employee: Employee, coach: Person, variant: VariantId, intensity: Level, days: int) -> Trajectory:
        trajectory, _moments = demo.trajectory(
            employee,
            coach,
            variant,
            intensity,
            TrajectoryStatus.COMPLETED,
            done - timedelta(days=days),
            len(propose_plan(variant)),
            completion=done,
            notes=[
                "Opstart.",
                "Wie ben ik en wat wil ik besproken.",
                "Wat kan ik: competenties overlopen.",
                "Opties gewogen.",
                "Actieplan opgesteld.",
                "Actieplan ondertekend.",
            ],
        )
        return trajectory

    deadline = done + timedelta(days=120)
    t_jan = completed(jan, an, VariantId.VARIANT_1, Level.LOW, 40)
    demo.pop(
        t_jan,
        done,
        [
            _action(
                "Elke ochtend zelf de werkpost klaarzetten",
                "Luc (werkplaatsleider)",
                deadline,
                "Luc ziet vijf dagen na elkaar een klaargezette werkpost",
                G,
                "Zelfstandig werken",
                "zelfstandig_werken",
            ),
            _action(
                "Leren werken met de kantenlijmmachine",
                "Collega Ahmed",
                deadline + timedelta(days=30),
                "Zelf 20 panelen afwerken zonder fouten",
                T,
                "Machines bedienen",
                "machines_bedienen",
            ),
        ],
        wil=["Blijven werken in het houtatelier", "Meer verantwoordelijkheid"],
        kan=[("Nauwkeurig zagen", T), ("Op tijd komen", G)],
        punten=[("Machines zelf instellen", T), ("Hulp vragen", G)],
    )
    t_ayse = completed(ayse, an, VariantId.BASIS, Level.MEDIUM, 60)
    demo.pop(
        t_ayse,
        done,
        [
            _action(
                "Opleiding industrieel naaien volgen",
                "VDAB-consulent",
                deadline,
                "Attest industrieel naaien behaald",
                T,
                "Naaitechnieken",
            ),
            _action(
                "In het teamoverleg één voorstel doen",
                "Karim (begeleider)",
                deadline - timedelta(days=60),
                "Drie voorstellen gedaan in drie overleggen",
                G,
                "Communiceren",
                "communiceren",
            ),
        ],
        goal="Doorgroeien naar meewerkend ploegleider in het naaiatelier",
        wil=["Ploegleider worden"],
        kan=[("Patronen lezen", T), ("Collega's helpen", G)],
        punten=[("Plannen van het werk", G), ("Nieuwe naaimachine", T)],
        uploaded_by="an",
    )
    t_nathalie = completed(nathalie, tom, VariantId.VARIANT_2, Level.LOW, 30)
    demo.pop(
        t_nathalie,
        done,
        [
            _action(
                "Rijbewijs B halen",
                "Els en de rijschool",
                deadline + timedelta(days=60),
                "Rijbewijs B behaald",
                T,
                "Voertuig besturen",
            ),
            _action(
                "Zelf de weekplanning van de ploeg opvragen",
                "Els Wouters",
                deadline,
                "Elke maandag de planning gekend",
                G,
                "Zelfstandig werken",
                "zelfstandig_werken",
            ),
        ],
        wil=["Werken in de openbare groendienst"],
        kan=[("Snoeien", T)],
        punten=[("Rijden met aanhangwagen", T)],
        uploaded_by="tom",
    )
    t_fatima = completed(fatima, tom, VariantId.VARIANT_4, Level.HIGH, 70)
    demo.pop(
        t_fatima,
        done,
        [
            _action("Strijkmachine leren bedienen", "Els Wouters", deadline, "Zelfstandig 1 uur aan de machine", T),
            _action(
                "Pauzes nemen op vaste tijden",
                "Collega Rita",
                deadline,
                "Twee weken geen klachten over vermoeidheid",
                G,
            ),
        ],
        wil=["Blijven in het strijkatelier"],
        kan=[("Zorgvuldig plooien", T)],
        punten=[("Tempo volhouden", G)],
        uploaded_by="tom",
    )

    # A POP completed last year and its follow-up, which starts with the evaluation.
    year_ago = today - timedelta(days=400)
    t_patrick_1, moments_patrick_1 = demo.trajectory(
        patrick,
        tom,
        VariantId.VARIANT_3,
        Level.HIGH,
        TrajectoryStatus.COMPLETED,
        year_ago - timedelta(days=70),
        6,
        completion=year_ago,
    )
    old_actions = [
        _action(
            "Cursus snoeien van hoogstammen volgen",
            "Opleidingsverantwoordelijke",
            year_ago + timedelta(days=120),
            "Attest behaald",
            T,
            "Snoeien",
            DEMO_SNOEIEN,
        ),
        _action(
            "Nieuwe collega's inwerken volgens de checklist",
            "Els Wouters",
            year_ago + timedelta(days=90),
            "Twee nieuwe collega's ingewerkt",
            G,
            "Coachen",
        ),
        _action(
            "Informatie opvragen over ploegbaasopleiding",
            "Tom De Smet",
            year_ago + timedelta(days=60),
            "Brochure besproken met Tom",
            A,
        ),
    ]
    old_actions[0].progress = [ProgressUpdate(date=year_ago + timedelta(days=100), progress=5, note="Attest behaald.")]
    demo.pop(
        t_patrick_1,
        year_ago,
        old_actions,
        wil=["Ploegbaas worden"],
        kan=[("Snoeien", T)],
        punten=[("Leidinggeven", G)],
        goal="Ploegbaas groen worden",
        uploaded_by="tom",
    )
    t_patrick_2, moments_patrick_2 = demo.trajectory(
        patrick,
        tom,
        VariantId.VARIANT_2,
        Level.LOW,
        TrajectoryStatus.ACTIVE,
        today - timedelta(days=20),
        1,
        previous=t_patrick_1,
        notes=["Evaluatie van het vorige POP en opstart van het nieuwe."],
    )
    evaluations = [
        (old_actions[0], 5, False, "Volledig afgewerkt."),
        (old_actions[1], 3, True, "Eén collega ingewerkt; de tweede start volgende maand."),
        (old_actions[2], 1, False, "Geen tijd gevonden; niet meer nodig sinds de promotie."),
    ]
    for action, progress, carry, remark in evaluations:
        demo.save(
            ActionEvaluation(
                employee_id=patrick.id,
                trajectory_id=t_patrick_2.id,
                previous_trajectory_id=t_patrick_1.id,
                action_id=action.id,
                action_what=action.what,
                progress=progress,
                carry_over=carry,
                remark=remark,
            )
        )
    carried = old_actions[1].model_copy(
        update={
            "id": PopAction(what="x").id,
            "origin_action_id": old_actions[1].id,
            "deadline": today + timedelta(days=60),
            "progress": [],
        }
    )
    demo.pop(t_patrick_2, None, [carried], wil=["Als ploegbaas een eigen ploeg leiden"], kan=[], punten=[])

    # Stopped.
    demo.trajectory(
        bart,
        an,
        VariantId.VARIANT_1,
        Level.LOW,
        TrajectoryStatus.STOPPED,
        today - timedelta(days=90),
        1,
        stop_reason="Langdurig ziek; later opnieuw bekijken.",
        notes=["Opstart."],
    )

    # One training day last month and the organisations' hours.
    demo.counts["trainings"] += 1
    demo.save(
        Training(
            date=_workday(demo.month_start + timedelta(days=6)),
            title="POP-coach opleiding dag 1",
            trainer_id=marc.id,
            hours=6,
            place="De Werkplaats vzw, Gent",
            attendee_ids=[an.id, tom.id, sofie.id],
        )
    )
    for organisation, coach in ((werkplaats, an), (groenzorg, tom)):
        for offset, kind, hours, text in (
            (2, HoursKind.INTAKE, 2.0, "Intakegesprek met directie en ambassadeur"),
            (9, HoursKind.GUIDANCE_ORGANISATION, 3.0, "Opstartanalyse overlopen"),
            (16, HoursKind.GUIDANCE_SUPERVISORS, 1.5, "Werkvloerbegeleiders uitleg over tussentijds overleg"),
        ):
            demo.save(
                HoursEntry(
                    organisation_id=organisation.id,
                    coach_id=coach.id,
                    date=_workday(demo.month_start + timedelta(days=offset)),
                    kind=kind,
                    hours=hours,
                    description=text,
                )
            )

    # Competences: dictionaries with function profiles, measurements a year apart, a consultation.
    add_competences(
        demo,
        CompetenceDemo(
            werkplaats=werkplaats,
            groenzorg=groenzorg,
            luc=luc,
            tom=tom,
            mohamed=mohamed,
            patrick=patrick,
            t_mohamed=t_mohamed,
            moments_mohamed=moments_mohamed,
            t_patrick_1=t_patrick_1,
            moments_patrick_1=moments_patrick_1,
            t_patrick_2=t_patrick_2,
            moments_patrick_2=moments_patrick_2,
        ),
    )
