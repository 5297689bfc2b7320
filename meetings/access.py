"""Who may see and do what: the rules of access every app's views and admin rely on.

A delegation acts through its focal points (``FocalPoint``): each reaches only what is
its delegation's own; staff reach everything through the admin. Each rule is one function.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from meetings.models import (
    CoFacilitator,
    Delegation,
    FocalPoint,
    GroupOfStates,
    ResolutionDraft,
    SideEvent,
)


class SignInBackend(ModelBackend):
    """Django's sign-in by user name and password, which reads a signed-in user with their
    focal point and its delegation: every request of a delegation needs all three, and in the
    opening-minute rush every one of them is a focal point's."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("focal_point__delegation")
        try:
            user = users.get(pk=user_id)
        except ObjectDoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


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
