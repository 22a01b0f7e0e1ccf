"""Audits of whole archives (years of mbox files and helpdesk exports) on Dask.

``partitions`` cuts the archive into parts a worker reads on its own,
``dask_audit`` checks the parts with one linter per worker, and ``results``
writes and reads the findings (JSON Lines or Parquet) that ``deadlint report``
turns into a page.
"""
