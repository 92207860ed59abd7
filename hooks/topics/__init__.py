"""Hashtag topics: the registry, the chips on pages, the topics index and a page per topic, in
every language. Configured by `extra.topics` (default `data/topics.yml`); a site without a registry
has no topics."""
