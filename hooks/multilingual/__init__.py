"""The generic multilingual engine: languages, their builds' context, pages and fallbacks, notices,
switcher, alternates and sitemaps. It never names a page or a topic of a particular site."""
