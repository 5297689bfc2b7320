"""Reads of civil-society participation: duplicates, balance of the shortlist, public list."""

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlparse

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.enums import Gender, RegionalGroup
from meetings.letters import Recipient
from meetings.models import Delegation
from meetings.selectors import DueItem
from stakeholders.enums import (
    ApplicationStatus,
    EntryOutcome,
    OrganizationType,
    ProposedListStatus,
)
from stakeholders.models import (
    Application,
    CivilSocietyProcess,
    Objection,
    ProposedEntry,
    ProposedList,
    Representative,
    normalized_name,
)

#: Regional groups counted as the Global South. An approximation by group: staff read the
#: countries behind each share in the panel.
GLOBAL_SOUTH_GROUPS = (
    RegionalGroup.AFRICAN,
    RegionalGroup.ASIA_PACIFIC,
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN,
)
#: Asia-Pacific members usually counted with the North.
NORTHERN_IN_ASIA_PACIFIC = {"JPN", "KOR", "CYP"}


def is_global_south(country: Delegation) -> bool:
    return (
        country.regional_group in GLOBAL_SOUTH_GROUPS
        and country.code not in NORTHERN_IN_ASIA_PACIFIC
    )


def website_key(url: str) -> str:
    """What makes two addresses one site: the host without "www." and the path, so that
    "http://www.ngo.org/" is "https://ngo.org", while the members of a federation or the pages
    of a web host ("a.un.example", "host.example/ngo-b") stay apart."""
    parts = urlparse(url.strip().lower())
    return f"{parts.netloc.removeprefix('www.')}{parts.path.rstrip('/')}" if parts.netloc else ""


#: Names at least this alike (difflib's ratio) from the same country and the same person:
#: one organization spelt twice, worth a second look.
ALIKE = 0.8


def possible_duplicates(*, application: Application) -> QuerySet[Application]:
    """Return the other applications to the same meeting that may be the same organization:
    the same e-mail, name (case and punctuation aside) or website, or, from the same country
    and the same focal point, a name spelt a little otherwise."""
    others = Application.objects.filter(process_id=application.process_id).exclude(
        pk=application.pk
    )
    name, site = normalized_name(application.name), website_key(application.website)
    person = " ".join(application.focal_point_name.casefold().split())
    same = [
        pk
        for pk, other_name, website, country_id, focal_point_name in others.values_list(
            "pk", "name", "website", "country_id", "focal_point_name"
        )
        if normalized_name(other_name) == name
        or (site and website_key(website) == site)
        or (
            country_id == application.country_id
            and " ".join(focal_point_name.casefold().split()) == person
            and SequenceMatcher(None, normalized_name(other_name), name).ratio() >= ALIKE
        )
    ]
    match = Q(focal_point_email__iexact=application.focal_point_email) | Q(pk__in=same)
    return others.filter(match).exclude(status=ApplicationStatus.WITHDRAWN)


@dataclass
class Share:
    label: str
    count: int
    percent: float


def _shares(counter: Counter, total: int, labels: dict) -> list[Share]:
    return (
        [
            Share(
                label=str(labels.get(key, key) or "—"),
                count=count,
                percent=round(100 * count / total, 1),
            )
            for key, count in counter.most_common()
        ]
        if total
        else []
    )


@dataclass
class Balance:
    organizations: int
    representatives: int
    by_region: list[Share]
    by_gender: list[Share]
    by_type: list[Share]
    global_south_percent: float
    lived_experience: int


def balance_of(applications: QuerySet[Application]) -> Balance:
    """Return the balance of a set of applications: regions, gender, types, South, survivors."""
    applications = list(applications.select_related("country").prefetch_related("representatives"))
    representatives = [r for a in applications for r in a.representatives.all()]
    total = len(applications)
    regions = Counter(a.country.regional_group for a in applications)
    genders = Counter(r.gender for r in representatives)
    types = Counter(a.organization_type for a in applications)
    south = sum(1 for a in applications if is_global_south(a.country))
    return Balance(
        organizations=total,
        representatives=len(representatives),
        by_region=_shares(regions, total, dict(RegionalGroup.choices)),
        by_gender=_shares(genders, len(representatives), dict(Gender.choices)),
        by_type=_shares(types, total, dict(OrganizationType.choices)),
        global_south_percent=round(100 * south / total, 1) if total else 0.0,
        lived_experience=sum(1 for r in representatives if r.lived_experience),
    )


def published_list(*, process: CivilSocietyProcess) -> ProposedList | None:
    """Return the latest list shown to the public (submitted or closed), with its names."""
    return (
        process.proposed_lists.filter(
            status__in=[ProposedListStatus.SUBMITTED, ProposedListStatus.CLOSED]
        )
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=ProposedEntry.objects.select_related(
                    "application__country"
                ).prefetch_related(
                    Prefetch(
                        "application__representatives",
                        queryset=Representative.objects.filter(consents_to_publication=True),
                    )
                ),
            )
        )
        .order_by("-number")
        .first()
    )


def registered_organizations(*, process: CivilSocietyProcess) -> QuerySet[Application]:
    """Return the organizations in consultative status with ECOSOC whose registration staff
    confirmed, with the representatives who agreed to be named."""
    return (
        process.applications.filter(status=ApplicationStatus.REGISTERED)
        .select_related("country")
        .prefetch_related(
            Prefetch(
                "representatives",
                queryset=Representative.objects.filter(consents_to_publication=True),
            )
        )
        .order_by("name")
    )


def lists_before_member_states() -> QuerySet[ProposedList]:
    """Return the lists Member States may see: submitted or closed, newest first."""
    return (
        ProposedList.objects.filter(
            status__in=[ProposedListStatus.SUBMITTED, ProposedListStatus.CLOSED]
        )
        .select_related("process__meeting")
        .order_by("-submitted_at")
    )


def own_objections(*, delegation: Delegation) -> QuerySet[Objection]:
    """Only the objections of ``delegation``: a State never sees another's."""
    return Objection.objects.filter(delegation=delegation, withdrawn_at__isnull=True)


def applicants_as_recipients(mailing) -> list:
    """Mailing recipients: the focal points of a meeting's applicants with a given status."""
    applications = Application.objects.filter(
        process__meeting=mailing.meeting, email_confirmed_at__isnull=False
    ).select_related("country")
    if mailing.applicant_status:
        applications = applications.filter(status=mailing.applicant_status)
    return [
        Recipient(email=a.focal_point_email, name=a.focal_point_name, delegation=a.name, title="")
        for a in applications
    ]


def due_items(*, meeting, now) -> list[DueItem]:
    """Civil society of ``meeting`` as its admin home shows it: the call, applications by status,
    lists before Member States and objections pending (in ``meetings.selectors.DUE_PROVIDERS``)."""
    process = CivilSocietyProcess.objects.filter(meeting=meeting).first()
    if process is None:
        return []
    section = _("Civil society")
    applications = reverse("admin:stakeholders_application_changelist")
    items = []
    if process.opens_at > now:
        items.append(
            DueItem(
                section=section,
                label=_("Applications open on"),
                when=process.opens_at,
                url=reverse("admin:stakeholders_civilsocietyprocess_change", args=[process.pk]),
                action=_("Check the call"),
            )  # fmt: skip
        )
    elif process.closes_at > now:
        items.append(
            DueItem(
                section=section,
                label=_("Applications open until"),
                when=process.closes_at,
                url=reverse("admin:stakeholders_civilsocietyprocess_change", args=[process.pk]),
                action=_("Check the call"),
            )  # fmt: skip
        )
    counts = process.applications.values("status").annotate(n=Count("pk")).order_by("status")
    for row in counts:
        items.append(
            DueItem(
                section=section,
                label=ngettext(
                    "application with the status “%(status)s”",
                    "applications with the status “%(status)s”",
                    row["n"],
                )
                % {"status": ApplicationStatus(row["status"]).label},
                count=row["n"],
                url=f"{applications}?process__id__exact={process.pk}&status__exact={row['status']}",
                action=_("Review them") if row["status"] in REVIEW_STATUSES else _("See them"),
            )
        )
    for proposed in process.proposed_lists.filter(status=ProposedListStatus.SUBMITTED):
        standing = Objection.objects.filter(
            entry__proposed_list=proposed, withdrawn_at__isnull=True
        ).count()
        items.append(
            DueItem(
                section=section,
                label=_("%(list)s is before Member States; objections until") % {"list": proposed},
                when=proposed.objection_deadline,
                count=standing,
                url=reverse("admin:stakeholders_proposedlist_change", args=[proposed.pk]),
                action=_("See the objections"),
            )
        )
    objected = ProposedEntry.objects.filter(
        proposed_list__process=process, outcome=EntryOutcome.OBJECTED
    ).count()
    if objected:
        items.append(
            DueItem(
                section=section,
                label=_("Names objected to, for the Assembly to decide"),
                count=objected,
                url=reverse("admin:stakeholders_proposedentry_changelist")
                + f"?outcome__exact={EntryOutcome.OBJECTED}",
                action=_("Record the Assembly's decision"),
            )
        )
    return items


#: Statuses of an application that wait for staff.
REVIEW_STATUSES = {ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFORMATION}
