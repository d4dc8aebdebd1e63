"""pipeline: Swedish postings in, reviewed English drafts out, a paired bilingual site built.

The stages are plain functions over a site root (see ``pipeline.cli`` for the order):
``ingest -> translate -> i18n -> build -> check``.
"""

__version__ = "0.1.0"
