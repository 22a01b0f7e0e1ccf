"""``deadlint lsp``: a language server over stdio for plain text, Markdown and e-mail buffers.

Diagnostics are published on open, change and save (full document sync: drafts
are short); each finding with a safe replacement gets a quick fix that writes
the suggested deadline over the vague phrase. pygls is imported here only, so
the core installs and runs without it (``pip install 'deadlint[lsp]'``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import click

from deadlint import __version__
from deadlint.findings import SEVERITIES

try:
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer
except ImportError:  # pragma: no cover - only without the extra
    types = LanguageServer = None

logger = logging.getLogger(__name__)  # logging goes to stderr: stdout carries the protocol

# deadlint severity -> name of the LSP DiagnosticSeverity member.
_SEVERITY = {"error": "Error", "warning": "Warning", "info": "Information"}


@dataclass(frozen=True)
class QuickFix:
    diagnostic: types.Diagnostic
    replacement: str


def build_server(checker) -> LanguageServer:
    """A server bound to one loaded ``deadlint.service.Checker``."""
    from deadlint.integrations.lsp_lint import buffer_kind, lint_buffer
    from deadlint.integrations.lsp_positions import LineIndex

    server = LanguageServer("deadlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    # The last lint of each open buffer's fixes: code actions answer from it
    # rather than trusting the client to echo diagnostics' data back.
    fixes: dict[str, list[QuickFix]] = {}

    def publish(uri: str, diagnostics: list, version: int | None = None) -> None:
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def lint(uri: str) -> None:
        document = server.workspace.get_text_document(uri)
        kind = buffer_kind(uri, document.language_id)
        if kind is None:
            return
        text = document.source
        index = LineIndex(text)
        units = document.position_codec.client_num_units  # UTF-16 unless the client chose otherwise

        def lsp_range(start: int, end: int) -> types.Range:
            return types.Range(types.Position(*index.position(start, units)),
                               types.Position(*index.position(end, units)))

        try:
            placed = lint_buffer(checker, uri, kind, text)
        except Exception as exc:  # one odd buffer must not take the editor's linter down
            logger.exception("cannot check %s", uri)
            server.window_log_message(types.LogMessageParams(types.MessageType.Error, f"deadlint: {uri}: {exc}"))
            return
        diagnostics, buffer_fixes = [], []
        for item in placed:
            f = item.finding
            diagnostic = types.Diagnostic(
                range=lsp_range(item.start, item.end),
                message=f.message + (f"\nsuggestion: {f.suggestion}" if f.suggestion else ""),
                severity=getattr(types.DiagnosticSeverity, _SEVERITY[f.severity]),
                code=f.rule,
                source="deadlint",
            )
            diagnostics.append(diagnostic)
            if item.exact and f.replacement is not None:
                buffer_fixes.append(QuickFix(diagnostic, f.replacement))
        fixes[uri] = buffer_fixes
        publish(uri, diagnostics, document.version)

    @server.feature(types.INITIALIZED)
    def initialized(_params: types.InitializedParams) -> None:
        # A broken deadlint.yaml falls back to the defaults; say so where the user looks.
        for problem in checker.problems:
            server.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"deadlint: {problem}"))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        # Findings of a closed draft would linger in the editor's problem list.
        fixes.pop(params.text_document.uri, None)
        publish(params.text_document.uri, [])

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        only = params.context.only
        if only and not any(types.CodeActionKind.QuickFix.startswith(kind) for kind in only):
            return []
        uri = params.text_document.uri
        return [
            types.CodeAction(
                title=f"Replace with “{fix.replacement}”",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[fix.diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(fix.diagnostic.range, fix.replacement)]}),
            )
            for fix in fixes.get(uri, [])
            if _overlaps(fix.diagnostic.range, params.range)
        ]

    return server


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


@click.command("lsp")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False),
              help="Policy file merged over rules.yaml (default: found from the working directory).")
@click.option("--min-severity", type=click.Choice(SEVERITIES), help="Report findings at or above this level.")
def command(config: Path | None, min_severity: str | None) -> None:
    """Run the language server over stdio (for editors; needs the 'lsp' extra)."""
    if LanguageServer is None:
        raise click.ClickException("the language server needs pygls: pip install 'deadlint[lsp]'")
    from deadlint.service import Checker

    # Load the rules and language models before the editor's first buffer, so the
    # first diagnostics come as fast as the rest.
    checker = Checker(config, min_severity=min_severity)
    checker.warm_up()
    build_server(checker).start_io()
