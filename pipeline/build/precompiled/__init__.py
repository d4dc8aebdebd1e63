"""The site's templates (``pipeline/templates/``) as Jinja2 compiles them, one module each,
made by ``make templates`` (``pipeline.build.templates.precompile``) and committed: a build takes
a template's code from here when its source is the one the module was made from, instead of
compiling it (see ``pipeline.build.templates._Compiled``). The modules are not imported."""
