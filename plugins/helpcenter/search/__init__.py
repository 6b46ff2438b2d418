"""Search: one index per locale, segmentation per locale, synonyms writers edit, a prebuilt lunr index."""
