"""Helpdesk macro exports -> one Source per macro, with lines in the export file.

Zendesk macros, Freshdesk canned responses, Help Scout saved replies and
Intercom macros are recognised by the fields their records carry; any other
JSON/YAML/CSV export is read in generic mode, where the caller names the text,
id and title fields. Every string value remembers the file line it stands on,
so a CI annotation lands on the macro's text. Macros are timeless templates:
their sources are marked ``timeless``.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from deadlint.sources.decode import DecodeError, decode_bytes
from deadlint.sources.html_text import html_to_text
from deadlint.sources.model import ExportFields, FileProblem, Source, SourceError, read_regular
from deadlint.yamlguard import HostileYAML, check_expansion

_HTML_TAG = re.compile(r"<(?:p|br|div|span|a|b|i|u|strong|em|ul|ol|li|table|tr|td|h[1-6]|blockquote)\b[^<>]*>",
                       re.IGNORECASE)


class FileString(str):
    """A string value of an export and the file line (1-based) where it stands.

    ``lines_follow``: each line of the value is the next line of the file (YAML
    ``|`` blocks, multi-line CSV fields). Otherwise every line of the value maps
    to ``line``, as in JSON, where a newline can only be written as an escape.
    """

    line: int
    lines_follow: bool
    column: int  # file column (1-based) where the text begins on its line; 0 when unknown

    def __new__(cls, value: str, line: int, lines_follow: bool = False, column: int = 0) -> FileString:
        string = super().__new__(cls, value)
        string.line, string.lines_follow, string.column = line, lines_follow, column
        return string

    def column_offsets(self, text_lines: list[str]) -> list[int]:
        """What to add to a column in each text line to get the file's column.

        JSON keeps a value on one file line, its newlines written as the two
        characters "\\n", so each text line starts after the ones before it.
        Other escapes ("\\u00e4") are not counted; YAML blocks are not mapped.
        """
        if not self.column or self.lines_follow:
            return [0] * len(text_lines)
        offsets, column = [], self.column - 1
        for line in text_lines:
            offsets.append(column)
            column += len(line) + 2
        return offsets

    def file_lines(self, count: int) -> list[int]:
        """The file line of each of the first ``count`` lines of this value."""
        return [self.line + (index if self.lines_follow else 0) for index in range(count)]


class ExportError(ValueError):
    """The export cannot be read; the message names the line where that is known."""


def read_export(path: Path, *, max_bytes: int, fields: ExportFields | None = None) -> Iterator[Source | SourceError]:
    name = str(path)
    try:
        text, _encoding = decode_bytes(read_regular(path, max_bytes))
        records = _records(_LOADERS[path.suffix.lower()](text))
        shape = _generic_shape(fields) if fields else _recognise(records)
    except (FileProblem, DecodeError, ExportError) as exc:
        yield SourceError(name, str(exc))
        return
    for record in records:
        source = _macro_source(name, record, shape)
        if source is not None:
            yield source


# -- loading, with the file line of every string value

class _LocatingDecoder(json.JSONDecoder):
    """json.loads, except that string values come back as FileStrings.

    The C scanner cannot be hooked, so this uses the pure-Python one; exports are
    small enough for that not to matter.
    """

    def __init__(self, text: str):
        super().__init__()
        newlines = [match.start() for match in re.finditer("\n", text)]

        def parse_string(source: str, end: int, strict: bool) -> tuple[FileString, int]:
            value, after = json.decoder.scanstring(source, end, strict)
            line = bisect.bisect_left(newlines, end)
            line_start = newlines[line - 1] + 1 if line else 0
            return FileString(value, line + 1, column=end - line_start + 1), after

        self.parse_string = parse_string
        self.parse_int = _parse_int
        self.scan_once = json.scanner.py_make_scanner(self)


def _parse_int(digits: str) -> int | str:
    """An integer; one too long for int() (Python refuses over 4,300 digits) stays
    its digits: in an export it can only be an id, never a number to compute with."""
    return int(digits) if len(digits) <= 4000 else digits


def _load_json(text: str) -> object:
    try:
        return _LocatingDecoder(text).decode(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ExportError("refused JSON: nested too deeply") from None


def _load_yaml(text: str) -> object:
    try:
        check_expansion(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except HostileYAML as exc:
        raise ExportError(f"refused YAML: {exc.problem} at line {exc.line}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ExportError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}{at}") from None
    return None if node is None else _from_yaml_node(node)


def _from_yaml_node(node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _from_yaml_node(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_from_yaml_node(value) for value in node.value]
    if node.tag.endswith(":null"):
        return None
    # A block scalar's text starts on the line after its "|" or ">" indicator.
    block = node.style in ("|", ">")
    return FileString(node.value, node.start_mark.line + 1 + block, lines_follow=node.style == "|")


def _load_csv(text: str) -> object:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header:
            return []
        records, line = [], reader.line_num
        for row in reader:
            field_line = line + 1  # the row starts after the lines read so far
            line = reader.line_num
            values = {}
            for key, value in zip(header, row):
                values[key] = FileString(value, field_line, lines_follow=True)
                field_line += value.count("\n")
            if values:
                records.append(values)
        return records
    except csv.Error as exc:
        raise ExportError(f"invalid CSV at line {reader.line_num}: {exc}") from None


_LOADERS: dict[str, Callable[[str], object]] = {
    ".json": _load_json, ".yaml": _load_yaml, ".yml": _load_yaml, ".csv": _load_csv,
}


def _records(data: object) -> list[dict]:
    """The list of macro records: the document itself, or the one list inside its wrapper
    object ({"macros": [...], "count": 3}, Intercom's {"type": "list", "data": [...]})."""
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        data = lists[0] if len(lists) == 1 else data
    if not isinstance(data, list) or not all(isinstance(record, dict) for record in data):
        raise ExportError(f"unknown export shape: expected a list of macro objects{_SHAPE_HINT}")
    if not data:
        raise ExportError("the export holds no macros")
    return data


# -- export shapes

@dataclass(frozen=True)
class _Shape:
    texts: Callable[[dict], list[FileString]]  # the record's reply text(s), in reading order
    id_field: str
    title_fields: tuple[str, ...]


def _lookup(record: dict, dotted: str) -> object:
    value: object = record
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _first_text(*fields: str) -> Callable[[dict], list[FileString]]:
    """The first of ``fields`` holding a string: plain text is preferred over its HTML twin."""
    def texts(record: dict) -> list[FileString]:
        for field in fields:
            value = _lookup(record, field)
            if isinstance(value, FileString) and value.strip():
                return [value]
        return []
    return texts


def _zendesk_texts(record: dict) -> list[FileString]:
    """Comment actions; a value is the text or ["channel:all", text]. Plain text wins over HTML."""
    by_field: dict[str, list[FileString]] = {"comment_value": [], "comment_value_html": []}
    for action in record.get("actions") or []:
        if not isinstance(action, dict) or action.get("field") not in by_field:
            continue
        value = action.get("value")
        if isinstance(value, list):
            value = next((part for part in reversed(value) if isinstance(part, FileString)), None)
        if isinstance(value, FileString) and value.strip():
            by_field[action["field"]].append(value)
    return by_field["comment_value"] or by_field["comment_value_html"]


# Each known shape and the fields that identify it, tried in order.
_SHAPES = (
    (("actions",), _Shape(_zendesk_texts, "id", ("title",))),
    (("content", "content_html"), _Shape(_first_text("content", "content_html"),
                                         "id", ("title",))),
    (("body_text", "body"), _Shape(_first_text("body_text", "body"), "id", ("name", "title"))),
    (("text",), _Shape(_first_text("text"), "id", ("name",))),
)
_SHAPE_HINT = (" (Zendesk macros, Freshdesk canned responses, Help Scout saved replies, Intercom macros),"
               " or name the text field for a generic export")


def _recognise(records: list[dict]) -> _Shape:
    for markers, shape in _SHAPES:
        if all(any(marker in record for marker in markers) for record in records):
            return shape
    keys = ", ".join(sorted(records[0])[:8])
    raise ExportError(f"unknown export shape: records have fields {keys}; expected{_SHAPE_HINT}")


def _generic_shape(fields: ExportFields) -> _Shape:
    def texts(record: dict) -> list[FileString]:
        values = (_lookup(record, field) for field in fields.text)
        return [value for value in values if isinstance(value, FileString) and value.strip()]
    return _Shape(texts, fields.id, (fields.title,) if fields.title else ())


# -- one macro -> one Source

def _macro_source(name: str, record: dict, shape: _Shape) -> Source | None:
    """The macro's reply text as a Source; None for macros that only set ticket fields."""
    texts = shape.texts(record)
    if not texts:
        return None
    macro_id = _lookup(record, shape.id_field)
    macro_id = macro_id if isinstance(macro_id, int) else str(macro_id)
    title = next((str(value) for field in shape.title_fields if (value := _lookup(record, field)) is not None), None)
    lines: list[str] = []
    numbers: list[int] = []
    columns: list[int] = []
    for value in texts:
        if lines:  # a blank line between the texts of one macro
            lines.append("")
            numbers.append(numbers[-1])
            columns.append(0)
        text_lines, file_lines, column_offsets = _value_lines(value)
        lines += text_lines
        numbers += file_lines
        columns += column_offsets
    return Source(path=name, text="\n".join(lines) + "\n", item=f"macro {macro_id}", line_numbers=numbers,
                  column_offsets=columns, meta={"macro_id": macro_id, "macro_title": title}, timeless=True)


def _value_lines(value: FileString) -> tuple[list[str], list[int], list[int]]:
    """The text lines of one value, the file line of each and its column offset;
    HTML values become text first (their columns are the converted text's)."""
    if _HTML_TAG.search(value):
        converted = html_to_text(value)
        text_lines = converted.text.rstrip("\n").split("\n")
        offsets = [number - 1 for number in converted.line_numbers]
        columns = [0] * len(text_lines)
    else:
        text_lines = value.rstrip("\n").split("\n")
        offsets = list(range(len(text_lines)))
        columns = value.column_offsets(text_lines)
    file_lines = value.file_lines(max(offsets) + 1)
    return text_lines, [file_lines[offset] for offset in offsets], columns
