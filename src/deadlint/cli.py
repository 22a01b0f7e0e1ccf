"""The ``deadlint`` command line (Click). Exit codes: 0 clean, 1 findings, 2 error."""

from __future__ import annotations

import importlib
import sys
from datetime import datetime
from pathlib import Path

import click

from deadlint import __version__
from deadlint.daemon.client import NO_DAEMON_FLAG
from deadlint.config import ConfigError, Policy, find_user_config, load_policy
from deadlint.findings import SEVERITIES
from deadlint.language import LANGUAGES
from deadlint.report import FORMATS, Report, locate, render
from deadlint.rules.deadline_rule import DeadlineRule
from deadlint.rules.patterns import compile_pattern
from deadlint.rules.phrases import PhraseDataError
from deadlint.rules.registry import RuleLoadError, RuleSet, plugin_manager

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# Read by deadlint.entry before Click runs; here so that Click accepts and documents it.
NO_DAEMON_HELP = "Check in this process, not through the warm worker (also DEADLINT_DAEMON=0)."


def _fail(message: str) -> None:
    click.echo(f"deadlint: error: {message}", err=True)


def _rule_ids(value: str | None) -> set[str]:
    return {part.strip() for part in (value or "").split(",") if part.strip()}


def parse_now(_ctx, _param, value: str | None) -> datetime | None:
    if value is None:
        return None
    from deadlint.deadlines.calendar import reference_problem

    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time such as 2026-11-20T10:00") from None
    if problem := reference_problem(moment):
        raise click.BadParameter(problem)
    return moment


# The warm worker (deadlint.daemon.warm) keeps rule sets between requests here; None in a one-off run.
ruleset_memo = None


def load_ruleset(config: Path | None) -> tuple[RuleSet, list[str]]:
    """The rule set and any problems met on the way; a broken user config falls back to the defaults."""
    user_file = config or find_user_config(Path.cwd())
    if ruleset_memo is not None:
        return ruleset_memo.get(user_file, _load_ruleset)
    return _load_ruleset(user_file)


def _load_ruleset(user_file: Path | None) -> tuple[RuleSet, list[str]]:
    problems: list[str] = []
    try:
        policy = load_policy(user_file)
    except ConfigError as exc:
        problems.append(str(exc))
        policy = load_policy(None)
    ruleset = RuleSet(plugin_manager(), policy)
    try:
        policy.check_rule_ids(set(ruleset.rules))
        policy.check_phrase_patterns(lambda pattern: compile_pattern(pattern, str.split))
    except ConfigError as exc:
        problems.append(str(exc))
        ruleset = RuleSet(ruleset.manager, load_policy(None))
    return ruleset, problems


class LazyGroup(click.Group):
    """Subcommands for integrations (mail hooks, servers) are imported only when
    run, so `deadlint check` does not pay for what a pre-send check never uses."""

    lazy_commands = {
        "sendmail": "deadlint.integrations.sendmail",
        "hook": "deadlint.integrations.hooks",
        "serve": "deadlint.integrations.serve",
        "native-host": "deadlint.integrations.native_host",
        "lsp": "deadlint.integrations.lsp",
        "audit": "deadlint.archive.dask_audit",
        "report": "deadlint.report.html",
        "daemon": "deadlint.daemon.command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands:
            return importlib.import_module(self.lazy_commands[name]).command
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        """A broken pack or phrase pattern is one line and exit 2, in every command."""
        try:
            return super().invoke(ctx)
        except (RuleLoadError, PhraseDataError) as exc:
            _fail(str(exc))
            sys.exit(EXIT_ERROR)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deadlint")
def main() -> None:
    """deadlint: flag vague promises in fi/sv/en drafts and suggest exact deadlines."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(LANGUAGES), help="Treat every draft as this language.")
@click.option("--now", callback=parse_now, metavar="ISO", help="Reference time (default: the draft's send time, else now).")
@click.option("--tz", metavar="ZONE", help="Office time zone for every language, e.g. Europe/Helsinki.")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Policy file merged over rules.yaml.")
@click.option("--select", metavar="RULE,...", help="Run only these rules.")
@click.option("--ignore", metavar="RULE,...", help="Skip these rules.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), help="Report findings at or above this level.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--include", multiple=True, metavar="GLOB", help="Files to check inside directories (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files to skip (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for many drafts (default: all cores).")
@click.option("--export-text", multiple=True, metavar="FIELD",
              help="Read JSON/YAML/CSV exports generically: the field(s) holding the text (repeatable).")
@click.option("--export-id", default="id", show_default=True, metavar="FIELD", help="With --export-text: the id field.")
@click.option("--export-title", default="title", show_default=True, metavar="FIELD",
              help="With --export-text: the title field.")
@click.option("--diff-base", metavar="REV", help="Check only drafts changed since this git revision (and new files).")
@click.option("--fix", is_flag=True, help="Write suggested deadlines into text and Markdown files.")
@click.option("--diff", "show_diff", is_flag=True, help="Show what --fix would change; write nothing.")
@click.option(NO_DAEMON_FLAG, is_flag=True, expose_value=False, help=NO_DAEMON_HELP)
def check(paths, lang, now, tz, config, select, ignore, min_severity, fmt, include, exclude, jobs,
          export_text, export_id, export_title, diff_base, fix, show_diff) -> None:
    """Check drafts: files, directories (recursive) or - for stdin."""
    from deadlint.engine import Linter
    from deadlint.parallel import check_all, default_jobs
    from deadlint.sources import ExportFields, SourceError, iter_sources

    ruleset, problems = load_ruleset(config)
    for problem in problems:
        _fail(problem)
    selected, ignored = _rule_ids(select), _rule_ids(ignore)
    for option, ids in (("--select", selected), ("--ignore", ignored)):
        unknown = sorted(ids - set(ruleset.rules))
        if unknown:
            problems.append(option)
            _fail(f"{option}: unknown rule id(s) {', '.join(unknown)} (see `deadlint rules`)")
    if tz:
        _check_timezone(tz)
    policy: Policy = ruleset.policy
    linter = Linter(ruleset, select=selected & set(ruleset.rules) or None, ignore=ignored,
                    min_severity=min_severity, language=lang, now=now, timezone=tz)
    report = Report()
    if diff_base:
        paths = _changed_paths(diff_base, paths, include or policy.include)
    export_fields = ExportFields(tuple(export_text), export_id, export_title) if export_text else None
    sources = iter_sources(paths, include=include or policy.include, exclude=exclude or policy.exclude,
                           max_bytes=int(policy.max_file_mb * 1024 * 1024), export_fields=export_fields)
    for result in check_all(linter, sources, jobs or default_jobs()):
        if isinstance(result, SourceError):
            report.errors.append(result)
            continue
        report.drafts += 1
        findings = result.findings
        if fix or show_diff:
            findings = _fix_or_diff(result.source, findings, write=fix and not show_diff, report=report)
        report.findings.extend(locate(result.source, f) for f in findings)
    if fmt == "text":
        for error in report.errors:
            _fail(str(error))
    if not show_diff:
        click.echo(render(fmt, report, rules=linter.rules, colour=sys.stdout.isatty()), nl=False)
    if problems or report.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.findings or report.fixable else EXIT_CLEAN)


def _changed_paths(base: str, paths: tuple[str, ...], include: tuple[str, ...]) -> list[str]:
    from deadlint.sources.gitdiff import GitError, changed_files
    from deadlint.sources.walk import DEFAULT_INCLUDE

    if "-" in paths:
        raise click.BadParameter("cannot be combined with stdin (-)", param_hint="--diff-base")
    try:
        return changed_files(base, list(paths), tuple(include) or DEFAULT_INCLUDE)
    except GitError as exc:
        _fail(f"--diff-base {base}: {exc}")
        sys.exit(EXIT_ERROR)


def _fix_or_diff(source, findings, *, write: bool, report: Report):
    """Apply (or print) the source's fixes; return the findings still open."""
    from deadlint.fix import FixRefused, apply_fixes, fixable, unified_diff, write_back
    from deadlint.sources import SourceError

    if not fixable(source):
        return findings
    new_text, fixed = apply_fixes(source.text, findings)
    if not fixed:
        return findings
    if not write:
        click.echo(unified_diff(source, new_text), nl=False)
        report.fixable += len(fixed)
        return findings
    try:
        write_back(Path(source.path), new_text, source.encoding, source.file_digest)
    except (OSError, UnicodeEncodeError, FixRefused) as exc:
        report.errors.append(SourceError(source.path, f"not fixed: {getattr(exc, 'strerror', None) or exc}"))
        return findings
    report.fixed += len(fixed)
    return [f for f in findings if f not in fixed]


def _check_timezone(tz: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone {tz!r}", param_hint="--tz") from None


@main.command()
@click.option("--explain", "explain_id", metavar="ID", help="Show one rule's documentation page.")
@click.option("--markdown", "markdown_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Write every rule's page, and an index, as Markdown into this directory.")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Policy file merged over rules.yaml.")
def rules(explain_id, markdown_dir, config) -> None:
    """List every rule and the pack it came from, or explain one."""
    from deadlint.rules.pages import as_text, rule_page

    ruleset, problems = load_ruleset(config)
    for problem in problems:
        _fail(problem)
    policy = ruleset.policy
    if explain_id:
        rule = ruleset.rules.get(explain_id)
        if rule is None:
            _fail(f"unknown rule id {explain_id!r} (see `deadlint rules`)")
            sys.exit(EXIT_ERROR)
        click.echo(as_text(rule_page(rule, policy)), nl=False)
    elif markdown_dir:
        _write_rule_pages(markdown_dir, [rule_page(rule, policy) for rule in ruleset.rules.values()])
    else:
        width = max(len(r) for r in ruleset.rules)
        for rule in ruleset.rules.values():
            state = "" if policy.rule_enabled(rule.id) else "  (disabled)"
            langs = ",".join(sorted(rule.languages)) or "all"
            click.echo(f"{rule.id:<{width}}  {policy.severity(rule.id, rule.severity):<7}  {rule.pack:<16}  "
                       f"[{langs}]  {rule.summary}{state}")
    sys.exit(EXIT_ERROR if problems else EXIT_CLEAN)


def _write_rule_pages(directory: Path, pages) -> None:
    from deadlint.rules.pages import as_markdown, index_markdown

    try:
        directory.mkdir(parents=True, exist_ok=True)
        for page in pages:
            (directory / f"{page.rule.id}.md").write_text(as_markdown(page), encoding="utf-8")
        (directory / "README.md").write_text(index_markdown(pages), encoding="utf-8")
    except OSError as exc:
        _fail(f"--markdown {directory}: {exc.strerror or exc}")
        sys.exit(EXIT_ERROR)
    click.echo(f"wrote {len(pages)} rule pages and README.md to {directory}")


@main.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the texts (default: detected).")
@click.option("--now", callback=parse_now, metavar="ISO", help="Reference time (default: now).")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Policy file merged over rules.yaml.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def when(texts, lang, now, config, fmt) -> None:
    """Show how deadline phrases resolve: date, time and the checks that fire."""
    import json

    from deadlint.deadlines import explain
    from deadlint.engine import Linter, as_aware
    from deadlint.language import detect
    from deadlint.rules.context import business_calendar
    from deadlint.sources import Source

    ruleset, problems = load_ruleset(config)
    for problem in problems:
        _fail(problem)
    policy = ruleset.policy
    # The checks come from the same deadline rules `check` runs, so both always agree.
    deadline_rules = {rule.id for rule in ruleset.rules.values() if isinstance(rule.check, DeadlineRule)}
    linter = Linter(ruleset, select=deadline_rules, min_severity="info")
    answers = []
    for text in texts:
        text_lang = lang or detect(text, policy.default_language)
        language_policy = policy.languages[text_lang]
        reference = as_aware(now or datetime.now().astimezone(), language_policy.timezone)
        answer = explain(text, text_lang, reference, business_calendar(language_policy))
        findings = linter.check(Source(path="<when>", text=text), now=reference, language=text_lang).findings
        answer["checks"] = [{"rule": f.rule, "severity": f.severity, "message": f.message} for f in findings]
        answers.append({"language": text_lang, **answer})
    if fmt == "json":
        click.echo(json.dumps(answers, ensure_ascii=False, indent=2))
    else:
        for answer in answers:
            click.echo(f"{answer['text']}  [{answer['language']}]")
            click.echo(f"    {answer['explanation']}")
            for check_ in answer["checks"]:
                click.echo(f"    {check_['severity']} {check_['rule']}: {check_['message']}")
    sys.exit(EXIT_ERROR if problems else EXIT_CLEAN)
