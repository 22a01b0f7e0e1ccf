"""Where users send from: pre-send hooks for mail clients, a local service, editors.

Each module defines a Click ``command`` that ``deadlint.cli.LazyGroup`` imports
only when it is run.
"""
