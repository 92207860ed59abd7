"""MkDocs hooks: content features (placeholder)."""
