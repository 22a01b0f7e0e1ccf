"""``deadlint serve``: a local HTTP JSON service for mail-client add-ins.

POST /check with a raw message (message/rfc822, application/octet-stream) or
JSON {"text"|"raw", "language", "now", "kind"}; GET /health. The requests are
parsed in ``serve_http``, served by the event loop in ``serve_loop`` and
checked on the processes of ``serve_pool``; this module binds, warms up and
shuts down.
"""

from __future__ import annotations

import ipaddress
import signal
import socket
import sys
from pathlib import Path

import click

from deadlint.findings import SEVERITIES
from deadlint.integrations.serve_cache import DEFAULT_CACHE_MB
from deadlint.integrations.serve_http import DEFAULT_MAX_BYTES
from deadlint.integrations.serve_loop import CheckServer
from deadlint.integrations.serve_pool import DEFAULT_TIME_LIMIT_S

DEFAULT_PORT = 8787


def resolve(host: str, port: int) -> tuple[socket.AddressFamily, tuple, list[str]]:
    """The family and address to bind, and every address the name stands for."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, address = infos[0]
    return family, address, [info[4][0] for info in infos]


def is_loopback(addresses: list[str]) -> bool:
    return all(ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses)


def make_server(host: str, port: int, *, allow_remote: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES, log_requests: bool = False,
                log_timings: bool = False) -> CheckServer:
    try:
        family, address, addresses = resolve(host, port)
    except socket.gaierror as exc:
        raise click.BadParameter(f"cannot resolve {host!r}: {exc.strerror}", param_hint="--host") from None
    # Drafts are confidential and the service has no authentication: only
    # programs on this machine may reach it unless the user says otherwise.
    if not is_loopback(addresses):
        if not allow_remote:
            raise click.BadParameter(f"{host!r} is not a loopback address; add --allow-remote to listen on it "
                                     "(anyone who can reach it can read what it is sent)", param_hint="--host")
        click.echo(f"deadlint serve: warning: listening on {host}, which is not a loopback address, and the "
                   "service has no authentication: anyone who can reach it can send it drafts", err=True)
    return CheckServer(address[:2], family=family, max_bytes=max_bytes, log_requests=log_requests,
                       log_timings=log_timings)


def serve_until_signalled(server: CheckServer) -> None:
    """Serve until SIGTERM or SIGINT, then stop accepting, let the requests in
    flight finish and return."""
    previous = {sig: signal.signal(sig, lambda *_: server.stop()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.serve()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on; 0 picks a free one (printed on stderr).")
@click.option("--allow-remote", is_flag=True, help="Allow a --host that is not a loopback address.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest request body accepted (413 above it).")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Policy file merged over rules.yaml.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), help="Report findings at or above this level.")
@click.option("--log-requests", is_flag=True, help="Log every request on stderr.")
@click.option("--log-timings", is_flag=True,
              help="Log where each request's time went (wait, read, queue, check, write; ms) on stderr.")
@click.option("--workers", type=click.IntRange(min=1), help="Checker processes (default: one per core).")
@click.option("--cache-mb", type=click.FloatRange(min=0), default=DEFAULT_CACHE_MB, show_default=True,
              help="Memory for answers given again to identical requests that carry \"now\" (0: none).")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=DEFAULT_TIME_LIMIT_S, show_default=True,
              metavar="SECONDS", help="Longest a request may take; over it, the answer is 503.")
def command(host, port, allow_remote, max_bytes, config, min_severity, log_requests, log_timings, workers,
            cache_mb, time_limit) -> None:
    """Serve checks over HTTP on 127.0.0.1 for mail-client add-ins."""
    from deadlint.integrations.serve_cache import AnswerCache, checker_identity
    from deadlint.integrations.serve_pool import CheckPool
    from deadlint.integrations.serve_request import load_checker
    from deadlint.parallel import default_jobs

    try:
        # Bind first: a bad --host or a taken port fails before the slow warm-up.
        server = make_server(host, port, allow_remote=allow_remote, max_bytes=max_bytes,
                             log_requests=log_requests, log_timings=log_timings)
    except OSError as exc:
        click.echo(f"deadlint: error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    checker = load_checker(config, min_severity)
    cache = AnswerCache(checker_identity(checker), int(cache_mb * 1024 * 1024)) if cache_mb else None
    server.pool = CheckPool(checker, workers or default_jobs(), server.selector, time_limit, cache)
    bound_host, bound_port = server.server_address[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    # Tests and scripts wait for this line; with --port 0 it is the only way to learn the port.
    click.echo(f"deadlint serve: listening on http://{shown}:{bound_port}", err=True)
    try:
        serve_until_signalled(server)
    finally:
        server.pool.close()
        server.server_close()
    click.echo("deadlint serve: stopped", err=True)
