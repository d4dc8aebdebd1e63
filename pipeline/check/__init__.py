"""Stage 5, check: the content, the catalogs and the built site validated (``stage``), the
built site audited (``audit``; ``served``: URLs in one form), every image and file a document
names resolved (``references``), the language of each text told (``language``)."""
