"""Read news articles: a small header (title, source, url, published), a blank line, the body.

Article text is untrusted: it is kept verbatim here and escaped wherever it reaches HTML.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from geo.errors import ArticleError

# Not geo.layers_io.DATA_DIR: reading articles must not import geopandas (`posture-map extract`).
ARTICLES_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"
# The folder the app and CLI read by default; tests point it at their own corpus.
ARTICLES_ENV = "POSTURE_MAP_ARTICLES"
MAX_ARTICLE_BYTES = 1_000_000  # a long feature is ~50 kB; anything near 1 MB is not an article
HEADER_FIELDS = ("title", "source", "url", "published")
REQUIRED_FIELDS = ("title", "source", "published")
_HEADER_LINE = re.compile(r"^([A-Za-z_]+):[ \t]*(.*)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One article: its header fields and its body, the text claims' offsets point into."""

    id: str
    title: str
    source: str
    published: date
    body: str
    url: str | None = None
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class ArticleProblem:
    """An article file that could not be read, kept so the others still load."""

    path: Path
    message: str


def parse_article(raw: bytes | str, *, name: str = "pasted article") -> Article:
    """Parse an article's bytes or text; raise ArticleError naming what is wrong and the fix."""
    text = _decode(raw, name)
    if not text.strip():
        raise ArticleError(f"{name}: the article is empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head, sep, body = text.partition("\n\n")
    if not sep:
        raise ArticleError(
            f"{name}: no blank line after the header; an article starts with "
            "'title:', 'source:', 'url:' (optional) and 'published: YYYY-MM-DD' "
            "lines, then a blank line, then the body"
        )
    fields = _header(head, name)
    body = body.strip("\n")
    if not body.strip():
        raise ArticleError(f"{name}: the article has a header but no body text")
    published = _date(fields["published"], name)
    url = _url(fields.get("url") or "", name)
    return Article(
        id=_article_id(name, published, body),
        title=fields["title"],
        source=fields["source"],
        url=url,
        published=published,
        body=body,
    )


def read_article(path: Path) -> Article:
    """Read one article file (size-checked before it is read)."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(_too_large(path.name, size))
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror})") from exc
    article = parse_article(raw, name=path.name)
    return Article(
        id=path.stem,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published,
        body=article.body,
        path=path,
    )


def articles_dir() -> Path:
    """The articles folder: $POSTURE_MAP_ARTICLES when set, else data/articles."""
    configured = os.environ.get(ARTICLES_ENV, "").strip()
    return Path(configured).expanduser() if configured else ARTICLES_DIR


def check_articles_dir(directory: Path) -> Path:
    """The folder itself, or an ArticleError saying it is missing or is a file."""
    if not directory.exists():
        raise ArticleError(f"articles folder {directory} does not exist")
    if not directory.is_dir():
        raise ArticleError(f"{directory} is a file, not a folder of article .txt files")
    return directory


def folder_signature(directory: Path | None = None) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of each article file: changes when a file is dropped in."""
    folder = directory if directory is not None else articles_dir()
    try:
        return tuple(
            (p.name, s.st_size, s.st_mtime_ns)
            for p in sorted(folder.glob("*.txt"))
            for s in [p.stat()]
        )
    except OSError:
        return ()


def load_articles(
    directory: Path | None = None,
) -> tuple[list[Article], list[ArticleProblem]]:
    """Every `*.txt` article in a folder, oldest first; a bad file is reported, not fatal.

    The folder defaults to `articles_dir()`; a missing folder, or a file in its place, raises
    ArticleError (an empty map from a typo would look like "no reporting").
    """
    folder = check_articles_dir(directory if directory is not None else articles_dir())
    articles: list[Article] = []
    problems: list[ArticleProblem] = []
    for path in sorted(folder.glob("*.txt")):
        try:
            articles.append(read_article(path))
        except ArticleError as exc:
            problems.append(ArticleProblem(path, str(exc)))
    articles.sort(key=lambda a: (a.published, a.id))
    return articles, problems


def format_article(article: Article) -> str:
    """The file form of an article, as `parse_article` reads it back."""
    lines = [f"title: {article.title}", f"source: {article.source}"]
    if article.url:
        lines.append(f"url: {article.url}")
    lines.append(f"published: {article.published.isoformat()}")
    return "\n".join(lines) + "\n\n" + article.body + "\n"


def save_article(article: Article, directory: Path | None = None) -> Path:
    """Write an article into the folder atomically (temp file + rename): never half a file."""
    directory = check_articles_dir(directory if directory is not None else articles_dir())
    stem = f"{article.published.isoformat()}_{_slug(article.source)}_{_slug(article.title)[:48]}"
    target = directory / f"{stem.strip('_-')}.txt"
    if target.exists():
        raise ArticleError(f"{target.name} already exists in {directory}; nothing was written")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".article-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(format_article(article))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _decode(raw: bytes | str, name: str) -> str:
    try:
        size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    except UnicodeEncodeError as exc:  # pasted text can carry a lone surrogate half
        raise ArticleError(
            f"{name}: not valid Unicode text (lone surrogate at position "
            f"{exc.start}); paste the article as plain text"
        ) from exc
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(_too_large(name, size))
    if isinstance(raw, str):
        text = raw
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"{name}: not UTF-8 text (invalid byte at position {exc.start}); "
                "save the article as UTF-8 plain text"
            ) from exc
    if "\x00" in text or _control_share(text) > 0.01:
        raise ArticleError(f"{name}: looks like a binary file, not plain text")
    return text.lstrip("\ufeff")


def _control_share(text: str) -> float:
    sample = text[:10_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)


def _header(head: str, name: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for number, line in enumerate(head.split("\n"), start=1):
        match = _HEADER_LINE.match(line.strip())
        if not match or match.group(1).lower() not in HEADER_FIELDS:
            raise ArticleError(
                f"{name}: header line {number} ({line[:60]!r}) is not one of "
                f"{', '.join(f + ':' for f in HEADER_FIELDS)}"
            )
        fields[match.group(1).lower()] = match.group(2).strip()
    missing = [f for f in REQUIRED_FIELDS if not fields.get(f)]
    if missing:
        raise ArticleError(f"{name}: the header lacks {', '.join(missing)}")
    return fields


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ArticleError(f"{name}: published date {value!r} is not YYYY-MM-DD") from exc


def _url(value: str, name: str) -> str | None:
    """An http(s) address with a host, or None when absent: a javascript: link never ships."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ArticleError(
            f"{name}: url {value[:80]!r} is not an http(s) address; give the article's web "
            "address (https://...) or leave the url: line out"
        )
    return value


def _too_large(name: str, size: int) -> str:
    return (
        f"{name}: {size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one "
        "article; paste the article text only"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "article"


def _article_id(name: str, published: date, body: str) -> str:
    digest = hashlib.sha1(body.encode("utf-8")).hexdigest()[:8]
    return f"{published.isoformat()}_{_slug(Path(name).stem)[:40]}_{digest}"
