"""The holiday tables are cached on disk, and a damaged cache is rebuilt."""

from datetime import date

from deadlint.deadlines import calendar as cal


def test_holidays_come_from_the_disk_cache_on_the_next_run(tmp_path, monkeypatch):
    monkeypatch.setenv("DEADLINT_CACHE_DIR", str(tmp_path))
    cal._holidays.cache_clear()
    first = cal._holidays("SE", ("public", "de_facto"), 2026)
    (cached,) = tmp_path.glob("holidays-*-SE-public+de_facto-2026.json")
    cal._holidays.cache_clear()
    assert cal._holidays("SE", ("public", "de_facto"), 2026) == first
    assert first[date(2026, 6, 19)]  # midsommarafton
    cached.write_text("{not json", encoding="utf-8")
    cal._holidays.cache_clear()
    assert cal._holidays("SE", ("public", "de_facto"), 2026) == first
    cal._holidays.cache_clear()


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DEADLINT_CACHE_DIR", "")
    assert cal._cache_file("FI", ("public",), 2026) is None
