"""Stage 3, i18n: the UI strings of the templates, extracted, updated, compiled and counted
(``stage``), in catalogs that live where ``catalogs`` says."""
