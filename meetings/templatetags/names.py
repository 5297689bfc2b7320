"""Names as the page's language prints them: ``{{ delegation|with_article }}``, ``|contracted``,
``|sentence``."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from meetings import names

register = template.Library()


@register.filter
def with_article(entity) -> str:
    """ "le Bélarus", "le Groupe des 77 et la Chine" on a French page; "Belarus", "the Group of
    77 and China" on an English one."""
    return names.with_article(entity) if entity else ""


@register.filter(is_safe=True)
def contracted(text: str) -> str:
    """A rendered sentence with its contractions made: "de le Bélarus" -> "du Bélarus"."""
    result = names.contracted(str(text))
    return mark_safe(result) if isinstance(text, SafeString) else result  # noqa: S308


@register.filter(is_safe=True)
def sentence(text: str) -> str:
    """A rendered sentence into which names were put ``|with_article``, made right: "du
    Bélarus", and "La Belgique …" where the name opens it (``names.sentence``)."""
    result = names.sentence(str(text))
    return mark_safe(result) if isinstance(text, SafeString) else result  # noqa: S308
