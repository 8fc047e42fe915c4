"""Curation: from a new article to reviewed facts (sources, extraction, tie sheets, review)."""
