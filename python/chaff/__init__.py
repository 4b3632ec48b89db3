"""chaff: article text from web pages, and scraper-farm copies of wire stories flagged.

The same library as the ``chaff`` command line, compiled into this package (Rust, PyO3):

>>> import chaff
>>> page = chaff.extract(open("page.html", "rb").read())
>>> page["title"], page["text"][:60]
>>> index = chaff.WireIndex("wire.db")
>>> index.add([{"id": "ap-1", "agency": "AP", "published": "2024-01-27", "text": "..."}])
>>> chaff.score(html, index=index)["flagged"]

Every call releases the GIL while it works, so threads scale with cores. Bad input raises a
subclass of :class:`chaff.Error` whose message is what the CLI would print. The records are
the JSON objects the CLI prints: ``extract`` gives what ``chaff extract --jsonl`` gives,
``score`` one line of ``chaff score --jsonl``.

``python -m chaff.spark score ...`` runs the verdict over WARC files on Spark.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _chaff
from ._chaff import (
    DecodeError,
    Error,
    InputError,
    ModelError,
    StoryError,
    WireIndexError,
)

__version__: str = _chaff.__version__

__all__ = [
    "extract",
    "score",
    "WireIndex",
    "Error",
    "DecodeError",
    "InputError",
    "ModelError",
    "StoryError",
    "WireIndexError",
    "__version__",
]

Html = Union[str, bytes]
Fetched = Union[str, int, float, _dt.datetime, _dt.date, None]
PathLike = Union[str, "_os.PathLike[str]"]


def _fetched(fetched: Fetched) -> Union[str, int, None]:
    """An instant as the library takes it: unix seconds or an ISO-8601 string."""
    if fetched is None or isinstance(fetched, (str, int)):
        return fetched
    if isinstance(fetched, float):
        return int(fetched)
    if isinstance(fetched, _dt.datetime):
        if fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=_dt.timezone.utc)
        return int(fetched.timestamp())
    if isinstance(fetched, _dt.date):
        return fetched.isoformat()
    raise InputError(f"fetched: {fetched!r} is not a date, a datetime, unix seconds or an ISO-8601 string")


def _html(html: Html) -> Html:
    if isinstance(html, (str, bytes)):
        return html
    if isinstance(html, (bytearray, memoryview)):
        return bytes(html)
    raise InputError(f"html must be str or bytes, not {type(html).__name__}")


def extract(html: Html, url: Optional[str] = None, blocks: bool = False) -> Dict[str, Any]:
    """The article of one page: ``{"title", "text"}``, plus ``"url"`` when given.

    ``html`` is the page as text, or as bytes (a file or an HTTP body: gzip, BOM, ``<meta
    charset>`` and detection are handled as ``chaff extract`` handles a file). With
    ``blocks=True`` the result also has ``"blocks"``: every block of the page in order, each
    ``{"text", "label": "body" | "boilerplate", "probability"}`` (the block model's body
    probability). The text is what ``chaff extract`` prints for the same page.

    Raises :class:`DecodeError` for bytes that are not a text page (binary, corrupt gzip).
    """
    return _json.loads(_chaff.extract_json(_html(html), url, blocks))


def score(
    html: Html,
    url: Optional[str] = None,
    index: Optional["WireIndex"] = None,
    fetched: Fetched = None,
) -> Dict[str, Any]:
    """The verdict on one page: is it a scraper-farm copy of a wire story, and why?

    Returns the fields of one line of ``chaff score --jsonl``: ``source`` (the url, or
    ``"-"``), ``flagged``, ``score`` (0..1), ``wire_match`` (``{"id", "agency",
    "similarity", "containment"}`` or None), ``reasons`` (``[{"code", "message", "weight"}]``,
    strongest first), ``title``, ``site``, ``declared_date``, ``byline``, ``cluster``
    (``{"size", "sites", "earliest_date"}``: a page scored alone is a cluster of one) and
    ``body``.

    ``index`` is a :class:`WireIndex` to match the body against. ``fetched`` is when the page
    was fetched (a datetime, a date, unix seconds or an ISO-8601 string): it dates relative
    times such as "17 hours ago".
    """
    raw = index._raw if index is not None else None
    return _json.loads(_chaff.score_json(_html(html), url, raw, _fetched(fetched)))


class WireIndex:
    """The wire index: one SQLite file of wire stories' fingerprints (never their text).

    ``WireIndex(path)`` opens the file, creating it when missing; ``WireIndex(path,
    read_only=True)`` opens an existing one for look-ups only (a missing file raises
    :class:`WireIndexError`), which is how ``chaff score --index`` and the Spark job open it.
    """

    def __init__(self, path: PathLike, read_only: bool = False) -> None:
        self._raw = _chaff.WireIndex(_os.fspath(path), read_only)

    @property
    def path(self) -> str:
        """The index file."""
        return str(self._raw.path)

    @property
    def read_only(self) -> bool:
        """Whether the index was opened for look-ups only."""
        return self._raw.read_only

    def add(self, stories: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
        """Add wire stories in one transaction.

        Each story is a mapping with ``id``, ``agency``, ``published`` (``YYYY-MM-DD``,
        optionally followed by a time), ``text`` and optionally ``title``: a line of the JSON
        Lines feeds ``chaff wire add`` reads. Every story is checked first; if any is invalid,
        nothing is added and :class:`StoryError` names each bad one by its position. A story
        whose id or normalised text is already indexed changes nothing.

        Returns ``{"added": n, "already_present": n, "errors": []}``.
        """
        if isinstance(stories, Mapping):
            stories = [stories]
        lines: List[str] = []
        for i, s in enumerate(stories):
            if not isinstance(s, Mapping):
                raise StoryError(f"stories[{i}]: not a story JSON object: {type(s).__name__}")
            lines.append(_json.dumps(dict(s), ensure_ascii=False, default=str))
        return _json.loads(self._raw.add_json(lines))

    def add_feeds(
        self,
        paths: Iterable[PathLike],
        agency: Optional[str] = None,
        published: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Add the stories of feed files as ``chaff wire add`` reads them: chaff JSON Lines,
        IPTC ninjs JSON, NewsML-G2 XML and HTML pages of stories (``agency`` and
        ``published`` then override what a page says).

        Bad items do not stop the others: they are listed in ``errors`` as the CLI prints
        them (``FILE:LINE: message``). Returns ``{"added", "already_present", "errors"}``.
        """
        if isinstance(paths, (str, bytes, _os.PathLike)):
            paths = [paths]
        return _json.loads(self._raw.add_feeds_json([_os.fspath(p) for p in paths], agency, published))

    def lookup(self, text: str) -> Optional[Dict[str, Any]]:
        """The wire story a body text holds most of, or None.

        ``{"id", "agency", "similarity", "containment", "published", "title",
        "body_in_story", "exact"}``, as ``chaff wire lookup`` prints under ``match``.
        """
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        return _json.loads(self._raw.lookup_json(text))

    def stats(self) -> Dict[str, Any]:
        """What the index holds: ``{"path", "stories", "agencies", "first_published",
        "last_published", "file_bytes"}``, as ``chaff wire stats --json`` prints it."""
        return _json.loads(self._raw.stats_json())

    def __repr__(self) -> str:
        return repr(self._raw)
