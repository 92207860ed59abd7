"""overrides/partials/content.html stands in for the theme's partial of that name (Material's and
MaterialX's): where the theme's writes the page's title and content, ours writes the page's heading,
the page header, its text and the blocks under it (`page_layout.py`), and it includes the same
partials as the theme's. So it depends on the theme's templates in two places, checked once per build:
the theme's `content` block is that partial and nothing else, and the theme's partial is made of those
partials and the title and content ours replaces. A theme update that changes either fails the build,
naming the files, rather than lose the page header or a feature of the new partial without a word."""

from __future__ import annotations

import re

from jinja2 import Environment, FileSystemLoader, TemplateNotFound

from .errors import SiteInputError

CONTENT_PARTIAL = "partials/content.html"
OUR_PARTIALS = ("partials/page-header.html", "partials/page-footer.html")  # ours includes them, the theme's not

_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_INCLUDE = re.compile(r'\{%-?\s*include\s+"([^"]+)"\s*-?%\}')


def normalized(source: str) -> str:
    """A template's source without its comments, with every run of whitespace as one space."""
    return " ".join(_COMMENT.sub("", source).split())


def includes(source: str) -> set[str]:
    """The templates a template's source includes by name."""
    return set(_INCLUDE.findall(_COMMENT.sub("", source)))


# The theme's title and content (Material 9.8.1, MaterialX 10.2.2), which ours replaces.
THEME_TITLE_AND_CONTENT = normalized(
    '{% if "\\u003ch1" not in page.content %}\n'
    "  <h1>{{ page.title | d(config.site_name, true)}}</h1>\n"
    "{% endif %}\n"
    "{{ page.content }}"
)
# The theme's `content` block (in base.html), which overrides/main.html wraps.
THEME_CONTENT_BLOCK = normalized('{% block content %}\n  {% include "partials/content.html" %}\n{% endblock %}')


class ThemeMismatchError(SiteInputError):
    """The theme's templates no longer match what overrides/partials/content.html stands in for."""


def mismatches(theme_base: str, theme_content: str, ours: str) -> list[str]:
    """What, in the theme's base.html and partials/content.html, no longer matches our
    partials/content.html (`ours`); nothing when all matches."""
    found = []
    if THEME_CONTENT_BLOCK not in normalized(theme_base):
        found.append(f"the theme's base.html no longer has `{THEME_CONTENT_BLOCK}`, so ours may not be rendered")
    content = normalized(theme_content)
    if THEME_TITLE_AND_CONTENT not in content:
        found.append(f"the theme's {CONTENT_PARTIAL} no longer writes the title and content as `{THEME_TITLE_AND_CONTENT}`")
    else:
        rest = _INCLUDE.sub("", content.replace(THEME_TITLE_AND_CONTENT, "", 1)).strip()
        if rest:
            found.append(f"the theme's {CONTENT_PARTIAL} has more than includes and the title and content: `{rest}`")
    theirs, our_own = includes(theme_content), includes(ours)
    if theirs - our_own:
        found.append(f"the theme's {CONTENT_PARTIAL} includes {', '.join(sorted(theirs - our_own))}, ours does not")
    if our_own - theirs - set(OUR_PARTIALS):
        found.append(f"ours includes {', '.join(sorted(our_own - theirs - set(OUR_PARTIALS)))}, the theme's does not")
    if set(OUR_PARTIALS) - our_own:
        found.append(f"ours does not include {', '.join(sorted(set(OUR_PARTIALS) - our_own))}, "
                     "so the blocks our hooks put under the title and text would be lost")
    return found


def check_content_partial(env: Environment, theme_dirs: list[str], custom_dir: str | None) -> None:
    """Fail the build if the theme (the folders of `theme_dirs` but `custom_dir`) no longer matches
    the content partial the build renders (`env`'s, found in `custom_dir` first)."""
    theme = FileSystemLoader([folder for folder in theme_dirs if folder != custom_dir])
    try:
        ours, our_path, _ = env.loader.get_source(env, CONTENT_PARTIAL) if env.loader else ("", "", None)
        base, _, _ = theme.get_source(env, "base.html")
        content, theme_path, _ = theme.get_source(env, CONTENT_PARTIAL)
    except TemplateNotFound as missing:
        raise ThemeMismatchError(
            f"{missing.name} is in none of the theme folders ({', '.join(theme_dirs)}). The hooks need "
            "the theme `material` (or `materialx`) and `theme.custom_dir: overrides` in mkdocs.yml."
        ) from None
    if our_path == theme_path:
        raise ThemeMismatchError(
            f"The build renders the theme's own {theme_path}, which leaves out the blocks our hooks put "
            "under page titles. Keep `theme.custom_dir: overrides` in mkdocs.yml, or copy overrides/partials/ "
            "into your custom_dir."
        )
    found = mismatches(base, content, ours)
    if found:
        raise ThemeMismatchError(
            f"{our_path} stands in for the theme's {theme_path}, and they no longer match: {'; '.join(found)}. "
            f"Compare the two (after a theme update, see what changed in the theme's), update ours, and "
            "the check in hooks/multilingual/content_partial.py if the theme's title and content changed."
        )
