"""Stage 5, check: the content, the catalogs and the built site validated (``stage``), the
built site read back (``crawl``) and audited (``audit``), every image and file a document
names resolved (``references``), the language of each text told (``language``)."""
