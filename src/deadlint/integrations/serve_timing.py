"""Where one ``deadlint serve`` request spends its time, for ``--log-timings``.

A request passes these marks, in this order (a request that needs no check,
such as GET /health or a 400, skips ``queue`` and ``check``):

- ``wait``: from accepting the connection until the request's first bytes are
  taken (a later request on a kept-alive connection starts there: 0);
- ``read``: the request line, headers and body arrive and are parsed;
- ``queue``: waiting for a free checker process (no ``queue`` nor ``check``
  for an answer given again from the cache: ``cache=hit``);
- ``check``: the round trip to the checker: sending the draft, the check
  itself (``worker``, timed inside the checker) and the answer coming back;
- ``write``: the answer is encoded and written to the socket.

``total`` runs from accepting to the last byte written: the service time the
server gives a request. A client also sees its own connection set-up and its
time to read the answer, which is why bench_serve.py prints both.
"""

from __future__ import annotations

import time

PHASES = ("wait", "read", "queue", "check", "write")


class RequestTiming:
    def __init__(self, accepted: float):
        self.accepted = accepted
        self.marks: dict[str, float] = {}
        self.worker: float | None = None  # seconds the check took inside the checker process
        self.cache_hit = False  # answered from serve_cache, without a check

    def mark(self, phase: str) -> None:
        """``phase`` ends now."""
        self.marks[phase] = time.perf_counter()

    def line(self, status: int) -> str:
        """``timing status=200 total=3.10 wait=0.04 ... worker=2.01`` (milliseconds)."""
        fields = [f"status={status}", f"total={self._ms(self.accepted, max(self.marks.values(), default=self.accepted))}"]
        previous = self.accepted
        for phase in PHASES:
            if phase in self.marks:
                fields.append(f"{phase}={self._ms(previous, self.marks[phase])}")
                previous = self.marks[phase]
        if self.worker is not None:
            fields.append(f"worker={self.worker * 1000:.2f}")
        if self.cache_hit:
            fields.append("cache=hit")
        return "timing " + " ".join(fields)

    @staticmethod
    def _ms(start: float, end: float) -> str:
        return f"{(end - start) * 1000:.2f}"
