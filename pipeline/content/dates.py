"""Dates of front matter: as written, as read, as written back.

A date an editor wrote (``2020-05-27``, ``2020-05-27 14:10:53``, with or without an offset)
is loaded as a ``WrittenDate`` or ``WrittenDatetime``: a ``datetime.date`` (or ``datetime``)
that remembers its text, so that saving a document writes it back as it was
(``front_matter``'s dumper). ``parse_date`` reads any of them as an aware datetime in the
site's zone, the way Jekyll does; ``written_date`` and ``normalized_date`` make the form the
pipeline writes (ISO 8601 with an offset). A written date pickles as the plain date and its
text (``_rebuild``): that is all the parse cache's unpickler lets through.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from pipeline.errors import describe


class WrittenDatetime(dt.datetime):
    """A datetime that remembers how it was written, so saving writes it back unchanged."""

    text: str

    @classmethod
    def of(cls, value: dt.datetime, text: str | None = None) -> WrittenDatetime:
        """``value`` as a written datetime; ``text`` defaults to ISO 8601 with a ``T``."""
        made = cls(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            tzinfo=value.tzinfo,
            fold=value.fold,
        )
        made.text = text if text is not None else value.isoformat()
        return made

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (
            _rebuild,
            (
                dt.datetime(
                    self.year,
                    self.month,
                    self.day,
                    self.hour,
                    self.minute,
                    self.second,
                    self.microsecond,
                    self.tzinfo,
                ),
                getattr(self, "text", None),
            ),
        )


class WrittenDate(dt.date):
    """A date (no time of day) that remembers how it was written."""

    text: str

    @classmethod
    def of(cls, value: dt.date, text: str | None = None) -> WrittenDate:
        """``value`` as a written date; ``text`` defaults to ISO 8601."""
        made = cls(value.year, value.month, value.day)
        made.text = text if text is not None else value.isoformat()
        return made

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_rebuild, (dt.date(self.year, self.month, self.day), getattr(self, "text", None)))


def _rebuild(value: dt.date, text: str | None) -> dt.date:
    # One made from a written date by arithmetic (``replace``, ``astimezone``) is of the same
    # class but was never written: it comes back as a plain one.
    if text is None:
        return value
    if isinstance(value, dt.datetime):
        return WrittenDatetime.of(value, text)
    return WrittenDate.of(value, text)


def parse_date(value: Any, timezone: str) -> dt.datetime:
    """A front matter date as an aware datetime in ``timezone``.

    Dates without a time are midnight and times without an offset are local to ``timezone``,
    as Jekyll reads them. Raises ``ValueError`` with a message for the user.

    >>> parse_date("2020-05-27", "Europe/Stockholm").isoformat()
    '2020-05-27T00:00:00+02:00'
    >>> utc = dt.datetime(2024, 1, 27, 23, tzinfo=dt.timezone.utc)
    >>> parse_date(utc, "Europe/Stockholm").isoformat()
    '2024-01-28T00:00:00+01:00'
    """
    zone = zoneinfo.ZoneInfo(timezone)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            if re.match(r"\d{4}-\d\d-\d\d", value.strip()):
                raise ValueError(f"date '{value}' is not a possible date") from None
            raise ValueError(
                f"date '{value}' is not a date in ISO 8601 (like 2020-05-27T14:10:53+02:00)"
            ) from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone)
    raise ValueError(f"date must be a date, not {describe(value)}")


def written_date(value: dt.datetime) -> WrittenDatetime:
    """``value`` as the pipeline writes dates: ISO 8601 with its offset, no zero fraction.

    >>> written_date(dt.datetime(2020, 5, 27, 14, 10, 53, tzinfo=dt.timezone.utc)).text
    '2020-05-27T14:10:53+00:00'
    """
    spec = "seconds" if value.microsecond == 0 else "microseconds"
    return WrittenDatetime.of(value, value.isoformat(timespec=spec))


def normalized_date(
    value: Any, timezone: str, read_in: str | None = None
) -> WrittenDate | WrittenDatetime:
    """The normalized form of a valid front matter date (see ``parse_date``), in ``timezone``.

    ``read_in`` is the zone of a date without an offset, if not ``timezone`` (a Jekyll site's).

    >>> normalized_date("2021-02-03 10:00", "Europe/Stockholm", "America/New_York").text
    '2021-02-03T16:00:00+01:00'
    """
    parsed = parse_date(value, read_in or timezone)
    return written_date(parsed.astimezone(zoneinfo.ZoneInfo(timezone)))
