"""Bad input everywhere: random values at every model and at the employee import.

Every failure must be a Dutch validation message (never a traceback), and
nothing is saved from input that fails.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import poptui.models as models
from poptui.models.errors import field_errors
from poptui.models.methods import METHOD_RECORD_CLASSES
from poptui.store import Database, layout

pytestmark = pytest.mark.slow  # a soak: `pytest -m "not slow"` leaves it out of the everyday loop

ENGLISH = ("Input should", "Field required", "Value error", "validation error", "Extra inputs")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "31/02/2026",
            "2026-13-01",
            "12:99",
            "gehouden",
            "afgerond",
            "laag",
            "hand",
            "\x1b[2J",
            "=1+1",
            "0" * 300,
            "é" * 3000,
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)
MODELS: list[type[BaseModel]] = [
    *[record_type for record_type in models.RECORD_TYPES if record_type is not models.MethodRecordBase],
    *METHOD_RECORD_CLASSES.values(),
    models.PopItem,
    models.PopAction,
    models.SmartFields,
    models.ProgressUpdate,
    models.BetweenStep,
]


def _employee_shards(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in layout.shard_files(root, "employees")}


def _documents(model: type[BaseModel]) -> st.SearchStrategy[dict]:
    names = list(model.model_fields)
    return st.dictionaries(st.sampled_from(names + ["onbekend_veld"]), values, max_size=len(names) + 1)


def _assert_dutch(error: ValidationError, model: type[BaseModel]) -> None:
    problems = field_errors(error, model)
    assert problems
    for problem in problems:
        assert problem.message and not any(word in problem.message for word in ENGLISH), problem


@pytest.mark.parametrize("model", MODELS, ids=[model.__name__ for model in MODELS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_values_give_dutch_messages(model: type[BaseModel], data: st.DataObject) -> None:
    document = data.draw(_documents(model))
    try:
        model.model_validate(document)
    except ValidationError as error:
        _assert_dutch(error, model)


@pytest.mark.parametrize("key", ["²", "٣", "1"])
def test_a_key_that_looks_like_a_number_in_a_nested_place_gives_a_dutch_message(key: str) -> None:
    """Found by the test above: "²" is a digit to ``str.isdigit`` but not to ``int``, and naming the
    place ("smart" plus the key) crashed instead of saying what is wrong."""
    with pytest.raises(ValidationError) as error:
        models.PopAction.model_validate({"smart": {key: None}})
    _assert_dutch(error.value, models.PopAction)


@settings(max_examples=60, deadline=None)
@given(document=_documents(models.ContactMoment))
def test_method_union_and_refusal_saves_nothing(document: dict) -> None:
    try:
        models.method_record_adapter.validate_python(document)
    except ValidationError as error:
        _assert_dutch(error, None)


@pytest.fixture(scope="module")
def import_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, models.Organisation]:
    database = Database.create(tmp_path_factory.mktemp("import") / "db", actor="tester")
    return database, database.save(models.Organisation(name="Atelier"))


cells = st.one_of(st.text(max_size=30), st.sampled_from(["", "31/02/2026", "ja", "nee", "hoog", "\x1b[2J", "=cmd"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(cells, min_size=0, max_size=7), max_size=6),
    header=st.permutations(
        ["Voornaam", "Achternaam", "Functie", "Werkvloerbegeleider", "Reflectievermogen", "Toestemming", "Extra"]
    ),
)
def test_employee_import_refuses_bad_rows_in_dutch(
    import_db,
    rows: list[list[str]],
    header: list[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    import_employees = pytest.importorskip("poptui.services.import_employees")
    from poptui.services.import_table import ImportFileError

    database, organisation = import_db
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    path = Path(tmp_path_factory.mktemp("csv")) / "werknemers.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    before = _employee_shards(database.path)
    try:
        result = import_employees.prepare_import(database, path, organisation)
    except ImportFileError as error:
        assert str(error) and not any(word in str(error) for word in ENGLISH)
        return
    for row in result.refused:
        assert row.reason and not any(word in row.reason for word in ENGLISH)
    after = _employee_shards(database.path)
    assert after == before  # a preview saves nothing
