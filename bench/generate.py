"""Make a scale database: N employees with Y years of POP history, written by poptui's own store.

    python bench/generate.py --db PATH --employees 2000 --years 5

Every kind of record the models have, with fictional Flemish texts (bench/texts.py):
organisations with their start-up analysis, people with roles (ambassadors, coaches,
trainers, supervisors), employees (some archived), consent events (given, some withdrawn
and given again), trajectories of every variant and status (completed with a final POP,
active, paused, planned, stopped; follow-up POPs with the evaluation of the previous
one), contact moments held, planned (some overdue) and skipped, supervisor consultations,
a method record of every kind, POP documents with actions and progress, training days,
organisation hours. Dates spread over the years before today, so the last months hold
completed POPs to report on (about 100 a month at 2,000 employees).

Records go through the store's public API, so the files are what poptui writes: saving
them one by one costs a lock, a read and an fsynced write each, so they are saved in
transactions (the store's batch API) of a few dozen employees each (a fortieth of them at scale).

The coach with login ``an`` (An Janssens) has a usual caseload; start the app as that
user (``USER=an``) to land on the home screen without choosing a coach.

Random choices come from ``--seed`` (ids too), so the same arguments give the same records.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import TypeVar

import dutch_texts as texts

from poptui.catalog import load_catalog, shipped_decks
from poptui.models import (
    METHOD_RECORD_CLASSES,
    ActionArea,
    ActionEvaluation,
    BetweenStep,
    CareerCompetence,
    CompetenceDictionary,
    CompetenceKind,
    CompetenceRating,
    ConsentEvent,
    ConsentKind,
    ContactMoment,
    ContactMomentStatus,
    Deck,
    DeckKind,
    Employee,
    FunctionProfile,
    HoursEntry,
    HoursKind,
    Level,
    MethodKind,
    Organisation,
    OrganisationKind,
    Person,
    Phase,
    PopAction,
    PopDocument,
    PopItem,
    PopStatus,
    ProfileEntry,
    ProgressUpdate,
    Record,
    Role,
    SmartFields,
    StartupAnalysis,
    SupervisorConsultation,
    Training,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.models.planning import (
    MatrixCriterion,
    MatrixOption,
    MindmapNode,
    ScanAction,
    SmartAction,
    SmartChallenge,
    TimelineMoment,
)
from poptui.services.competences import default_dictionary
from poptui.services.consent import current_text
from poptui.services.trajectories import PlannedMoment, propose_plan
from poptui.store import Database, Transaction

R = TypeVar("R", bound=Record)

BENCH_COACH_LOGIN = "an"
"""Login of the coach the benchmarks start the app as (USER=an)."""
EMPLOYEES_PER_COACH = 40
EMPLOYEES_PER_ORGANISATION = 100
EMPLOYEES_PER_TRANSACTION = 50
"""At least this many employees' dossiers per transaction; at scale a fortieth of them (each commit
rewrites the shared tables once, so fewer, larger transactions keep 20,000 employees linear)."""
GENERATOR_VERSION = 3
"""Raise when the records written change, so cached databases are made again."""

VARIANT_FOR = {  # (reflection, intensity) -> variant, as §4.5 chooses
    (Level.MEDIUM, Level.MEDIUM): VariantId.BASIS,
    (Level.LOW, Level.LOW): VariantId.VARIANT_1,
    (Level.HIGH, Level.LOW): VariantId.VARIANT_2,
    (Level.HIGH, Level.HIGH): VariantId.VARIANT_3,
    (Level.LOW, Level.HIGH): VariantId.VARIANT_4,
}


@dataclass
class Counts:
    by_type: dict[str, int] = field(default_factory=dict)

    def add(self, record: Record) -> None:
        name = type(record).__name__
        self.by_type[name] = self.by_type.get(name, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


@dataclass
class Core:
    organisations: list[Organisation]
    coaches: list[Person]
    supervisors: dict[str, list[Person]]
    trainers: list[Person]


class Generator:
    def __init__(self, employees: int, years: int, seed: int, today: date) -> None:
        self.employee_count = employees
        self.years = years
        self.rng = random.Random(seed)
        self.today = today
        self.begin = today - timedelta(days=round(365.25 * years))
        self.counts = Counts()
        self.consent_version = current_text().version
        self.startup_questions = [
            question.id
            for section in load_catalog().startup.sections
            for group in section.groups
            for question in group.questions
        ]
        self.plans = {variant: propose_plan(variant) for variant in VariantId}
        self.kinds_used: set[MethodKind] = set()

    # -- helpers -------------------------------------------------------------------------

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def stamp(self, day: date) -> datetime:
        """When a record was first saved: on its day, during office hours."""
        moment = datetime.combine(day, clock_time(8 + self.rng.randrange(9), self.rng.randrange(60)))
        return moment.astimezone()

    def day_between(self, first: date, last: date) -> date:
        span = max(0, (last - first).days)
        return workday(first + timedelta(days=self.rng.randint(0, span)))

    def save(self, tx: Transaction, record: R) -> R:
        self.counts.add(record)
        return tx.save(record)

    # -- core: organisations, people, trainings, hours ----------------------------------------

    def core(self, tx: Transaction) -> Core:
        rng = self.rng
        organisation_count = max(2, round(self.employee_count / EMPLOYEES_PER_ORGANISATION))
        organisations = []
        for number in range(organisation_count):
            place = texts.PLACES[number % len(texts.PLACES)]
            pattern = texts.ORGANISATION_PATTERNS[number % len(texts.ORGANISATION_PATTERNS)]
            name = pattern.format(place=place)
            if number >= len(texts.PLACES):
                name += f" {number // len(texts.PLACES) + 1}"
            ended = self.day_between(self.today - timedelta(days=60), self.today) if rng.random() < 0.08 else None
            organisations.append(
                self.save(
                    tx,
                    Organisation(
                        id=self.new_id(),
                        created_at=self.stamp(self.begin),
                        name=name,
                        kind=rng.choice(list(OrganisationKind)),
                        address=f"{rng.choice(texts.STREETS)} {rng.randint(1, 180)}\n{rng.randint(1000, 9999)} {place}",
                        contact_person=self.full_name(),
                        phone=f"0{rng.randint(2, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                        email=f"info@{place.lower().replace(' ', '')}{number}.example",
                        guidance_ended_on=ended,
                    ),
                )
            )
        coach_count = max(2, round(self.employee_count / EMPLOYEES_PER_COACH))
        coaches = []
        for number in range(coach_count):
            organisation = organisations[number % organisation_count]
            first, last = ("An", "Janssens") if number == 0 else (None, None)
            roles = [Role.COACH] + ([Role.AMBASSADOR] if number % 7 == 3 else [])
            coaches.append(
                self.person(tx, organisation, roles, first, last, login=BENCH_COACH_LOGIN if number == 0 else "")
            )
        trainers = [self.person(tx, None, [Role.TRAINER]) for _ in range(max(1, organisation_count // 10))]
        supervisors = {}
        for organisation in organisations:
            self.person(tx, organisation, [Role.AMBASSADOR])
            supervisors[organisation.id] = [
                self.person(tx, organisation, [Role.SUPERVISOR]) for _ in range(rng.randint(3, 6))
            ]
            self.save(
                tx,
                StartupAnalysis(
                    id=self.new_id(),
                    created_at=self.stamp(self.begin),
                    organisation_id=organisation.id,
                    date=self.day_between(self.begin, self.begin + timedelta(days=60)),
                    answers={
                        question: " ".join(rng.sample(texts.MIDDLES, rng.randint(1, 3)))
                        for question in self.startup_questions
                        if rng.random() < 0.8
                    },
                ),
            )
            if rng.random() < 0.5:  # half the organisations keep a dictionary of their own
                self.save(tx, self.competence_dictionary(organisation))
        skills = next(deck for deck in shipped_decks() if deck.kind is DeckKind.SKILLS).cards
        for number, organisation in enumerate(organisations):
            if number == 0 or rng.random() < 0.3:  # an organisation's own deck (poptui decks import)
                self.save(
                    tx,
                    Deck(
                        id=self.new_id(),
                        created_at=self.stamp(self.begin),
                        name=f"Vaardigheden {organisation.name}",
                        kind=DeckKind.SKILLS,
                        organisation_id=organisation.id,
                        source="vaardigheden.xlsx",
                        cards=rng.sample(list(skills), 30),
                    ),
                )
        self.trainings(tx, trainers, coaches, organisations)
        self.hours(tx, organisations, coaches)
        return Core(organisations, coaches, supervisors, trainers)

    def competence_dictionary(self, organisation: Organisation) -> CompetenceDictionary:
        """poptui's default dictionary with a function profile, as an organisation stores it once changed."""
        source = default_dictionary(organisation.id)
        chosen = self.rng.sample([item.id for item in source.competences], 5)
        profile = FunctionProfile(
            function=self.rng.choice(texts.FUNCTIONS),
            entries=[ProfileEntry(competence_id=key, expected=self.rng.randint(2, 4)) for key in chosen],
        )
        return source.model_copy(update={"profiles": [profile], "created_at": self.stamp(self.begin)})

    def full_name(self) -> str:
        return f"{self.rng.choice(texts.FIRST_NAMES)} {self.rng.choice(texts.LAST_NAMES)}"

    def person(
        self,
        tx: Transaction,
        organisation: Organisation | None,
        roles: list[Role],
        first: str | None = None,
        last: str | None = None,
        login: str = "",
    ) -> Person:
        first = first or self.rng.choice(texts.FIRST_NAMES)
        last = last or self.rng.choice(texts.LAST_NAMES)
        person = Person(
            id=self.new_id(),
            created_at=self.stamp(self.begin),
            first_name=first,
            last_name=last,
            organisation_id=organisation.id if organisation else None,
            roles=roles,
            login=login,
            email=f"{first.lower()}.{last.lower()}@example.org".replace(" ", "").replace("'", ""),
            phone=f"04{self.rng.randint(70, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} "
            f"{self.rng.randint(10, 99)}",
        )
        self.save(tx, person)
        return person

    def trainings(
        self, tx: Transaction, trainers: list[Person], coaches: list[Person], organisations: list[Organisation]
    ) -> None:
        day = self.begin
        number = 1
        while day < self.today:
            title = self.rng.choice(texts.TRAINING_TITLES).format(n=number)
            self.save(
                tx,
                Training(
                    id=self.new_id(),
                    created_at=self.stamp(day),
                    date=day,
                    title=title,
                    trainer_id=self.rng.choice(trainers).id,
                    hours=self.rng.choice((3, 3.5, 6, 7)),
                    place=self.rng.choice(organisations).name,
                    attendee_ids=[coach.id for coach in self.rng.sample(coaches, min(len(coaches), 12))],
                ),
            )
            number += 1
            day = workday(day + timedelta(days=self.rng.randint(10, 20)))

    def hours(self, tx: Transaction, organisations: list[Organisation], coaches: list[Person]) -> None:
        for organisation in organisations:
            day = self.begin
            kinds = [HoursKind.INTAKE]
            while day < self.today:
                kind = kinds.pop() if kinds else self.rng.choice(list(HoursKind)[1:])
                self.save(
                    tx,
                    HoursEntry(
                        id=self.new_id(),
                        created_at=self.stamp(day),
                        organisation_id=organisation.id,
                        coach_id=self.rng.choice(coaches).id,
                        date=day,
                        kind=kind,
                        hours=self.rng.choice((0.5, 1, 1.5, 2, 3)),
                        description=self.rng.choice(
                            (
                                "Intakegesprek met directie en ambassadeur",
                                "Opstartanalyse overlopen",
                                "Werkvloerbegeleiders uitleg over tussentijds overleg",
                                "Opvolging met de ambassadeur",
                                "Infosessie POP voor de ploegbazen",
                            )
                        ),
                    ),
                )
                day = workday(day + timedelta(days=self.rng.randint(20, 45)))

    # -- employees -----------------------------------------------------------------------------

    def employees(self, tx: Transaction, core: Core) -> list[Employee]:
        rng = self.rng
        out = []
        for number in range(self.employee_count):
            organisation = core.organisations[number % len(core.organisations)]
            joined = self.begin if rng.random() < 0.4 else self.day_between(self.begin, self.today - timedelta(60))
            consent = self.day_between(joined, joined + timedelta(days=40)) if rng.random() < 0.9 else None
            employee = Employee(
                id=self.new_id(),
                created_at=self.stamp(joined),
                first_name=rng.choice(texts.FIRST_NAMES),
                last_name=rng.choice(texts.LAST_NAMES),
                organisation_id=organisation.id,
                function=rng.choice(texts.FUNCTIONS),
                supervisor_id=rng.choice(core.supervisors[organisation.id]).id,
                reflection=rng.choice(list(Level)),
                consent_date=consent,
                mijn_loopbaan_account=rng.random() < 0.7,
                remarks=rng.choice(
                    ("", "", "", "Werkt halftijds.", "Werkt enkel in de voormiddag.", "Rijdt met de bus.")
                ),
                archived=rng.random() < 0.06,
            )
            out.append(employee)
        for employee in out:
            self.save(tx, employee)
        return out

    # -- one employee's dossier ------------------------------------------------------------------

    def dossier(self, tx: Transaction, employee: Employee, core: Core) -> None:
        rng = self.rng
        joined = employee.created_at.date() if employee.created_at else self.begin
        consented = employee.consent_date
        if consented:
            self.consent(tx, employee, ConsentKind.GIVEN, consented)
            if rng.random() < 0.04:
                withdrawn = self.day_between(consented + timedelta(days=30), self.today)
                self.consent(tx, employee, ConsentKind.WITHDRAWN, withdrawn)
                if rng.random() < 0.5 and withdrawn + timedelta(days=40) < self.today:
                    self.consent(tx, employee, ConsentKind.GIVEN, withdrawn + timedelta(days=rng.randint(20, 40)))
                    consented = withdrawn
                else:
                    consented = None
        coach = core.coaches[0] if rng.random() < 1 / len(core.coaches) else rng.choice(core.coaches)
        start = self.day_between(joined + timedelta(days=30), joined + timedelta(days=240))
        previous: tuple[Trajectory, PopDocument | None] | None = None
        while start < self.today + timedelta(days=30):
            previous = self.trajectory(tx, employee, coach, start, previous, consented is not None)
            trajectory = previous[0]
            if trajectory.status is not TrajectoryStatus.COMPLETED:
                break
            assert trajectory.completion_date is not None
            start = self.day_between(
                trajectory.completion_date + timedelta(days=420), trajectory.completion_date + timedelta(days=720)
            )
            if rng.random() < 0.15:
                coach = rng.choice(core.coaches)

    def consent(self, tx: Transaction, employee: Employee, kind: ConsentKind, day: date) -> None:
        self.save(
            tx,
            ConsentEvent(
                id=self.new_id(),
                created_at=self.stamp(day),
                employee_id=employee.id,
                kind=kind,
                date=day,
                recorded_by=texts.FIRST_NAMES[0],
                consent_text_version=self.consent_version,
                remark="" if kind is ConsentKind.GIVEN else "Wil eerst nadenken; later opnieuw bespreken.",
            ),
        )

    def trajectory(
        self,
        tx: Transaction,
        employee: Employee,
        coach: Person,
        start: date,
        previous: tuple[Trajectory, PopDocument | None] | None,
        consent: bool,
    ) -> tuple[Trajectory, PopDocument | None]:
        rng = self.rng
        reflection = employee.reflection or Level.MEDIUM
        intensity = rng.choice(list(Level))
        variant = VARIANT_FOR.get((reflection, intensity), VariantId.BASIS)
        plan = self.plans[variant]
        spacing = rng.randint(9, 21)
        days = [workday(start + timedelta(days=spacing * index + rng.randint(0, 3))) for index in range(len(plan))]
        trajectory_id = self.new_id()
        stopped = rng.random() < 0.03 and days[1] < self.today
        if start > self.today:
            status = TrajectoryStatus.PLANNED
        elif days[-1] < self.today and not stopped:
            status = TrajectoryStatus.COMPLETED
        elif stopped:
            status = TrajectoryStatus.STOPPED
        else:
            status = TrajectoryStatus.PAUSED if rng.random() < 0.05 else TrajectoryStatus.ACTIVE
        held_count = sum(day < self.today for day in days)
        if status is TrajectoryStatus.STOPPED:
            held_count = rng.randint(1, max(1, held_count - 1))
        elif status is TrajectoryStatus.PLANNED:
            held_count = 0
        elif status is not TrajectoryStatus.COMPLETED and held_count and rng.random() < 0.15:
            held_count -= 1  # the last one is overdue: planned in the past, not registered yet
        completion = days[held_count - 1] if status is TrajectoryStatus.COMPLETED else None
        trajectory = Trajectory(
            id=trajectory_id,
            created_at=self.stamp(start - timedelta(days=7)),
            employee_id=employee.id,
            coach_id=coach.id,
            variant=variant,
            reflection=reflection,
            intensity=intensity,
            status=status,
            start_date=None if status is TrajectoryStatus.PLANNED else start,
            completion_date=completion,
            previous_trajectory_id=previous[0].id if previous else None,
            stop_reason=rng.choice(texts.STOP_REASONS) if status is TrajectoryStatus.STOPPED else "",
        )
        self.save(tx, trajectory)
        if previous and previous[1] is not None:
            self.evaluations(tx, trajectory, previous[0], previous[1], start)
        moments = []
        for index, (planned, day) in enumerate(zip(plan, days, strict=True)):
            moments.append(self.moment(tx, employee, coach, trajectory, planned, day, index, held_count))
        held = [moment for moment in moments if moment.status is ContactMomentStatus.HELD]
        for moment, planned in zip(moments, plan, strict=True):
            if moment.status is not ContactMomentStatus.HELD:
                continue
            for kind in planned.methods:
                if rng.random() < 0.85:
                    self.method(tx, employee, trajectory, moment, kind, consent)
            if any(step.kind.value == "tussentijds_overleg" for step in planned.between_steps):
                self.consultation(tx, employee, trajectory, moment.date or start)
        if held and rng.random() < 0.6:  # the coach also tried a method the plan did not suggest
            unused = sorted(set(MethodKind) - self.kinds_used) or list(MethodKind)
            self.method(tx, employee, trajectory, rng.choice(held), rng.choice(unused), consent)
        pop = None
        reached_planning = any(m.phase is Phase.PLANNING and m.status is ContactMomentStatus.HELD for m in moments)
        if reached_planning or status is TrajectoryStatus.COMPLETED:
            pop = self.pop(tx, employee, coach, trajectory, completion)
        return trajectory, pop

    def moment(
        self,
        tx: Transaction,
        employee: Employee,
        coach: Person,
        trajectory: Trajectory,
        planned: PlannedMoment,
        day: date,
        index: int,
        held_count: int,
    ) -> ContactMoment:
        rng = self.rng
        is_held = index < held_count
        status = ContactMomentStatus.HELD if is_held else ContactMomentStatus.PLANNED
        if trajectory.status is TrajectoryStatus.STOPPED and not is_held:
            status = ContactMomentStatus.SKIPPED
        elif is_held and index not in (0, held_count - 1) and rng.random() < 0.05:
            status = ContactMomentStatus.SKIPPED
        if trajectory.status is TrajectoryStatus.PLANNED and index > 0:
            day_or_none: date | None = None
        else:
            day_or_none = day
        done = status is ContactMomentStatus.HELD
        collective = planned.number == 0 and planned.collective_possible and rng.random() < 0.4
        return self.save(
            tx,
            ContactMoment(
                id=self.new_id(),
                created_at=self.stamp(trajectory.created_at.date() if trajectory.created_at else day),
                employee_id=employee.id,
                trajectory_id=trajectory.id,
                number=planned.number,
                status=status,
                date=day_or_none,
                start_time=clock_time(8 + rng.randrange(8), rng.choice((0, 15, 30, 45))) if day_or_none else None,
                duration_minutes=120 if planned.number == 0 else rng.choice((45, 60, 60, 75, 90)),
                phase=planned.phase,
                goals=list(planned.goals),
                collective=collective,
                collective_group_id=f"opstart-{employee.organisation_id[:8]}-{day:%Y%m}" if collective else None,
                attendees=[employee.full_name, coach.full_name] if done else [],
                supervisor_present=done and planned.number == 0,
                notes=texts.sentence_text(rng, employee.first_name, rng.randint(1, 4)) if done else "",
                homework_given=rng.choice(texts.HOMEWORK) if done and rng.random() < 0.4 else "",
                homework_returned="Meegebracht en besproken." if done and rng.random() < 0.3 else "",
                methods=list(planned.methods),
                between_steps=[
                    BetweenStep(kind=step.kind, description=step.description, done=done)
                    for step in planned.between_steps
                ],
                skip_reason=rng.choice(texts.SKIP_REASONS) if status is ContactMomentStatus.SKIPPED else "",
            ),
        )

    def consultation(self, tx: Transaction, employee: Employee, trajectory: Trajectory, day: date) -> None:
        rng = self.rng
        self.save(
            tx,
            SupervisorConsultation(
                id=self.new_id(),
                created_at=self.stamp(day),
                employee_id=employee.id,
                trajectory_id=trajectory.id,
                date=day + timedelta(days=rng.randint(2, 6)),
                supervisor_id=employee.supervisor_id,
                does_well=" ".join(rng.sample(texts.SUPERVISOR_WELL, 2)),
                does_less_well=rng.choice(texts.SUPERVISOR_LESS),
                notes=rng.choice(("", "Ziet kansen in het magazijn.", "Wil graag mee opvolgen.")),
            ),
        )

    def method(
        self,
        tx: Transaction,
        employee: Employee,
        trajectory: Trajectory,
        moment: ContactMoment,
        kind: MethodKind,
        consent: bool,
    ) -> None:
        rng = self.rng
        self.kinds_used.add(kind)
        day = moment.date or self.today
        fields: dict[str, object] = {
            "id": self.new_id(),
            "created_at": self.stamp(day),
            "employee_id": employee.id,
            "trajectory_id": trajectory.id,
            "contact_moment_id": moment.id,
            "date": day,
            "notes": texts.sentence_text(rng, employee.first_name, rng.randint(1, 3)),
            "conclusions": texts.some(rng, texts.CONCLUSIONS, 1, 4),
        }
        fields.update(self.method_content(kind, day, consent))
        self.save(tx, METHOD_RECORD_CLASSES[kind].model_validate(fields))

    def method_content(self, kind: MethodKind, day: date, consent: bool) -> dict[str, object]:
        rng = self.rng
        if kind is MethodKind.HAND:
            return {
                "thumb": "Nauwkeurig werken, orde houden in mijn werkpost.",
                "index_finger": rng.choice(("Ooit in de logistiek werken.", "Vast werk bij de stad.")),
                "middle_finger": "Lawaai en haast.",
                "ring_finger": "Mijn vaste ploeg.",
                "little_finger": "Nieuwe taken durven vragen.",
            }
        if kind is MethodKind.INTERVIEW and consent and rng.random() < 0.3:
            return {
                "physical_limitations": "Rugklachten bij lang rechtstaan.",
                "family_duties": "Zorgt twee avonden per week voor een ouder.",
            }
        if kind is MethodKind.SCAN:
            actions = [
                ScanAction(
                    id=self.new_id(),
                    domain=domain,
                    text=rng.choice(texts.ACTIONS)[0],
                    employee_meaningful=rng.choice((10, 5, 1)),
                    employee_feasible=rng.choice((10, 5, 1)),
                    coach_meaningful=rng.choice((10, 5, 1, None)),
                    coach_feasible=rng.choice((10, 5, 1, None)),
                    area=rng.choice(list(ActionArea)),
                    kind=rng.choice(list(CompetenceKind)),
                    chosen=rng.random() < 0.3,
                    smart=SmartFields(specific="Elke maandag", measure="Ploegbaas bevestigt"),
                )
                for domain in rng.sample(range(1, 8), rng.randint(2, 5))
                for _ in range(rng.randint(1, 3))
            ]
            return {"actions": actions}
        if kind is MethodKind.SMART:
            challenges = [
                SmartChallenge(
                    id=self.new_id(),
                    title=rng.choice(texts.CONCLUSIONS),
                    actions=[
                        SmartAction(
                            id=self.new_id(),
                            text=rng.choice(texts.ACTIONS)[0],
                            meaningful=rng.choice((10, 5, 1)),
                            feasible=rng.choice((10, 5, 1)),
                            career_competence=rng.choice(list(CareerCompetence)),
                            kind=rng.choice(list(CompetenceKind)),
                            chosen=rng.random() < 0.3,
                        )
                        for _ in range(rng.randint(2, 5))
                    ],
                )
                for _ in range(rng.randint(1, 3))
            ]
            return {"challenges": challenges, "coaching_answers": {1: "Wat wil je bereiken?", 2: "Wie kan helpen?"}}
        if kind is MethodKind.BESLISSINGSMATRIX:
            criteria = [
                MatrixCriterion(id=self.new_id(), text=text, weight=rng.choice((1, 2, 3)))
                for text in rng.sample(texts.MATRIX_CRITERIA, 3)
            ]
            options = [
                MatrixOption(
                    id=self.new_id(), text=text, scores={criterion.id: rng.randint(1, 5) for criterion in criteria}
                )
                for text in rng.sample(texts.MATRIX_OPTIONS, 3)
            ]
            return {"question": "Welke job past het best bij mij?", "options": options, "criteria": criteria}
        if kind is MethodKind.MINDMAP:
            nodes: list[MindmapNode] = []
            for order in range(rng.randint(4, 10)):
                parent = rng.choice(nodes).id if nodes and rng.random() < 0.6 else None
                nodes.append(
                    MindmapNode(id=self.new_id(), text=rng.choice(texts.COMPETENCES), parent_id=parent, order=order)
                )
            return {"theme": rng.choice(texts.DREAM_THEMES), "nodes": nodes}
        if kind is MethodKind.COMPETENTIEMETING:
            source = default_dictionary("bench")
            ratings = [
                CompetenceRating(
                    competence_id=item.id,
                    name=item.name,
                    kind=item.kind,
                    definition=item.definition,
                    indicators=list(item.indicators),
                    self_rating=rng.randint(1, 4),
                    coach=rng.randint(1, 4),
                    supervisor=rng.choice((None, 1, 2, 3, 4)),
                    desired=rng.randint(2, 4),
                )
                for item in rng.sample(list(source.competences), rng.randint(3, 8))
            ]
            return {"scale": list(source.scale), "ratings": ratings}
        if kind is MethodKind.TIJDSLIJN:
            return {
                "start": day,
                "months": rng.choice((6, 9, 12)),
                "moments": [
                    TimelineMoment(id=self.new_id(), date=day + timedelta(days=30 * n + 20), text="Opvolggesprek")
                    for n in range(rng.randint(1, 4))
                ],
            }
        return {}

    def pop(
        self, tx: Transaction, employee: Employee, coach: Person, trajectory: Trajectory, completion: date | None
    ) -> PopDocument:
        rng = self.rng
        uploaded = completion is not None and employee.mijn_loopbaan_account and rng.random() < 0.9
        kinds = [CompetenceKind.GENERIC, CompetenceKind.TECHNICAL] + [
            rng.choice(list(CompetenceKind)) for _ in range(rng.randint(1, 3))
        ]
        base = completion or self.today
        actions = []
        for kind in kinds:
            what, who, result = rng.choice(texts.ACTIONS)
            deadline = base + timedelta(days=rng.randint(60, 240))
            progress = []
            if completion:
                for step in range(rng.randint(0, 3)):
                    when = completion + timedelta(days=40 * (step + 1))
                    if when < self.today:
                        progress.append(ProgressUpdate(date=when, progress=min(5, step * 2 + 1), note="Loopt goed."))
            actions.append(
                PopAction(
                    id=self.new_id(),
                    what=what,
                    who_helps=who,
                    deadline=deadline,
                    result=result,
                    kind=kind,
                    competence=rng.choice(texts.COMPETENCES),
                    area=rng.choice([*ActionArea, None]),
                    career_competence=rng.choice([*CareerCompetence, None]),
                    smart=SmartFields(specific=what, measure=result) if rng.random() < 0.4 else SmartFields(),
                    progress=progress,
                )
            )
        items = lambda low, high: [  # noqa: E731
            PopItem(id=self.new_id(), text=text, kind=rng.choice(list(CompetenceKind)), source="hand")
            for text in texts.some(rng, texts.CONCLUSIONS, low, high)
        ]
        return self.save(
            tx,
            PopDocument(
                id=self.new_id(),
                created_at=self.stamp(base - timedelta(days=14)),
                employee_id=employee.id,
                trajectory_id=trajectory.id,
                status=PopStatus.FINAL if completion else PopStatus.DRAFT,
                finalised_on=completion,
                uploaded_on=base + timedelta(days=rng.randint(1, 20)) if uploaded else None,
                uploaded_by=coach.full_name if uploaded else "",
                wat_wil_ik=items(1, 3),
                wat_kan_ik=items(2, 4),
                ontwikkelpunten=items(1, 3),
                goal=rng.choice(("", "Doorgroeien naar ploegleider", "Vast werk in het NEC binnen twee jaar")),
                actions=actions,
            ),
        )

    def evaluations(
        self, tx: Transaction, trajectory: Trajectory, previous: Trajectory, pop: PopDocument, day: date
    ) -> None:
        for action in pop.actions:
            progress = self.rng.randint(0, 5)
            self.save(
                tx,
                ActionEvaluation(
                    id=self.new_id(),
                    created_at=self.stamp(day),
                    employee_id=trajectory.employee_id,
                    trajectory_id=trajectory.id,
                    previous_trajectory_id=previous.id,
                    action_id=action.id,
                    action_what=action.what,
                    progress=progress,
                    carry_over=progress < 5 and self.rng.random() < 0.5,
                    remark="" if progress == 5 else self.rng.choice(("Nog bezig.", "Geen tijd gevonden.")),
                ),
            )


def workday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def generate(
    path: Path,
    employees: int,
    years: int,
    *,
    seed: int = 2026,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Counts:
    """Write a new database in ``path`` (missing or empty) and return what was written."""
    generator = Generator(employees, years, seed, today or date.today())
    database = Database.create(path, actor="bench")
    with database.transaction() as tx:
        core = generator.core(tx)
        people = generator.employees(tx, core)
    batch = max(EMPLOYEES_PER_TRANSACTION, len(people) // 40)
    for first in range(0, len(people), batch):
        with database.transaction() as tx:
            for employee in people[first : first + batch]:
                generator.dossier(tx, employee, core)
        if progress:
            done = min(len(people), first + batch)
            progress(f"{done}/{len(people)} employees, {generator.counts.total} records")
    return generator.counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the new database folder")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--force", action="store_true", help="replace an existing poptui database in --db")
    parser.add_argument("--quiet", action="store_true")
    options = parser.parse_args()
    if options.db.exists() and any(options.db.iterdir()):
        if not (options.force and (options.db / "poptui-db.json").exists()):
            parser.error(f"{options.db} is not empty (use --force to replace a poptui database)")
        shutil.rmtree(options.db)
    began = time.perf_counter()

    def say(line: str) -> None:
        if not options.quiet:
            print(f"  {time.perf_counter() - began:6.1f} s  {line}", file=sys.stderr, flush=True)

    counts = generate(options.db, options.employees, options.years, seed=options.seed, progress=say)
    elapsed = time.perf_counter() - began
    size = sum(file.stat().st_size for file in options.db.rglob("*") if file.is_file())
    print(
        f"{counts.total} records for {options.employees} employees over {options.years} years "
        f"in {elapsed:.1f} s, {size / 1e6:.0f} MB ({options.db})"
    )
    for name, count in sorted(counts.by_type.items()):
        print(f"  {name:<26} {count:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
