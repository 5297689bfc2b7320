"""Side events for delegations: register attendance; for organizers: create, edit, lists,
nameplates and seating list."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from meetings.exports import csv_response
from meetings.models import CoSponsor, Delegation, SideEvent
from speakers import side_events
from speakers.enums import RegistrationStatus
from speakers.views import DelegationMixin


class RegistrationForm(forms.Form):
    attendee_name = forms.CharField(label=gettext_lazy("Who attends"), max_length=150)
    attendee_function = forms.CharField(label=gettext_lazy("Function"), max_length=200)
    wishes_to_speak = forms.BooleanField(
        label=gettext_lazy("Wishes to take the floor"), required=False
    )


class SideEventForm(forms.ModelForm):
    co_sponsoring_delegations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Co-sponsoring delegations"),
        queryset=Delegation.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    other_co_sponsors = forms.CharField(
        label=gettext_lazy("Other co-sponsors (UN entities, NGOs), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = SideEvent
        fields = [
            "title", "kind_label", "background", "objectives", "questions", "starts_at", "ends_at",
            "room", "seats", "registration_closes_at", "observers_may_register", "contact_name",
            "contact_function", "contact_email", "ngos_may_register", "is_published",
        ]  # fmt: skip
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("starts_at", "ends_at", "registration_closes_at")
        }


def _event(slug) -> SideEvent:
    return get_object_or_404(SideEvent.objects.select_related("room", "organizer"), slug=slug)


class RegisterView(DelegationMixin, View):
    def get(self, request, slug):
        side_event = _event(slug)
        if not side_event.is_published:
            raise PermissionDenied
        mine = (
            side_event.registrations.exclude(status=RegistrationStatus.WITHDRAWN)
            .filter(delegation=self.delegation)
            .first()
        )
        waiting_place = None
        if mine and mine.status == RegistrationStatus.WAITING:
            waiting_place = side_event.registrations.filter(
                status=RegistrationStatus.WAITING, registered_at__lte=mine.registered_at
            ).count()
        return render(
            request,
            "speakers/side_event_register.html",
            {
                "side_event": side_event,
                "registration": mine,
                "waiting_place": waiting_place,
                "form": RegistrationForm(),
                "open": timezone.now() < side_event.registration_closes_at,
                "seated": side_event.registrations.filter(status=RegistrationStatus.SEATED).count(),
                "delegation": self.delegation,
                "manages": side_events.may_manage(user=request.user, side_event=side_event),
            },
        )

    def post(self, request, slug):
        side_event = _event(slug)
        if request.POST.get("action") == "withdraw":
            registration = get_object_or_404(
                side_event.registrations.exclude(status=RegistrationStatus.WITHDRAWN),
                delegation=self.delegation,
            )
            side_events.withdraw(registration=registration)
            messages.success(request, _("Your registration is withdrawn."))
            return redirect(request.path)
        form = RegistrationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the name and function of who attends."))
            return redirect(request.path)
        try:
            registration = side_events.register(
                side_event=side_event,
                delegation=self.delegation,
                actor=request.user,
                **form.cleaned_data,
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            if registration.status == RegistrationStatus.SEATED:
                messages.success(request, _("Registered: a seat and a nameplate are reserved."))
            else:
                messages.warning(
                    request, _("All seats are taken: your delegation is on the waiting list.")
                )
        return redirect(request.path)


def _manageable(request, slug) -> SideEvent:
    side_event = _event(slug)
    if not side_events.may_manage(user=request.user, side_event=side_event):
        raise PermissionDenied
    return side_event


def _save_co_sponsors(side_event: SideEvent, form: SideEventForm) -> None:
    side_event.co_sponsors.all().delete()
    for delegation in form.cleaned_data["co_sponsoring_delegations"]:
        CoSponsor.objects.create(side_event=side_event, delegation=delegation)
    for line in form.cleaned_data["other_co_sponsors"].splitlines():
        if line.strip():
            CoSponsor.objects.create(side_event=side_event, name=line.strip())


class EditView(DelegationMixin, View):
    """The organizing delegation creates or edits its event."""

    def get_event(self, slug):
        if slug is None:
            return None
        side_event = _event(slug)
        if side_event.organizer_id != self.delegation.pk:
            raise PermissionDenied
        return side_event

    def initial(self, side_event):
        if side_event is None:
            return {"co_sponsoring_delegations": [self.delegation.pk]}
        co_sponsors = list(side_event.co_sponsors.all())
        return {
            "co_sponsoring_delegations": [c.delegation_id for c in co_sponsors if c.delegation_id],
            "other_co_sponsors": "\n".join(c.name for c in co_sponsors if not c.delegation_id),
        }

    def get(self, request, slug=None):
        side_event = self.get_event(slug)
        form = SideEventForm(instance=side_event, initial=self.initial(side_event))
        return render(
            request, "speakers/side_event_form.html", {"form": form, "side_event": side_event}
        )

    def post(self, request, slug=None):
        side_event = self.get_event(slug)
        form = SideEventForm(request.POST, instance=side_event)
        if form.is_valid():
            event = form.save(commit=False)
            if side_event is None:
                event.organizer = self.delegation
                event.created_by = request.user
                event.slug = slugify(f"{event.title[:60]}-{event.starts_at:%Y-%m-%d}")
            event.save()
            _save_co_sponsors(event, form)
            messages.success(request, _("The event is saved."))
            return redirect("speakers:side_event_manage", slug=event.slug)
        return render(
            request,
            "speakers/side_event_form.html",
            {"form": form, "side_event": side_event},
            status=400,
        )


class OrganizationForm(RegistrationForm):
    organization = forms.CharField(label=gettext_lazy("Organization"), max_length=200)


@login_required
def manage(request, slug):
    side_event = _manageable(request, slug)
    if request.method == "POST":
        form = OrganizationForm(request.POST)
        if form.is_valid():
            try:
                side_events.register(
                    side_event=side_event, delegation=None, actor=request.user, **form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("The organization is registered."))
        else:
            messages.error(request, _("Give the organization, who attends and the function."))
        return redirect(request.path)
    registrations = side_event.registrations.select_related("delegation").exclude(
        status=RegistrationStatus.WITHDRAWN
    )
    return render(
        request,
        "speakers/side_event_manage.html",
        {
            "side_event": side_event,
            "seated": side_events.un_order(
                r for r in registrations if r.status == RegistrationStatus.SEATED
            ),
            "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        },
    )


@login_required
def export(request, slug, what):
    side_event = _manageable(request, slug)
    registrations = side_event.registrations.select_related("delegation").exclude(
        status=RegistrationStatus.WITHDRAWN
    )
    seated = side_events.un_order(r for r in registrations if r.status == RegistrationStatus.SEATED)
    if what == "csv":
        header = [_("Delegation"), _("Attends"), _("Function"), _("Wishes to speak"),
                  _("Status"), _("Seat"), _("Registered at")]  # fmt: skip
        return csv_response(
            f"{slug}-registrations.csv",
            header,
            (
                [
                    r.entity,
                    r.attendee_name,
                    r.attendee_function,
                    _("yes") if r.wishes_to_speak else "",
                    r.get_status_display(),
                    r.seat or "",
                    timezone.localtime(r.registered_at).isoformat(timespec="seconds"),
                ]
                for r in registrations
            ),
        )
    context = {"side_event": side_event, "seated": seated}
    if what == "seating":
        return render(request, "speakers/side_event_seating.html", context)
    from meetings.programme import render_pdf

    html = render_to_string("speakers/side_event_nameplates.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-nameplates.pdf"'
    return response
