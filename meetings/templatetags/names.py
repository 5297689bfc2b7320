"""Names as the page's language prints them: ``{{ delegation|with_article }}``, ``|contracted``."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from meetings import names

register = template.Library()


@register.filter
def with_article(delegation) -> str:
    """ "le Bélarus" on a French page, "Belarus" on an English one."""
    return names.with_article(delegation) if delegation else ""


@register.filter(is_safe=True)
def contracted(text: str) -> str:
    """A rendered sentence with its contractions made: "de le Bélarus" -> "du Bélarus"."""
    result = names.contracted(str(text))
    return mark_safe(result) if isinstance(text, SafeString) else result  # noqa: S308
