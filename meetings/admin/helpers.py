"""Helpers shared by the admin modules of the meetings app."""

from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext


def queued_message(count: int) -> str:
    return ngettext("%d message queued.", "%d messages queued.", count) % count


def form_page(model_admin, request, *, title, form, action="", queryset=None, template=None):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "form": form,
        "action": action,
        "queryset": queryset or [],
    }
    return TemplateResponse(request, template or "admin/meetings/form_page.html", context)


def letter_preview_html(subject: str, text: str):
    paragraphs = format_html_join(
        "", "<p>{}</p>", ((p.replace("\n", " / "),) for p in text.split("\n\n"))
    )
    return format_html('<div class="letter-preview"><p><b>{}</b></p>{}</div>', subject, paragraphs)
