"""Who may see and do what: the rules of access every app's views and admin rely on.

A delegation acts through its focal points (``FocalPoint``): each reaches only what is
its delegation's own; staff reach everything through the admin. Each rule is one function.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from meetings.models import FocalPoint, ResolutionDraft, SideEvent


def focal_point_of(user) -> FocalPoint | None:
    """Return the focal point record of ``user``, or None for anyone else."""
    if not user.is_authenticated:
        return None
    return FocalPoint.objects.select_related("delegation").filter(user=user).first()


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


def may_manage_side_event(*, user, side_event: SideEvent) -> bool:
    """Staff, and the focal points of the organizing delegation."""
    if user.is_staff:
        return True
    focal_point = getattr(user, "focal_point", None)
    return bool(focal_point and focal_point.delegation_id == side_event.organizer_id)
