"""The public pages' language switcher: the same page at each configured language's address.

The language lives in the address (``/ar/contact-us/``) and nowhere else: no cookie, no
session, so switching leaves no more trace than opening the page did (decision 0066).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language
    url: str
    current: bool
    bidi: bool


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    request = context.get("request")
    path = request.path if request is not None else "/"
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=translate_url(path, code),
                current=code == current,
                bidi=get_language_info(code)["bidi"],
            )
        )
    return links
