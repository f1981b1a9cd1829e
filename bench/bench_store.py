"""Store performance at the scale of DESIGN.md: 2,000 employees, five years (~100k records).

Builds the database once in a temporary folder (or --db PATH), then measures:
- saving a contact moment (one employee dossier), an employee (employees.json) and a trajectory
  (trajectories.json): p50 / p95 over --saves saves each;
- listing all employees (what the employee list screen loads);
- resident memory after loading the employee list.

Run: .venv/bin/python bench/bench_store.py  (about a minute on 2 cores)
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Level,
    MethodKind,
    Organisation,
    PopAction,
    PopDocument,
    SupervisorConsultation,
    Trajectory,
    TrajectoryStatus,
    VariantId,
    new_method_record,
)
from poptui.services import directory
from poptui.store import Database

EMPLOYEES = 2000


def build(database: Database, employees: int) -> int:
    rng = random.Random(7)
    organisations = [database.save(Organisation(name=f"Organisatie {n}")) for n in range(20)]
    count = 20
    start = date(2021, 1, 4)
    people = [
        Employee(
            first_name=f"Voornaam{n}",
            last_name=f"Achternaam{n}",
            organisation_id=rng.choice(organisations).id,
            function="Medewerker",
            reflection=rng.choice(list(Level)),
        )
        for n in range(employees)
    ]
    database.save_all(people)
    count += employees
    for person in people:
        with database.transaction() as tx:
            for year in range(2):
                begin = start + timedelta(days=365 * year * 2 + rng.randrange(300))
                trajectory = tx.save(
                    Trajectory(
                        employee_id=person.id,
                        variant=VariantId.BASIS,
                        reflection=Level.MEDIUM,
                        intensity=Level.MEDIUM,
                        status=TrajectoryStatus.COMPLETED,
                        start_date=begin,
                        completion_date=begin + timedelta(days=90),
                    )
                )
                count += 1
                for number in range(8):
                    tx.save(
                        ContactMoment(
                            employee_id=person.id,
                            trajectory_id=trajectory.id,
                            number=number,
                            status=ContactMomentStatus.HELD,
                            date=begin + timedelta(days=10 * number),
                            phase="analyse",
                            notes="Notities van het gesprek. " * 8,
                        )
                    )
                    count += 1
                for number in range(12):
                    tx.save(
                        new_method_record(
                            list(MethodKind)[number % 16],
                            employee_id=person.id,
                            trajectory_id=trajectory.id,
                            notes="Werkblad. " * 10,
                            conclusions=["Conclusie een", "Conclusie twee"],
                        )
                    )
                    count += 1
                tx.save(
                    SupervisorConsultation(
                        employee_id=person.id,
                        trajectory_id=trajectory.id,
                        date=begin,
                        does_well="Stipt",
                        does_less_well="Hulp vragen",
                    )
                )
                tx.save(
                    PopDocument(
                        employee_id=person.id,
                        trajectory_id=trajectory.id,
                        actions=[
                            PopAction(
                                what=f"Actie {n}",
                                who_helps="Begeleider",
                                deadline=begin + timedelta(days=200),
                                result="Resultaat",
                                kind="generiek",
                            )
                            for n in range(4)
                        ],
                    )
                )
                count += 2
    return count


def timed(action, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        out.append((time.perf_counter() - began) * 1000)
    return out


def report(name: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{name:<34} p50 {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="reuse or build the database here")
    parser.add_argument("--employees", type=int, default=EMPLOYEES)
    parser.add_argument("--saves", type=int, default=200)
    options = parser.parse_args()
    folder = options.db or Path(tempfile.mkdtemp(prefix="poptui-bench-")) / "db"
    if not (folder / "poptui-db.json").exists():
        began = time.perf_counter()
        records = build(Database.create(folder, actor="bench"), options.employees)
        print(
            f"built {records} records for {options.employees} employees in {time.perf_counter() - began:.1f} s ({folder})"
        )
    database = Database.open(folder, actor="bench")
    rng = random.Random(1)
    employee_ids = database.dossier_ids()

    def save_moment() -> None:
        employee_id = rng.choice(employee_ids)
        moment = database.list(ContactMoment, employee_id=employee_id)[0]
        database.save(moment.model_copy(update={"notes": moment.notes + "."}))

    moments = [
        database.list(ContactMoment, employee_id=some_id)[0] for some_id in rng.sample(employee_ids, options.saves)
    ]
    iterator = iter(moments)

    def save_loaded_moment() -> None:
        moment = next(iterator)
        database.save(moment.model_copy(update={"notes": moment.notes + "."}))

    employees = database.list(Employee)
    employee_iterator = iter(rng.sample(employees, options.saves))

    def save_employee() -> None:
        employee = next(employee_iterator)
        database.save(employee.model_copy(update={"function": "Gewijzigd"}))

    trajectories = database.list(Trajectory)
    trajectory_iterator = iter(rng.sample(trajectories, options.saves))

    def save_trajectory() -> None:
        trajectory = next(trajectory_iterator)
        database.save(trajectory.model_copy(update={"stop_reason": "Gewijzigd"}))

    report("save contact moment (dossier)", timed(save_loaded_moment, options.saves))
    report("save employee (employees.json)", timed(save_employee, options.saves))
    report("save trajectory (trajectories.json)", timed(save_trajectory, options.saves))
    report("load + save contact moment", timed(save_moment, 50))
    report("employee list (all employees)", timed(lambda: directory.employees(database), 20))
    report("trajectory list (all trajectories)", timed(lambda: database.list(Trajectory), 10))
    print(f"resident memory (max RSS) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
