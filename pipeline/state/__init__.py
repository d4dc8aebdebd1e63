"""What runs remember and compare: the fingerprints of inputs and the stat records of files
(``fingerprints``), and what the last run read and wrote (``manifest``)."""
