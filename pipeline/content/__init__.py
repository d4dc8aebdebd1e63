"""The content model: a posting read and written as its editor wrote it (``document``,
``front_matter``), the tree of every language's postings (``tree``), and the caches that spare
a run parsing what it parsed before (``parse_cache``, ``scan_cache``)."""
