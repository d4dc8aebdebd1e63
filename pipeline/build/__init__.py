"""Stage 4, build: the site planned (``plan``, pure), keyed (``keys``), rendered (``render``,
``templates``, ``markdown``, ``urls``) and written (``stage``)."""
