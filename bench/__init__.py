"""The benchmark harness: ``python -m bench`` (``make bench``).

It generates a deterministic bilingual corpus (``bench.corpus``), builds the same corpus as a
Hugo site when ``hugo`` is on the PATH (``bench.hugo``), and times the pipeline's stages as
whole processes (``bench.measure``, ``bench.run``), printing a Markdown table and writing JSON
(``bench.results``). Benchmarks never run in ``make test``; the harness's own tests do.
"""
