"""Mail folders stream: memory stays flat however large the mbox is."""

from __future__ import annotations

import tracemalloc

from deadlint.sources import Source, iter_sources
from mail_builders import plain_message, reply_text


def mbox_entry() -> bytes:
    # Large messages (a 100 kB attachment each) keep the test quick under tracemalloc,
    # which slows the many small allocations of parsing a message several times over.
    message = plain_message(reply_text("fi"))
    message.add_attachment(bytes(range(256)) * 400, maintype="application", subtype="octet-stream", filename="log.bin")
    return b"From support@example.fi Fri Nov 20 09:00:00 2026\n" + bytes(message) + b"\n"


def peak_reading(path, entry: bytes, megabytes: int) -> tuple[int, int]:
    """(messages read, tracemalloc peak in bytes) for an mbox of about ``megabytes`` MB;
    fails unless every message written comes back as a Source."""
    count = megabytes * 1024 * 1024 // len(entry) + 1
    with path.open("wb") as stream:
        for _ in range(count):
            stream.write(entry)
    tracemalloc.start()
    try:
        read = sum(isinstance(source, Source) for source in iter_sources([str(path)]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        path.unlink()
    assert read == count
    return read, peak


def test_peak_memory_does_not_grow_with_the_mbox(tmp_path):
    entry = mbox_entry()
    small_read, small_peak = peak_reading(tmp_path / "small.mbox", entry, 2)
    big_read, big_peak = peak_reading(tmp_path / "big.mbox", entry, 20)
    print(f"\nmessage {len(entry) / 1024:.0f} KiB; peak {small_peak / 1024:.0f} KiB on 2 MB ({small_read} messages), "
          f"{big_peak / 1024:.0f} KiB on 20 MB ({big_read} messages)")
    # Flat: ten times the file, the same peak (one message and its parse), far below the file size.
    assert big_peak < small_peak * 1.25
    assert big_peak < 20 * 1024 * 1024 / 8
