"""Delegation pages (inscribe, change, withdraw, swap) and the public provisional lists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from meetings.access import DelegationMixin, groups_chaired, with_compilation_seen
from meetings.enums import SilenceOutcome
from meetings.feedback import report_errors
from meetings.inputs import id_from
from meetings.models import ResolutionDraft
from meetings.names import fill
from meetings.selectors import public_meetings
from speakers import services
from speakers.enums import InscriptionStatus, ListState, SwapStatus
from speakers.forms import InscriptionForm
from speakers.models import Inscription, SpeakersList, SwapRequest
from speakers.selectors import (
    lists_for_delegation,
    lists_of_public_meetings,
    ordered_list,
    public_list,
    speaking_day,
)


class InscriptionMixin(DelegationMixin):
    """A delegation's pages on its inscriptions: any inscription not its own is a 404."""

    def own_inscription(self, pk) -> Inscription:
        return get_object_or_404(
            Inscription.objects.select_related("speakers_list__meeting", "delegation"),
            pk=pk,
            delegation=self.delegation,
        )


class DashboardView(DelegationMixin, View):
    template_name = "speakers/dashboard.html"

    def get(self, request):
        now = timezone.now()
        mine: dict[int, list[Inscription]] = {}
        for inscription in (
            Inscription.objects.filter(delegation=self.delegation)
            .exclude(status=InscriptionStatus.WITHDRAWN)
            .select_related("on_behalf_of", "delegation")
            .order_by(F("on_behalf_of_id").asc(nulls_first=True), "pk")  # national first
        ):
            mine.setdefault(inscription.speakers_list_id, []).append(inscription)
        cards = [
            self.card(speakers_list, mine.get(speakers_list.pk, []), now)
            for speakers_list in lists_for_delegation(now=now)
        ]
        self.confirm_inscription(id_from(request.GET, "inscribed"), cards)
        swaps_to_answer = SwapRequest.objects.filter(
            counterpart__delegation=self.delegation, status=SwapStatus.REQUESTED
        ).select_related(
            "requester__delegation", "speakers_list__meeting", "speakers_list__segment"
        )
        drafts_open = with_compilation_seen(
            ResolutionDraft.objects.filter(input_deadline__gt=now).select_related("resolution"),
            delegation=self.delegation,
        )
        under_silence = ResolutionDraft.objects.filter(
            silence_outcome__in=[SilenceOutcome.UNDER_SILENCE, SilenceOutcome.BROKEN],
            silence_deadline__gt=now,
        ).select_related("resolution")
        return render(
            request,
            self.template_name,
            {
                "delegation": self.delegation,
                "cards": cards,
                "swaps_to_answer": swaps_to_answer,
                "ListState": ListState,
                "drafts_open": drafts_open,
                "under_silence": under_silence,
            },
        )

    def confirm_inscription(self, inscription_id: int | None, cards: list[dict]) -> None:
        """Right after an inscription: its place on the list as it now stands."""
        for card in cards:
            for statement in card["statements"]:
                if statement["inscription"].pk == inscription_id and statement["row"]:
                    messages.success(
                        self.request,
                        _("%(speaker)s is inscribed; place %(place)s on the list.")
                        % {
                            "speaker": statement["inscription"].speaker_display,
                            "place": statement["row"].place,
                        },
                    )

    def card(self, speakers_list, inscriptions, now) -> dict:
        """One list: each of the delegation's statements with its place, and what it may add."""
        ordered = ordered_list(speakers_list=speakers_list) if inscriptions else None
        statements = []
        for inscription in inscriptions:
            row = ordered.row_for(inscription.pk)
            statements.append(
                {
                    "inscription": inscription,
                    "row": row,
                    "segment": ordered.segment_of(row.projection) if row else None,
                    # a swap is between two delegations, never with its own other statement
                    "others": [
                        r
                        for r in ordered.rows
                        if r.inscription.delegation_id != inscription.delegation_id
                    ],
                }
            )
        national = any(i.on_behalf_of_id is None for i in inscriptions)
        return {
            "list": speakers_list,
            "state": speakers_list.state_at(now),
            "statements": statements,
            "may_inscribe": not national
            or groups_chaired(delegation=self.delegation, on=speaking_day(speakers_list))
            .exclude(pk__in=[i.on_behalf_of_id for i in inscriptions])
            .exists(),
        }


def offer_groups(form, *, delegation, speakers_list) -> None:
    """The groups a form shown to ``delegation`` offers: those it chairs on the list's day
    (``groups_chaired``). Only what is shown: the form sent is checked by the service, whose
    refusal says why (and the opening-minute rush reads no group)."""
    form.fields["on_behalf_of"].queryset = groups_chaired(
        delegation=delegation, on=speaking_day(speakers_list)
    )


class InscribeView(InscriptionMixin, View):
    template_name = "speakers/inscription_form.html"

    def get_list(self, pk, *, for_page=True) -> SpeakersList:
        """The list, with what its page prints (``for_page``); an inscription that succeeds
        needs the list alone: in the opening-minute rush every request reads it."""
        if for_page:
            return get_object_or_404(
                lists_of_public_meetings().select_related("meeting", "segment"), pk=pk
            )
        speakers_list = public_list(pk)
        if speakers_list is None:
            raise Http404
        return speakers_list

    def get(self, request, pk):
        speakers_list = self.get_list(pk)
        return self.render(
            speakers_list, InscriptionForm(), refusal=services.inscription_refusal(speakers_list)
        )

    def post(self, request, pk):
        speakers_list = self.get_list(pk, for_page=False)
        form = InscriptionForm(request.POST)
        if form.is_valid():
            try:
                inscription = services.inscribe(
                    speakers_list=speakers_list,
                    delegation=self.delegation,
                    details=form.details(),
                    actor=request.user,
                    fresh=True,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # The delegation's page reads the list as it stands and confirms the place.
                return redirect(f"{reverse('speakers:dashboard')}?inscribed={inscription.pk}")
        return self.render(speakers_list, form, status=400)

    def render(self, speakers_list, form, status=200, refusal=None):
        """The form, or why the list takes no inscription now (``refusal``: a form sent
        after the closing comes back as typed, with the reason)."""
        offer_groups(form, delegation=self.delegation, speakers_list=speakers_list)
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "speakers_list": speakers_list,
                "delegation": self.delegation,
                "refusal": refusal,
            },
            status=status,
        )


class ChangeSpeakerView(InscriptionMixin, View):
    template_name = "speakers/inscription_form.html"

    def get(self, request, pk):
        inscription = self.own_inscription(pk)
        if inscription.status != InscriptionStatus.ACTIVE:  # heard or withdrawn: no form
            messages.error(request, _("This statement can no longer be changed."))
            return redirect("speakers:dashboard")
        return self.render(inscription, self.form(initial=InscriptionForm.initial_of(inscription)))

    def post(self, request, pk):
        inscription = self.own_inscription(pk)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                before, after = services.change_speaker(
                    inscription=inscription, details=form.details(), actor=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if before != after:
                    messages.warning(
                        request,
                        _("The speaker is changed. The new level moves the statement from place "
                          "%(before)s to place %(after)s.") % {"before": before, "after": after},
                    )  # fmt: skip
                else:
                    messages.success(request, _("The speaker is changed; the place is the same."))
                return redirect("speakers:dashboard")
        return self.render(inscription, form, status=400)

    def form(self, *args, **kwargs):
        return InscriptionForm(*args, submit_label=_("Save the change"), **kwargs)

    def render(self, inscription, form, status=200):
        offer_groups(form, delegation=self.delegation, speakers_list=inscription.speakers_list)
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "speakers_list": inscription.speakers_list,
                "inscription": inscription,
                "delegation": self.delegation,
            },
            status=status,
        )


class WithdrawView(InscriptionMixin, View):
    def post(self, request, pk):
        inscription = self.own_inscription(pk)
        try:
            services.withdraw(inscription=inscription, actor=request.user)
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("The statement is withdrawn; its place is freed."))
        return redirect("speakers:dashboard")


class RequestSwapView(InscriptionMixin, View):
    def post(self, request, pk):
        inscription = self.own_inscription(pk)
        counterpart = get_object_or_404(
            Inscription,
            pk=id_from(request.POST, "counterpart"),
            speakers_list_id=inscription.speakers_list_id,
            status=InscriptionStatus.ACTIVE,
        )
        try:
            services.request_swap(
                requester=inscription, counterpart=counterpart, actor=request.user
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(
                request,
                fill(_("Your request to swap places with %(delegation)s is sent. Once they "
                       "accept, the Secretariat approves it."),
                     delegation=counterpart.delegation or counterpart.organization),
            )  # fmt: skip
        return redirect("speakers:dashboard")


class AnswerSwapView(InscriptionMixin, View):
    def post(self, request, pk):
        swap_request = get_object_or_404(
            SwapRequest, pk=pk, counterpart__delegation=self.delegation
        )
        accept = request.POST.get("answer") == "accept"
        try:
            services.answer_swap(
                swap_request=swap_request,
                delegation=self.delegation,
                accept=accept,
                actor=request.user,
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(
                request,
                _("You accepted the swap; the Secretariat will approve it.")
                if accept
                else _("You declined the swap."),
            )
        return redirect("speakers:dashboard")


def public_lists(request, slug):
    """The provisional lists of speakers of a meeting: places, delegations, speakers, times."""
    meeting = get_object_or_404(public_meetings(), slug=slug)
    lists = [
        ordered_list(speakers_list=speakers_list)
        for speakers_list in meeting.speakers_lists.select_related("segment", "current_segment")
    ]
    response = render(request, "speakers/public_lists.html", {"meeting": meeting, "lists": lists})
    # The state of a list (not yet open, open, closed) follows the clock: the cached page is
    # kept only until the next opening or closing.
    now = timezone.now()
    due = [
        moment
        for ordered in lists
        for moment in (ordered.speakers_list.opens_at, ordered.speakers_list.closes_at)
        if moment and moment > now
    ]
    if due:
        response.public_cache_seconds = (min(due) - now).total_seconds()
    return response


withdraw = require_POST(WithdrawView.as_view())
request_swap = require_POST(RequestSwapView.as_view())
answer_swap = require_POST(AnswerSwapView.as_view())
