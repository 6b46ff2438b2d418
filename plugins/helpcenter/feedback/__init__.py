"""Reader feedback: the article widget's wiring, the vote collector (ASGI app + storage), export and report."""
