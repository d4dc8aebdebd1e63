"""Stage 5, check: the content, the catalogs and the built site validated (``stage``), the
built site audited (``audit``), the language of each text told (``language``)."""
