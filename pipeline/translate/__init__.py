"""Stage 2, translate: drafts in every other site language, through engines, a translation
memory and markup-safe masking."""
