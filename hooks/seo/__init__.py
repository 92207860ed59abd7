"""What a page says about itself to other programs: Open Graph and JSON-LD for search engines and
link previews, and the Content-Security-Policy and referrer policy that browsers enforce."""
