"""The aggregated table: encodings, delimiters and a German report by line."""

from __future__ import annotations

import pytest

from teilhabe.monitoring.errors import UploadRejected
from teilhabe.monitoring.tables import read_counts

KNOWN = {"0101", "0102"}


def test_header_semicolon_utf8_bom():
    data = "\ufeffGebiet;Merkmal;Ausprägung;Anzahl\n0101;population;total;1.234\n".encode()
    table = read_counts(data, district_codes=KNOWN)
    assert table.problems == []
    assert table.counts == {("0101", "population", "total"): 1234}
    assert (table.encoding, table.delimiter) == ("utf-8", ";")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_and_latin1_with_comma(encoding):
    data = "Gebiet,Merkmal,Ausprägung,Anzahl\n0102,sex,w,17\n".encode(encoding)
    table = read_counts(data, district_codes=KNOWN)
    assert table.counts == {("0102", "sex", "w"): 17}
    assert table.delimiter == ","
    assert table.encoding == "cp1252"  # Latin-1 letters are the same bytes in Windows-1252


def test_latin1_only_bytes():
    data = b"0101;citizenship;TUR;5\n0101;sex;w;\x81\n"  # 0x81 is undefined in cp1252
    table = read_counts(data, district_codes=KNOWN)
    assert table.encoding == "latin-1"
    assert table.counts == {("0101", "citizenship", "TUR"): 5}


def test_every_bad_row_is_reported():
    data = (
        "0101;population;total;100\n"
        "9999;population;total;5\n"
        "0102;population;total;-3\n"
        "0102;sex;w;zwölf\n"
        "0102;sex;m;2,5\n"
        "0101;population;total;100\n"
        "0102;unknown;x;1\n"
        "0102;sex;q;1\n"
        "0102;sex\n"
        "0102;sex;d;\n"
    ).encode()
    table = read_counts(data, district_codes=KNOWN)
    report = [str(problem) for problem in table.problems]
    assert report == [
        "Zeile 2, Spalte „district_code“: Unbekanntes Gebiet „9999“ "
        "(kein Gebiet der untersten Ebene).",
        "Zeile 3, Spalte „count“: Die Anzahl -3 ist negativ.",
        "Zeile 4, Spalte „count“: „zwölf“ ist keine Zahl.",
        "Zeile 5, Spalte „count“: „2,5“ ist keine ganze Zahl.",
        "Zeile 6: Diese Zelle steht schon in Zeile 1.",
        "Zeile 7, Spalte „characteristic“: Unbekanntes Merkmal „unknown“.",
        "Zeile 8, Spalte „category“: Unbekannte Ausprägung „q“ des Merkmals „sex“.",
        "Zeile 9: Die Zeile hat 2 Spalten statt 4 (Gebiet, Merkmal, Ausprägung, Anzahl).",
        "Zeile 10, Spalte „count“: Die Anzahl fehlt.",
    ]
    assert table.invalid_lines == 9
    assert table.counts == {("0101", "population", "total"): 100}


def test_empty_and_binary_files_are_refused():
    with pytest.raises(UploadRejected):
        read_counts(b"  \n", district_codes=KNOWN)
    with pytest.raises(UploadRejected):
        read_counts(b"\x00\x01", district_codes=KNOWN)
