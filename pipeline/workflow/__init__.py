"""What translators and reviewers run: ``status``, ``review`` pages, ``approve``, and the
``preview`` server."""
