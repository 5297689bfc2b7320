"""Side events for delegations: register attendance; for organizers: create, edit, lists,
nameplates and seating list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from meetings.access import DelegationMixin, may_manage_side_event
from meetings.enums import RegistrationStatus
from meetings.exports import csv_response
from meetings.feedback import report_errors
from meetings.forms import OrganizationForm, RegistrationForm, SideEventForm
from meetings.models import SideEvent
from meetings.pdf import render_pdf
from meetings.selectors import co_sponsors, public_side_events, un_order
from meetings.services import side_events


def _event(slug) -> SideEvent:
    return get_object_or_404(SideEvent.objects.select_related("room", "organizer"), slug=slug)


class RegisterView(DelegationMixin, View):
    def get(self, request, slug):
        side_event = _event(slug)
        if not side_event.is_published:
            raise PermissionDenied
        return self.page(side_event, RegistrationForm())

    def page(self, side_event, form, status=200):
        """The event, the delegation's registration, and ``form`` (bound: refused, shown again
        as typed with the reasons)."""
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
            self.request,
            "meetings/side_events/register.html",
            {
                "side_event": side_event,
                "registration": mine,
                "waiting_place": waiting_place,
                "form": form,
                "open": timezone.now() < side_event.registration_closes_at,
                "seated": side_event.registrations.filter(status=RegistrationStatus.SEATED).count(),
                "delegation": self.delegation,
                "manages": may_manage_side_event(user=self.request.user, side_event=side_event),
            },
            status=status,
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
            return self.page(side_event, form, status=400)
        try:
            registration = side_events.register(
                side_event=side_event,
                delegation=self.delegation,
                actor=request.user,
                **form.cleaned_data,
            )
        except (ValidationError, PermissionDenied) as error:
            report_errors(request, error)
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
    if not may_manage_side_event(user=request.user, side_event=side_event):
        raise PermissionDenied
    return side_event


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
            request, "meetings/side_events/form.html", {"form": form, "side_event": side_event}
        )

    def post(self, request, slug=None):
        side_event = self.get_event(slug)
        form = SideEventForm(request.POST, instance=side_event)
        if form.is_valid():
            event = side_events.save_side_event(
                side_event=form.save(commit=False),
                organizer=self.delegation,
                actor=request.user,
                co_sponsoring_delegations=form.cleaned_data["co_sponsoring_delegations"],
                other_co_sponsors=form.cleaned_data["other_co_sponsors"],
                submission_key=form.cleaned_data["submission_key"],
            )
            messages.success(request, _("The event is saved."))
            return redirect("meetings:side_event_manage", slug=event.slug)
        return render(
            request,
            "meetings/side_events/form.html",
            {"form": form, "side_event": side_event},
            status=400,
        )


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
                report_errors(request, error)
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
        "meetings/side_events/manage.html",
        {
            "side_event": side_event,
            "seated": un_order(r for r in registrations if r.status == RegistrationStatus.SEATED),
            "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        },
    )


@login_required
def export(request, slug, what):
    side_event = _manageable(request, slug)
    registrations = side_event.registrations.select_related("delegation").exclude(
        status=RegistrationStatus.WITHDRAWN
    )
    seated = un_order(r for r in registrations if r.status == RegistrationStatus.SEATED)
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
        return render(request, "meetings/side_events/seating.html", context)
    html = render_to_string("meetings/side_events/nameplates.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-nameplates.pdf"'
    return response


def side_event(request, slug, notice=None):
    """A side event's public page, and its notice as a one-page flyer (HTML or PDF)."""
    event = get_object_or_404(
        public_side_events().select_related("room", "organizer", "meeting"),
        slug=slug,
    )
    context = {"side_event": event, "co_sponsors": co_sponsors(event)}
    if notice is None:
        return render(request, "meetings/side_events/detail.html", context)
    html = render_to_string("meetings/side_events/notice.html", context, request=request)
    if notice == "pdf":
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{event.slug}-notice.pdf"'
        return response
    return HttpResponse(html)
