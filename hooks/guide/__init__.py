"""This guide's own features, each switched on and pointed at its page in mkdocs.yml (`extra:`):
the help page and its helplines, the safety notice, chapter numbers and cards, reading time, the
quick exit and the contact link (`options.GuideOptions`)."""
