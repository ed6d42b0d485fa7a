"""snapshot_import: all or nothing, one snapshot per date, aggregated or register."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from teilhabe.core.models import ChangeRecord
from teilhabe.core.tests.factories import BodyFactory
from teilhabe.districts.models import Level
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring.errors import (
    ImportedBodyReadOnly,
    NothingToImport,
    SnapshotDateTaken,
    SnapshotFileInvalid,
)
from teilhabe.monitoring.models import Count, Snapshot
from teilhabe.monitoring.selectors import snapshot_counts, snapshot_figures
from teilhabe.monitoring.services import snapshot_import

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 31)
TABLE = (
    "Gebiet;Merkmal;Ausprägung;Anzahl\n"
    "Q1;population;total;100\nQ1;sex;w;60\nQ1;sex;m;40\n"
    "Q2;population;total;50\nQ2;sex;w;20\nQ2;sex;m;30\n"
)
REGISTER = (
    "person_id;district_code;year_of_birth;sex;citizenships;country_of_birth\n"
    "1;Q1;1980;w;TUR;TUR\n2;Q1;1990;m;DEU;DEU\n3;Q2;2001;w;DEU|POL;POL\n"
)


@pytest.fixture
def body():
    body = BodyFactory()
    part = DistrictFactory(body=body, code="S1", level=Level.STADTTEIL)
    DistrictFactory(body=body, code="Q1", parent=part)
    DistrictFactory(body=body, code="Q2", parent=part)
    return body


def test_aggregated_table_is_written_with_its_history(body):
    result = snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode("cp1252"))
    snapshot = result.snapshot
    assert snapshot.source == "aggregated"
    assert result.cells == 6
    assert snapshot_counts(snapshot)[("sex", "w", "Q1")] == 60
    assert ChangeRecord.objects.filter(object_id=snapshot.pk, action="create").exists()
    shown = {(f.indicator, f.area): f.shown.text for f in snapshot_figures(snapshot)}
    assert shown[("women_share", "S1")] == "53,3\u00a0%"  # 80 of 150, the Stadtteil
    assert shown[("residents", "*")] == "150"


def test_rows_given_in_code(body):
    rows = [("Q1", "population", "total", 5), ("Q1", "sex", "w", 5)]
    result = snapshot_import(body=body, reference_date=DAY, rows_or_file=rows, kind="aggregated")
    assert result.cells == 2


def test_register_extract_detected_and_aggregated(body, tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(REGISTER)
    result = snapshot_import(body=body, reference_date=DAY, rows_or_file=path)
    assert result.snapshot.source == "register"
    counts = snapshot_counts(result.snapshot)
    assert counts[("population", "total", "Q1")] == 2
    assert counts[("citizenship_status", "german_further", "Q2")] == 1
    # from a file object too (a temporary copy DuckDB reads, deleted afterwards)
    other = snapshot_import(
        body=body, reference_date=DAY.replace(day=30), rows_or_file=io.BytesIO(REGISTER.encode())
    )
    assert other.snapshot.source == "register"


def test_a_date_is_taken_once(body):
    snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode())
    with pytest.raises(SnapshotDateTaken):
        snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode())
    assert Snapshot.objects.count() == 1


def test_invalid_rows_write_nothing_unless_skipped(body):
    bad = TABLE + "Q9;population;total;3\nQ2;sex;d;-1\n"
    with pytest.raises(SnapshotFileInvalid) as caught:
        snapshot_import(body=body, reference_date=DAY, rows_or_file=bad.encode())
    assert [p.line for p in caught.value.problems] == [8, 9]
    assert caught.value.invalid_lines == 2
    assert not Snapshot.objects.exists()
    assert not Count.objects.exists()
    result = snapshot_import(
        body=body, reference_date=DAY, rows_or_file=bad.encode(), skip_invalid=True
    )
    assert (result.cells, result.skipped_lines, len(result.problems)) == (6, 2, 2)


def test_register_rows_skipped_or_refused(body, tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(REGISTER + "4;Q1;2090;w;TUR;\n")
    with pytest.raises(SnapshotFileInvalid) as caught:
        snapshot_import(body=body, reference_date=DAY, rows_or_file=path)
    assert "Zeile 5, Spalte „year_of_birth“" in str(caught.value.problems[0])
    assert not Snapshot.objects.exists()
    result = snapshot_import(body=body, reference_date=DAY, rows_or_file=path, skip_invalid=True)
    assert snapshot_counts(result.snapshot)[("population", "total", "Q1")] == 2


def test_counts_that_do_not_add_up_are_refused(body):
    bad = TABLE.replace("Q1;sex;m;40", "Q1;sex;m;41")
    with pytest.raises(SnapshotFileInvalid) as caught:
        snapshot_import(body=body, reference_date=DAY, rows_or_file=bad.encode())
    assert "passen nicht zusammen" in caught.value.problems[0].message
    assert not Snapshot.objects.exists()


def test_a_stadtteil_code_is_not_a_leaf(body):
    with pytest.raises(SnapshotFileInvalid) as caught:
        snapshot_import(body=body, reference_date=DAY, rows_or_file=b"S1;population;total;5\n")
    assert "Unbekanntes Gebiet „S1“" in caught.value.problems[0].message


def test_nothing_valid_and_imported_body(body):
    with pytest.raises(NothingToImport):
        snapshot_import(
            body=body, reference_date=DAY, rows_or_file=b"Q9;sex;w;1\n", skip_invalid=True
        )
    body.oparl_source = "https://example.org/oparl/body/1"
    body.save()
    with pytest.raises(ImportedBodyReadOnly):
        snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode())


def test_progress_reports_each_step_in_order(body, tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(REGISTER, encoding="utf-8")
    seen: list[tuple[str, int]] = []
    snapshot_import(
        body=body,
        reference_date=DAY,
        rows_or_file=path,
        progress=lambda step, percent: seen.append((str(step), percent)),
    )
    assert seen == [("read", 0), ("count", 40), ("check", 80), ("write", 90)]
    seen.clear()
    snapshot_import(
        body=body,
        reference_date=DAY.replace(year=2023),
        rows_or_file=TABLE.encode(),
        progress=lambda step, percent: seen.append((str(step), percent)),
    )
    assert seen == [("read", 0), ("check", 80), ("write", 90)]  # a table is not counted
