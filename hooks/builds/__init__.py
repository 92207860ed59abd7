"""How one `mkdocs build` or `mkdocs serve` makes every language: the language workers, where
each build writes, and what happens at the end (or on a failure). Knows nothing of any site's pages."""
