"""Delegation pages for the negotiation of a resolution: input on a draft, breaking
silence, and the compilation (staff and co-facilitators only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from meetings import resolution_record, selectors
from meetings.access import DelegationMixin, groups_chaired, may_see_compilation
from meetings.enums import ProposalKind, SilenceOutcome
from meetings.feedback import report_errors
from meetings.inputs import id_from, ids_from
from meetings.models import GroupOfStates, Paragraph, Proposal, Resolution, ResolutionDraft
from meetings.paragraphs import compare_drafts
from meetings.pdf import render_pdf
from meetings.selectors import drafts_before_delegations, public_meetings
from meetings.services import resolutions


class DraftInputView(DelegationMixin, View):
    """A delegation proposes wording or comments on the paragraphs of a draft."""

    def get_draft(self, pk) -> ResolutionDraft:
        return get_object_or_404(
            drafts_before_delegations().select_related("resolution"),
            pk=pk,
            input_deadline__isnull=False,
        )

    def get(self, request, pk):
        return self.page(self.get_draft(pk))

    def page(self, draft, refused=None):
        """The draft with the delegation's input; ``refused``: the input just refused, shown
        again in its form to correct (400)."""
        request = self.request
        mine = Proposal.objects.filter(draft=draft, delegation=self.delegation).select_related(
            "on_behalf_of"
        )
        by_paragraph = {}
        for proposal in mine:
            by_paragraph.setdefault(proposal.paragraph_id, []).append(proposal)
        rows = [(p, by_paragraph.get(p.pk, [])) for p in draft.paragraphs.select_related("parent")]
        return render(
            request,
            "meetings/resolutions/draft_input.html",
            {
                "draft": draft,
                "rows": rows,
                "general": by_paragraph.get(None, []),
                "open": timezone.now() < draft.input_deadline,
                "kinds": [
                    (v, label) for v, label in ProposalKind.choices if v != ProposalKind.GENERAL
                ],
                "delegation": self.delegation,
                "groups": groups_chaired(delegation=self.delegation, on=timezone.localdate()),
                "sees_compilation": may_see_compilation(user=request.user, draft=draft),
                "refused": refused,
            },
            status=400 if refused else 200,
        )

    def post(self, request, pk):
        draft = self.get_draft(pk)
        if "withdraw" in request.POST:
            return self.withdraw(draft)
        kind = request.POST.get("kind")
        if kind not in ProposalKind.values:
            messages.error(request, _("Choose what you propose."))
            return redirect(request.path)
        paragraph = None
        if kind != ProposalKind.GENERAL:
            paragraph = get_object_or_404(
                Paragraph, pk=id_from(request.POST, "paragraph"), draft=draft
            )
        group = None
        if request.POST.get("on_behalf_of"):
            group = get_object_or_404(GroupOfStates, pk=id_from(request.POST, "on_behalf_of"))
        try:
            resolutions.propose(
                draft=draft, paragraph=paragraph, delegation=self.delegation, kind=kind,
                text=request.POST.get("text", ""), actor=request.user, on_behalf_of=group,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            report_errors(request, error)
            return self.page(
                draft,
                refused={
                    "paragraph": paragraph.pk if paragraph else "general",
                    "kind": kind,
                    "text": request.POST.get("text", ""),
                    "group": group.pk if group else None,
                },
            )
        messages.success(
            request,
            _("Your proposal on %(p)s is recorded.") % {"p": paragraph.label}
            if paragraph
            else _("Your general comment is recorded."),
        )
        return redirect(f"{request.path}#p-{paragraph.pk if paragraph else 'general'}")

    def withdraw(self, draft):
        """The delegation withdraws one of its own proposals (another's is not found)."""
        proposal = get_object_or_404(
            Proposal, pk=id_from(self.request.POST, "withdraw"), draft=draft,
            delegation=self.delegation,
        )  # fmt: skip
        try:
            resolutions.withdraw_proposal(proposal=proposal, delegation=self.delegation)
        except ValidationError as error:
            report_errors(self.request, error)
        else:
            messages.success(self.request, _("Your input is withdrawn."))
        return redirect(self.request.path)


class SilenceView(DelegationMixin, View):
    """A State breaks silence on given paragraphs of a text under silence."""

    def get_draft(self, pk) -> ResolutionDraft:
        return get_object_or_404(
            drafts_before_delegations().select_related("resolution"),
            pk=pk,
            silence_outcome__in=[SilenceOutcome.UNDER_SILENCE, SilenceOutcome.BROKEN],
        )

    def get(self, request, pk):
        return self.page(self.get_draft(pk))

    def page(self, draft, refused=None):
        """The text under silence; ``refused``: the ticked paragraphs and the explanation of a
        break just refused, shown again to correct (400)."""
        return render(
            self.request,
            "meetings/resolutions/silence.html",
            {"draft": draft, "paragraphs": draft.paragraphs.select_related("parent"),
             "open": timezone.now() < draft.silence_deadline, "delegation": self.delegation,
             "refused": refused},
            status=400 if refused else 200,
        )  # fmt: skip

    def post(self, request, pk):
        draft = self.get_draft(pk)
        paragraphs = draft.paragraphs.filter(pk__in=ids_from(request.POST, "paragraphs"))
        try:
            resolutions.break_silence(
                draft=draft, delegation=self.delegation, paragraphs=paragraphs,
                explanation=request.POST.get("explanation", ""), actor=request.user,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            report_errors(request, error)
            ticked = {p.pk for p in paragraphs}
            return self.page(
                draft, {"paragraphs": ticked, "explanation": request.POST.get("explanation", "")}
            )
        messages.success(
            request, _("Your delegation has broken silence; the Secretariat is informed.")
        )
        return redirect("speakers:dashboard")


@login_required
def compilation(request, pk):
    """Every State's input by paragraph: for staff and the co-facilitators' delegations."""
    draft = get_object_or_404(ResolutionDraft.objects.select_related("resolution"), pk=pk)
    if not may_see_compilation(user=request.user, draft=draft):
        raise PermissionDenied
    context = {
        "draft": draft,
        "paragraphs": selectors.compilation(draft=draft),
        "general": selectors.general_comments(draft=draft),
    }
    if request.GET.get("format") == "pdf":
        html = render_to_string(
            "meetings/resolutions/compilation_print.html", context, request=request
        )
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="compilation-{draft.pk}.pdf"'
        return response
    return render(request, "meetings/resolutions/compilation.html", context)


def resolution_detail(request, pk):
    """A resolution's history, its official document, its text where the portal holds it,
    and what changed between any two versions."""
    resolution = get_object_or_404(
        Resolution.objects.filter(Q(meeting__in=public_meetings()) | Q(symbol__isnull=False)), pk=pk
    )
    recorded = list(resolution.drafts.order_by("pk"))
    drafts = [d for d in resolution.drafts.exclude(paragraphs=None).order_by("pk")]
    context = {
        "resolution": resolution,
        "drafts": drafts,
        "history": resolution_record.history(resolution, recorded),
    }
    by_id = {str(d.pk): d for d in drafts}
    older, newer = by_id.get(request.GET.get("a", "")), by_id.get(request.GET.get("b", ""))
    if older and newer:
        context.update(older=older, newer=newer, changes=compare_drafts(older, newer))
    elif drafts:
        context["latest"] = drafts[-1]
        context["paragraphs"] = [
            (p, *resolution_record.opening_words(p))
            for p in drafts[-1].paragraphs.select_related("parent")
        ]
    return render(request, "meetings/resolutions/detail.html", context)
