"""Stage 1, ingest: postings from files, folders and Jekyll sites (``sources``) into
``content/<lang>/``, validated and normalized (``stage``)."""
