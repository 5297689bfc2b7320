"""Public application pages, the applicant's private status page, the published list,
and the Member States' page for the non-objection procedure."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from django_ratelimit.decorators import ratelimit

from meetings.access import DelegationMixin
from meetings.exports import csv_response
from meetings.feedback import error_text, report_errors
from meetings.inputs import client_address, id_from
from meetings.pdf import render_pdf
from meetings.selectors import public_meetings
from stakeholders.enums import EDITABLE_STATUSES, ApplicationStatus, ProposedListStatus
from stakeholders.forms import ApplicationForm, ObjectionForm, representative_formset
from stakeholders.models import Application, CivilSocietyProcess, Objection, ProposedEntry
from stakeholders.selectors import (
    lists_before_member_states,
    own_objections,
    published_list,
    registered_organizations,
)
from stakeholders.services import applications, proposed_lists


def rate_limited(request, exception):
    return render(request, "stakeholders/rate_limited.html", status=429)


def _process(slug) -> CivilSocietyProcess:
    return get_object_or_404(
        CivilSocietyProcess.objects.select_related("meeting"), meeting__in=public_meetings(),
        meeting__slug=slug,
    )  # fmt: skip


def _save_application(request, process, form, formset, *, application=None):
    """Validate the form and its representatives; return the application or None."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    representatives = formset.details()
    if not representatives:
        form.add_error(None, _("Name at least one representative."))
        return None
    try:
        if application is None:
            new = form.save(commit=False)
            new.process = process
            new.submission_key = form.cleaned_data["submission_key"]
            new.created_ip = client_address(request)
            return applications.submit_application(application=new, representatives=representatives)
        return applications.update_application(
            application=form.save(commit=False), representatives=representatives
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


@ratelimit(key="ip", rate="20/h", method="POST", block=True)
def apply(request, slug):
    """The public form: no account needed; the e-mail address is confirmed afterwards."""
    process = _process(slug)
    now = timezone.now()
    if not process.is_open_at(now):
        return render(request, "stakeholders/closed.html", {"process": process, "now": now})
    form = ApplicationForm(request.POST or None, request.FILES or None, process=process)
    formset = representative_formset(process, request.POST or None)
    if request.method == "POST":
        application = _save_application(request, process, form, formset)
        if application is not None:
            return redirect("stakeholders:check_email", slug=slug)
    return render(
        request,
        "stakeholders/apply.html",
        {
            "process": process,
            "form": form,
            "formset": formset,
            # a refused form keeps what was typed; a browser cannot put a file back
            "attach_again": "supporting_document" in request.FILES,
        },
        status=400 if request.method == "POST" else 200,
    )


def check_email(request, slug):
    return render(request, "stakeholders/check_email.html", {"process": _process(slug)})


def _in_applicants_language(request, application: Application) -> None:
    """The pages an organization reaches from its e-mails speak the language it applied in,
    as the e-mails do, unless the visitor chose one (the language link's cookie)."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(application.language)


def confirm(request, token):
    """The link in the confirmation e-mail: one click on a button submits the application."""
    try:
        application = applications.application_from_confirmation(token)
    except (signing.BadSignature, ObjectDoesNotExist):
        raise Http404 from None
    _in_applicants_language(request, application)
    if request.method == "POST":
        application = applications.confirm_application(application=application)
        return redirect(applications.status_url(application))
    if application.status != ApplicationStatus.UNCONFIRMED:  # the link opened again
        return redirect(applications.status_url(application))
    return render(request, "stakeholders/confirm.html", {"application": application})


def _from_status_link(token) -> Application:
    try:
        return applications.application_from_status_link(token)
    except (signing.BadSignature, ObjectDoesNotExist):
        raise Http404 from None


def status(request, token):
    """The organization's private page: status, reference, correct or withdraw."""
    application = _from_status_link(token)
    _in_applicants_language(request, application)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw":
                applications.withdraw_application(application=application)
                messages.success(request, _("Your application is withdrawn."))
            elif action == "request_basis":
                proposed_lists.request_objection_basis(application=application)
        except ValidationError as error:
            report_errors(request, error)
        return redirect(request.path)
    bases = []
    if application.basis_requested_at:
        bases = list(
            Objection.objects.filter(
                entry__application=application, withdrawn_at__isnull=True
            ).values_list("basis", flat=True)
        )
    return render(
        request,
        "stakeholders/status.html",
        {
            "application": application,
            "editable": application.status in EDITABLE_STATUSES
            and timezone.now() < application.process.closes_at,
            "has_objection": application.proposed_entries.filter(
                objections__withdrawn_at__isnull=True
            ).exists(),
            "bases": bases,
            "token": token,
        },
    )


def edit(request, token):
    application = _from_status_link(token)
    _in_applicants_language(request, application)
    process = application.process
    if application.status not in EDITABLE_STATUSES or timezone.now() >= process.closes_at:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("stakeholders:status", token=token)
    initial_reps = list(application.representatives.values())
    for rep in initial_reps:
        rep["nationality"] = rep.pop("nationality_id")
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        instance=application,
        process=process,
        initial={"submission_key": application.submission_key},
    )
    formset = representative_formset(process, request.POST or None, initial=initial_reps)
    if request.method == "POST" and _save_application(
        request, process, form, formset, application=application
    ):
        messages.success(request, _("Your application is updated."))
        return redirect("stakeholders:status", token=token)
    return render(
        request,
        "stakeholders/apply.html",
        {
            "process": process,
            "form": form,
            "formset": formset,
            "application": application,
            "attach_again": "supporting_document" in request.FILES,
        },
        status=400 if request.method == "POST" else 200,
    )


def public_list(request, slug, export=None):
    """The civil-society list of a meeting, each path under its own heading: organizations in
    consultative status with ECOSOC (registered), then the others' proposed and final names.
    Representatives are named only where they agreed."""
    process = _process(slug)
    registered = list(registered_organizations(process=process))
    proposed = published_list(process=process)
    entries = list(proposed.entries.all()) if proposed else []
    if export == "csv":
        rows = [(a, a.get_status_display()) for a in registered] + [
            (e.application, e.get_outcome_display()) for e in entries
        ]
        return csv_response(
            f"{slug}-civil-society.csv",
            [_("Organization"), _("Country"), _("Representatives"), _("Status")],
            (
                [
                    application.name,
                    application.country,
                    "; ".join(str(r) for r in application.representatives.all()),
                    status,
                ]
                for application, status in rows
            ),
        )
    context = {
        "process": process,
        "meeting": process.meeting,
        "registered": registered,
        "proposed": proposed,
        "entries": entries,
    }
    if export == "pdf":
        html = render_to_string("stakeholders/list_print.html", context, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{slug}-civil-society.pdf"'
        return response
    return render(request, "stakeholders/public_list.html", context)


@staff_member_required
def supporting_document(request, pk):
    """Uploaded documents are private: staff only."""
    application = get_object_or_404(Application, pk=pk)
    if not application.supporting_document:
        raise Http404
    name = application.supporting_document.name
    return FileResponse(
        application.supporting_document.open("rb"),
        as_attachment=True,
        filename=f"{slugify(application.name)[:60]}{name[name.rfind('.') :]}",
    )


class ObjectionsView(DelegationMixin, View):
    """A Member State's page: the proposed lists, its own objections, and nobody else's."""

    def get(self, request):
        return self.page()

    def page(self, refused=None):
        """The proposed lists with the State's objections; ``refused``: the objection just
        refused, shown again in its form to correct (400)."""
        mine = {o.entry_id: o for o in own_objections(delegation=self.delegation)}
        lists = []
        for proposed in lists_before_member_states():
            entries = list(proposed.entries.select_related("application__country"))
            lists.append(
                {
                    "list": proposed,
                    "open": proposed.status == ProposedListStatus.SUBMITTED
                    and timezone.now() < proposed.objection_deadline,
                    "rows": [(entry, mine.get(entry.pk)) for entry in entries],
                }
            )
        return render(
            self.request,
            "stakeholders/objections.html",
            {
                "delegation": self.delegation,
                "lists": lists,
                "form": ObjectionForm(),
                "refused": refused,
            },
            status=400 if refused else 200,
        )

    def post(self, request):
        if request.POST.get("action") == "withdraw":
            objection = get_object_or_404(
                Objection, pk=id_from(request.POST, "objection"), delegation=self.delegation
            )
            try:
                proposed_lists.withdraw_objection(objection=objection, delegation=self.delegation)
            except ValidationError as error:
                report_errors(request, error)
            else:
                messages.success(request, _("Your objection is withdrawn."))
            return redirect("stakeholders:objections")
        entry = get_object_or_404(
            ProposedEntry.objects.select_related("proposed_list", "application"),
            pk=id_from(request.POST, "entry"),
            proposed_list__status=ProposedListStatus.SUBMITTED,
        )
        form = ObjectionForm(request.POST)
        if form.is_valid():
            try:
                proposed_lists.lodge_objection(
                    entry=entry, delegation=self.delegation, basis=form.cleaned_data["basis"],
                    actor=request.user,
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as error:
                text = error_text(error)
                messages.error(request, text or _("Only Member States may object."))
            else:
                messages.success(
                    request,
                    _("Your objection to %(name)s is recorded.") % {"name": entry.application.name},
                )
                return redirect("stakeholders:objections")
        elif form.has_error("basis", "required"):
            messages.error(request, _("State the general basis of the objection."))
        else:
            messages.error(request, error_text(ValidationError(form.errors["basis"])))
        return self.page(refused={"entry": entry.pk, "basis": request.POST.get("basis", "")})


objections = ObjectionsView.as_view()
