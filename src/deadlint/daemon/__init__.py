"""The warm worker: a per-user background process that keeps deadlint loaded.

``client`` (standard library only) is what every ``deadlint check`` and
``deadlint sendmail`` runs first; ``server`` is the worker itself; ``command``
is ``deadlint daemon status|stop``. See docs/daemon.md.
"""
