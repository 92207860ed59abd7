"""MkDocs hooks: hashtag topics (placeholder until the topics land)."""
