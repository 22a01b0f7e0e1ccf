"""Answers ``deadlint serve`` may give again without checking again.

An answer is reused only for a request identical in everything the answer
depends on: the draft (text, or the raw message's bytes), its language and
kind, the reference time, and the policy and rule packs the server loaded.
A request without ``now`` is checked against the clock at the moment it
arrives, so its answer is never reused; a raw message's Date header is in
its bytes, but one without a usable Date falls back to the clock too, so a
raw message is reused only when it came with ``now`` as well.

The cache lives in the serve process, is bounded in bytes (least recently
used answers go first) and is emptied when the server stops: a server started
on another policy or after upgrading a pack starts empty.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict

from deadlint import __version__
from deadlint.integrations.serve_request import CheckRequest

DEFAULT_CACHE_MB = 16


class AnswerCache:
    def __init__(self, identity: bytes, max_bytes: int):
        self.identity = identity
        self.max_bytes = max_bytes
        self.size = 0
        self._answers: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()  # handler threads look up and store at once

    def key(self, request: CheckRequest, encoded: bytes) -> bytes | None:
        """The key of ``request`` (``encoded``: it pickled), or None if its answer must not be reused."""
        return None if request.now is None else self.identity + encoded

    def get(self, key: bytes) -> bytes | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: bytes, answer: bytes) -> None:
        cost = len(key) + len(answer)
        if cost > self.max_bytes // 8:  # one huge draft must not flush everything else
            return
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = answer
            self.size += cost
            while self.size > self.max_bytes:
                old_key, old_answer = self._answers.popitem(last=False)
                self.size -= len(old_key) + len(old_answer)


def checker_identity(checker) -> bytes:
    """A digest of what a Checker's answers depend on besides the request: deadlint's
    version, the version of every rule pack it loaded, its merged policy and minimum severity."""
    packs = sorted((dist.project_name, dist.version)
                   for _, dist in checker.linter.ruleset.manager.list_plugin_distinfo())
    # A Checker pickles as its merged policy and minimum severity (see deadlint.service).
    return hashlib.sha256(pickle.dumps((__version__, packs, checker))).digest()
