"""Site search with Pagefind: one static, chunked index per language, built after the pages.

Every language gets its own Pagefind bundle at `<site>/pagefind/<code>/`, made from that language's
pages only (`bundles`), by one run of Pagefind's binary per language (`indexer`); `mkdocs serve`
re-indexes the languages whose sources changed, in the background (`serve`). A page offers its
topics to Pagefind as a filter, in its own language (`topics`). The browser side is
`overrides/partials/search.html` and `overrides/assets/search.js`.
"""
