"""What a check request from a mail client is, and how it is answered.

``deadlint serve`` (HTTP) and ``deadlint native-host`` (Thunderbird) take the
same fields, so both read them here: a request is either ``text`` (a decoded
draft) or ``raw`` (a whole message: bytes, or base64 in JSON), with optional
``language``, ``now`` (ISO 8601) and ``kind``.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from deadlint.language import LANGUAGES

KINDS = ("text", "markdown")


class BadRequest(ValueError):
    """A request the client must fix; the message is safe to show to it."""


@dataclass(frozen=True)
class CheckRequest:
    text: str | None = None
    raw: bytes | None = None
    language: str | None = None
    now: datetime | None = None
    kind: str = "text"


def parse_options(fields: dict) -> dict:
    """``language``, ``now`` and ``kind`` from a JSON object or a query string."""
    language = fields.get("language")
    if language is not None and language not in LANGUAGES:
        raise BadRequest(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    now = fields.get("now")
    if now is not None:
        if not isinstance(now, str):
            raise BadRequest("now must be an ISO 8601 string such as 2026-11-20T10:00+02:00")
        try:
            now = datetime.fromisoformat(now)
        except ValueError:
            raise BadRequest(f"now: {now!r} is not an ISO 8601 time such as 2026-11-20T10:00+02:00") from None
        from deadlint.deadlines.calendar import reference_problem

        if problem := reference_problem(now):
            raise BadRequest(f"now: {problem}")
    kind = fields.get("kind") or "text"
    if kind not in KINDS:
        raise BadRequest(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return {"language": language, "now": now, "kind": kind}


def parse_json_request(obj: object) -> CheckRequest:
    """A decoded JSON request: exactly one of ``text`` or ``raw`` (base64)."""
    if not isinstance(obj, dict):
        raise BadRequest("the request must be a JSON object")
    text, raw = obj.get("text"), obj.get("raw")
    if (text is None) == (raw is None):
        raise BadRequest('give exactly one of "text" (a draft) or "raw" (a base64 message)')
    if text is not None and not isinstance(text, str):
        raise BadRequest('"text" must be a string')
    if text is not None:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # JSON's "\ud800" escape decodes to half a character
            raise BadRequest(f'"text" holds a lone surrogate at character {exc.start}, which is not text') from None
    if raw is not None:
        if not isinstance(raw, str):
            raise BadRequest('"raw" must be a base64 string')
        try:
            raw = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise BadRequest('"raw" is not valid base64') from None
    return CheckRequest(text=text, raw=raw, **parse_options(obj))


def answer(checker, request: CheckRequest) -> dict:
    """The findings JSON object (as ``deadlint check --format json`` prints)."""
    from deadlint.service import report_dict

    options = {"language": request.language, "now": request.now, "kind": request.kind}
    if request.raw is not None:
        report = checker.check_bytes(request.raw, **options)
    else:
        report = checker.check_text(request.text, **options)
    return report_dict(report)


def json_bytes(obj: dict) -> bytes:
    """An answer as ``deadlint serve`` sends it: UTF-8 JSON, non-ASCII as is."""
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def load_checker(config: Path | None, min_severity: str | None):
    """One warmed Checker for a long-running process; config problems go to stderr
    (the process keeps running on the defaults, as ``deadlint check`` does)."""
    from deadlint.service import Checker

    checker = Checker(config, min_severity=min_severity)
    for problem in checker.problems:
        print(f"deadlint: error: {problem}", file=sys.stderr)
    checker.warm_up()
    return checker
