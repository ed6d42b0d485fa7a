"""manage.py snapshot_import."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from teilhabe.core.tests.factories import BodyFactory
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring.models import Snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    body = BodyFactory(slug="musterstadt")
    DistrictFactory(body=body, code="Q1")
    return body


def test_imports_a_register_extract(body, tmp_path, capsys):
    path = tmp_path / "extract.csv"
    path.write_text("person_id;district_code;year_of_birth;sex;citizenships\n1;Q1;1980;w;TUR\n")
    call_command("snapshot_import", str(path), "--body", "musterstadt", "--date", "2024-12-31")
    out = capsys.readouterr().out
    assert "übernommen (Auszug aus dem Melderegister, Sperrung kleiner Fallzahlen)" in out
    snapshot = Snapshot.objects.get()
    assert (snapshot.source, snapshot.protection) == ("register", "suppression")


def test_a_register_extract_protected_by_the_cell_key_method(body, tmp_path, capsys):
    path = tmp_path / "extract.csv"
    path.write_text("person_id;district_code;year_of_birth;sex;citizenships\n1;Q1;1980;w;TUR\n")
    call_command(
        "snapshot_import",
        str(path),
        "--body",
        "musterstadt",
        "--date",
        "2024-12-31",
        "--protection",
        "cellkey",
    )
    assert "(Auszug aus dem Melderegister, Cell-Key-Methode)" in capsys.readouterr().out
    assert Snapshot.objects.get().protection == "cellkey"


def test_the_cell_key_method_is_refused_for_an_aggregated_table(body, tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("Q1;population;total;5\n")
    with pytest.raises(CommandError, match="nur für einen Auszug aus dem Melderegister"):
        call_command(
            "snapshot_import",
            str(path),
            "--body",
            "musterstadt",
            "--date",
            "2024-12-31",
            "--protection",
            "cellkey",
        )
    assert not Snapshot.objects.exists()


def test_reports_problems_and_writes_nothing(body, tmp_path, capsys):
    path = tmp_path / "table.csv"
    path.write_text("Q1;population;total;x\n")
    with pytest.raises(CommandError, match="nichts übernommen"):
        call_command(
            "snapshot_import",
            str(path),
            "--body",
            "musterstadt",
            "--date",
            "2024-12-31",
            "--kind",
            "aggregated",
        )
    assert "Zeile 1, Spalte „count“: „x“ ist keine Zahl." in capsys.readouterr().err
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body", "nirgendwo", "--date", "2024-12-31"], "gibt es nicht"),
        (["--body", "musterstadt", "--date", "31.12.2024"], "kein Datum"),
    ],
)
def test_bad_arguments(body, tmp_path, args, message):
    path = tmp_path / "t.csv"
    path.write_text("Q1;population;total;5\n")
    with pytest.raises(CommandError, match=message):
        call_command("snapshot_import", str(path), *args)
