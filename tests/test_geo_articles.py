"""Reading articles: the header, the body offsets, and every kind of bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.articles import (
    ARTICLES_DIR,
    ARTICLES_ENV,
    MAX_ARTICLE_BYTES,
    articles_dir,
    format_article,
    load_articles,
    parse_article,
    read_article,
    save_article,
)
from geo.errors import ArticleError
from tests.conftest import SEED

SHIPPED_SEED = ARTICLES_DIR / SEED.name
GOOD = "title: T\nsource: Wire\nurl: https://example.org/a\npublished: 2025-11-26\n\nBody text.\n"


def test_seed_article_reads_with_its_header() -> None:
    article = read_article(SEED)
    assert article.title.startswith("US-led coalition")
    assert (article.source, article.published) == ("Rudaw", date(2025, 11, 26))
    assert article.url == "https://www.rudaw.net/english/middleeast/iraq/261120252"
    assert article.body.startswith("ERBIL, Kurdistan Region - ")
    assert article.id == SEED.stem


def test_seed_ships_in_data_articles_as_in_the_tests_folder() -> None:
    assert SHIPPED_SEED.read_bytes() == SEED.read_bytes()


def test_seed_matches_the_shared_reference_copy() -> None:
    reference = Path(__file__).resolve().parents[2] / "shared/reference/articles" / SEED.name
    if not reference.exists():
        pytest.skip("shared/ reference folder not beside this checkout")
    assert SEED.read_bytes() == reference.read_bytes()


def test_articles_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ARTICLES_ENV, str(tmp_path))
    assert articles_dir() == tmp_path
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert [a.id for a in load_articles()[0]] == ["a"]
    monkeypatch.delenv(ARTICLES_ENV)
    assert articles_dir() == ARTICLES_DIR


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_missing_folder_or_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "nowhere"
    if kind == "file":
        target.write_text(GOOD, encoding="utf-8")
    with pytest.raises(ArticleError, match="does not exist" if kind == "missing" else "a file"):
        load_articles(target)


def test_url_is_optional_and_crlf_is_normalised() -> None:
    article = parse_article(b"title: T\r\nsource: S\r\npublished: 2024-01-02\r\n\r\nLine one.\r\n")
    assert article.url is None
    assert article.body == "Line one."


def test_round_trip_through_format_article() -> None:
    article = parse_article(GOOD)
    again = parse_article(format_article(article))
    assert (again.title, again.source, again.url, again.published, again.body) == (
        article.title,
        article.source,
        article.url,
        article.published,
        article.body,
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"Just a body with no header at all.", "no blank line after the header"),
        (b"title: T\npublished: 2025-11-26\n\nBody", "lacks source"),
        (b"title: T\nsource: S\npublished: 26/11/2025\n\nBody", "not YYYY-MM-DD"),
        (b"title: T\nauthor: X\nsource: S\npublished: 2025-11-26\n\nBody", "header line 2"),
        (b"title: T\nsource: S\npublished: 2025-11-26\n\n  \n", "no body"),
        (b"\xff\xfe\x00t\x00i\x00t", "not UTF-8"),
        (b"title: T\nsource: S\npublished: 2025-11-26\n\n\x00\x01\x02\x03binary", "binary"),
        (b"title: caf\xe9\nsource: S\npublished: 2025-11-26\n\nBody", "not UTF-8"),
    ],
)
def test_bad_articles_raise_a_clear_error(raw: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article(raw, name="upload.txt")


def test_oversized_text_is_refused_before_parsing() -> None:
    with pytest.raises(ArticleError, match="over the 1,000,000-byte limit"):
        parse_article(b"x" * (20 * 1024 * 1024))


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: 1 MB on paper, nothing on disk
    with pytest.raises(ArticleError, match=r"huge\.txt: 1,000,001 bytes"):
        read_article(path)


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    articles, problems = load_articles(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [p.path.name for p in problems] == ["b.txt"]
    assert "b.txt" in problems[0].message


def test_save_writes_atomically_and_never_overwrites(tmp_path: Path) -> None:
    article = parse_article(GOOD)
    path = save_article(article, tmp_path)
    assert read_article(path).body == "Body text."
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left behind
    with pytest.raises(ArticleError, match="already exists"):
        save_article(article, tmp_path)


def test_save_leaves_nothing_when_the_write_fails(tmp_path: Path) -> None:
    article = parse_article(GOOD)
    bad = type(article)(
        id=article.id,
        title=article.title,
        source=article.source,
        published=article.published,
        body="\udcff unencodable",
    )
    with pytest.raises(UnicodeEncodeError):
        save_article(bad, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_markup_is_kept_as_text_not_interpreted() -> None:
    article = parse_article(GOOD.replace("Body text.", "<script>alert(1)</script> in Erbil."))
    assert article.body == "<script>alert(1)</script> in Erbil."


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>x</script>",
        "file:///etc/passwd",
        "https:no-host",
        "example.org/a",
    ],
)
def test_a_url_that_is_not_http_is_refused(url: str) -> None:
    with pytest.raises(ArticleError, match="not an http\\(s\\) address"):
        parse_article(GOOD.replace("https://example.org/a", url), name="a.txt")


def test_http_and_https_urls_are_kept() -> None:
    for url in ("http://example.org/a", "HTTPS://Example.org/a?b=1"):
        assert parse_article(GOOD.replace("https://example.org/a", url)).url == url
