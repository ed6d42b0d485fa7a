"""The monitoring benchmark at a small size: the extract it generates is read without a
problem, and both measured steps run in their child processes.

Not collected by a plain `pytest` (the test paths are the apps); run `pytest bench`.
"""

from __future__ import annotations

from bench import monitoring_register as bench
from teilhabe.monitoring import register_csv


def test_the_generated_extract_has_the_register_format_and_is_cached(tmp_path):
    path = bench.generate(2000, tmp_path)
    _encoding, delimiter, names = register_csv.sniff(path)
    assert delimiter == ";"
    assert sorted(names) == sorted(register_csv.COLUMNS)
    lines = path.read_bytes().count(b"\n") - 1
    assert 1900 < lines < 2100
    districts = {line.split(";")[1] for line in path.read_text().splitlines()[1:]}
    assert districts == set(bench.leaves())
    assert len(districts) == 60
    modified = path.stat().st_mtime_ns
    assert bench.generate(2000, tmp_path) == path
    assert path.stat().st_mtime_ns == modified


def test_the_full_path_and_the_plain_group_by_are_measured(tmp_path):
    path = bench.generate(2000, tmp_path)
    full = bench.measure("full", path)
    plain = bench.measure("plain", path)
    lines = path.read_bytes().count(b"\n") - 1
    assert full["rows"] == plain["rows"] == lines
    assert full["figures"] > 1000
    assert full["cells"] > 1000
    assert full["seconds"] > 0
    assert full["peak_kib"] > 10_000
    text = bench.table(path, full, plain)
    assert "| full path" in text
    assert "Ratio full / plain" in text
