"""YAML loading that remembers the line of every key, for one-line config errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from deadlint.sources.model import FileProblem, read_regular
from deadlint.yamlguard import LOADER, HostileYAML, check_expansion

Lines = dict[tuple, int]
MAX_CONFIG_BYTES = 1024 * 1024  # a policy is a few kB; this refuses /dev/zero and its like


class ConfigError(ValueError):
    """One line: the file, the line and what is wrong."""


def load_with_lines(path: Path) -> tuple[Any, Lines]:
    """Parse a YAML file into plain data plus {key path: 1-based line}."""
    try:
        text = read_regular(path, MAX_CONFIG_BYTES, "config file").decode("utf-8")
    except FileProblem as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        check_expansion(text)
    except HostileYAML as exc:
        raise ConfigError(f"{path}:{exc.line}: refused: {exc.problem}") from None
    except yaml.YAMLError:
        pass  # the loader below reports it with its line
    loader = LOADER(text)
    try:  # compose once: the node tree gives the lines, constructing it gives the data
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    finally:
        loader.dispose()
    lines: Lines = {}
    if node is not None:
        _record_lines(node, (), lines)
    return ({} if data is None else data), lines


def _record_lines(node: yaml.Node, key_path: tuple, lines: Lines) -> None:
    lines.setdefault(key_path, node.start_mark.line + 1)  # a key keeps its own line, not its value's
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            lines[(*key_path, key)] = key_node.start_mark.line + 1
            _record_lines(value_node, (*key_path, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, (*key_path, i), lines)
