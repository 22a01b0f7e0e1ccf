"""Stage 5: rules, gathered from pluggy plugins.

Phrase rules take their data from language packs (YAML); rules that need
logic implement ``Rule.check``. See ``hookspec.py`` for the plugin hooks.
"""

import pluggy

hookimpl = pluggy.HookimplMarker("deadlint")

__all__ = ["hookimpl"]
