"""Who may see and do what: the rules of access every app's views and admin rely on.

A delegation acts through its focal points (``FocalPoint``): each reaches only what is
its delegation's own; staff reach everything through the admin. Each rule is one function.
"""

from datetime import date
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from meetings.models import (
    CoFacilitator,
    Delegation,
    FocalPoint,
    GroupOfStates,
    ResolutionDraft,
    SideEvent,
)
from meetings.sql import columns, read_row


class SignInBackend(ModelBackend):
    """Django's sign-in by user name and password, which reads a signed-in user with their
    focal point and its delegation: every request of a delegation needs all three, and in the
    opening-minute rush every one of them is a focal point's."""

    def get_user(self, user_id):
        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@cache
def _signed_in_sql() -> tuple[str, tuple]:
    """The statement that reads a user with their focal point and its delegation, and the
    models whose columns it selects in turn: the ORM's ``select_related`` query, written once
    per process (``meetings.sql``)."""
    models = (get_user_model(), FocalPoint, Delegation)
    quote = connection.ops.quote_name
    user, focal_point, delegation = (quote(model._meta.db_table) for model in models)
    return (  # names from the models, the id a parameter
        f"SELECT {columns(zip('ufd', models, strict=True), connection.alias)} FROM {user} u"  # noqa: S608
        f" LEFT JOIN {focal_point} f ON f.{quote('user_id')} = u.{quote('id')}"
        f" LEFT JOIN {delegation} d ON d.{quote('id')} = f.{quote('delegation_id')}"
        f" WHERE u.{quote('id')} = %s",
        models,
    )


def signed_in_user(user_id):
    """The user ``user_id`` with their focal point and its delegation (``user.focal_point``
    is None for anyone else), or None: the same objects as ``select_related`` gives, read by
    one prepared statement (``_signed_in_sql``)."""
    sql, models = _signed_in_sql()
    found = read_row("hlm_signed_in_user", sql, [user_id], models, connection.alias)
    if found is None:
        return None
    user, focal_point, delegation = found
    if focal_point is None:
        FocalPoint.user.field.remote_field.set_cached_value(user, None)
    else:
        focal_point.delegation = delegation
        user.focal_point = focal_point
    return user


def focal_point_of(user) -> FocalPoint | None:
    """Return the focal point record of ``user``, or None for anyone else."""
    if not user.is_authenticated:
        return None
    # Read with the user by SignInBackend; a user read otherwise reads it here.
    return getattr(user, "focal_point", None)


class DelegationMixin(LoginRequiredMixin):
    """Only a delegation's focal points; everything they reach is their delegation's own.

    Sets ``self.focal_point`` and ``self.delegation`` for the view.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.focal_point = focal_point_of(request.user)
        if self.focal_point is None:
            if request.user.is_staff:  # staff's pages (the sign-in page sends them here)
                return redirect("admin:index")
            raise PermissionDenied(_("Your account is not linked to a delegation."))
        self.delegation = self.focal_point.delegation
        return super().dispatch(request, *args, **kwargs)


def may_see_compilation(*, user, draft: ResolutionDraft) -> bool:
    """Staff and the co-facilitators' delegations see every State's input; others their own."""
    if user.is_staff:
        return True
    focal_point = getattr(user, "focal_point", None)
    return bool(
        focal_point
        and draft.resolution.co_facilitators.filter(
            delegation_id=focal_point.delegation_id
        ).exists()
    )


def with_compilation_seen(drafts: QuerySet, *, delegation: Delegation) -> QuerySet:
    """``drafts``, each with ``sees_compilation``: ``delegation`` co-facilitates its text, so
    it sees every State's input (``may_see_compilation``, in the same query)."""
    return drafts.annotate(
        sees_compilation=Exists(
            CoFacilitator.objects.filter(resolution=OuterRef("resolution"), delegation=delegation)
        )
    )


def may_manage_side_event(*, user, side_event: SideEvent) -> bool:
    """Staff, and the focal points of the organizing delegation."""
    if user.is_staff:
        return True
    focal_point = getattr(user, "focal_point", None)
    return bool(focal_point and focal_point.delegation_id == side_event.organizer_id)


def groups_chaired(*, delegation: Delegation | None, on: date) -> QuerySet[GroupOfStates]:
    """The groups ``delegation`` chairs or coordinates on ``on``, as staff record it."""
    return GroupOfStates.objects.filter(
        chairs__delegation=delegation, chairs__starts_on__lte=on, chairs__ends_on__gte=on
    ).distinct()


def may_speak_for_group(*, delegation: Delegation | None, group: GroupOfStates, on: date) -> bool:
    """Only the delegation staff record as the group's chair or coordinator on ``on`` inscribes
    a statement on its behalf (staff themselves always may: their callers let them through)."""
    if delegation is None:
        return False
    return groups_chaired(delegation=delegation, on=on).filter(pk=group.pk).exists()
