"""Delegation pages for the negotiation of a resolution: input on a draft, breaking
silence, and the compilation (staff and co-facilitators only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from meetings import negotiation
from meetings.enums import ProposalKind, SilenceOutcome
from meetings.models import Paragraph, Proposal, ResolutionDraft
from speakers.views import DelegationMixin


class DraftInputView(DelegationMixin, View):
    """A delegation proposes wording or comments on the paragraphs of a draft."""

    def get_draft(self, pk) -> ResolutionDraft:
        return get_object_or_404(
            ResolutionDraft.objects.select_related("resolution"),
            pk=pk,
            input_deadline__isnull=False,
        )

    def get(self, request, pk):
        draft = self.get_draft(pk)
        mine = Proposal.objects.filter(paragraph__draft=draft, delegation=self.delegation)
        by_paragraph = {}
        for proposal in mine:
            by_paragraph.setdefault(proposal.paragraph_id, []).append(proposal)
        rows = [(p, by_paragraph.get(p.pk, [])) for p in draft.paragraphs.select_related("parent")]
        return render(
            request,
            "speakers/draft_input.html",
            {
                "draft": draft,
                "rows": rows,
                "open": timezone.now() < draft.input_deadline,
                "kinds": ProposalKind.choices,
                "delegation": self.delegation,
                "sees_compilation": negotiation.may_see_compilation(user=request.user, draft=draft),
            },
        )

    def post(self, request, pk):
        draft = self.get_draft(pk)
        paragraph = get_object_or_404(Paragraph, pk=request.POST.get("paragraph") or 0, draft=draft)
        kind = request.POST.get("kind")
        if kind not in ProposalKind.values:
            messages.error(request, _("Choose what you propose."))
            return redirect(request.path)
        try:
            negotiation.propose(
                paragraph=paragraph, delegation=self.delegation, kind=kind,
                text=request.POST.get("text", ""), actor=request.user,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request, _("Your proposal on %(p)s is recorded.") % {"p": paragraph.label}
            )
        return redirect(f"{request.path}#p-{paragraph.pk}")


class SilenceView(DelegationMixin, View):
    """A State breaks silence on given paragraphs of a text under silence."""

    def get_draft(self, pk) -> ResolutionDraft:
        return get_object_or_404(
            ResolutionDraft.objects.select_related("resolution"),
            pk=pk,
            silence_outcome__in=[SilenceOutcome.UNDER_SILENCE, SilenceOutcome.BROKEN],
        )

    def get(self, request, pk):
        draft = self.get_draft(pk)
        return render(
            request,
            "speakers/silence.html",
            {"draft": draft, "paragraphs": draft.paragraphs.select_related("parent"),
             "open": timezone.now() < draft.silence_deadline, "delegation": self.delegation},
        )  # fmt: skip

    def post(self, request, pk):
        draft = self.get_draft(pk)
        paragraphs = draft.paragraphs.filter(pk__in=request.POST.getlist("paragraphs"))
        try:
            negotiation.break_silence(
                draft=draft, delegation=self.delegation, paragraphs=paragraphs,
                explanation=request.POST.get("explanation", ""), actor=request.user,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(request.path)
        messages.success(
            request, _("Your delegation has broken silence; the Secretariat is informed.")
        )
        return redirect("speakers:dashboard")


@login_required
def compilation(request, pk):
    """Every State's input by paragraph: for staff and the co-facilitators' delegations."""
    draft = get_object_or_404(ResolutionDraft.objects.select_related("resolution"), pk=pk)
    if not negotiation.may_see_compilation(user=request.user, draft=draft):
        raise PermissionDenied
    context = {"draft": draft, "paragraphs": negotiation.compilation(draft=draft)}
    if request.GET.get("format") == "pdf":
        from meetings.programme import render_pdf

        html = render_to_string("speakers/compilation_print.html", context, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="compilation-{draft.pk}.pdf"'
        return response
    return render(request, "speakers/compilation.html", context)
