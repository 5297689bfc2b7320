"""Focal points' accounts: a password reset that tells nothing and floods no mailbox.

The request only queues a task with the address given: whether an account has that address,
the token and the mail are the task's business, so a known and an unknown address get the same
answer after the same work. Requests are limited per address and per client.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from django_ratelimit.decorators import ratelimit

from meetings.formatting import page_language
from meetings.forms import OutboxPasswordResetForm
from meetings.services.delegations import remember_language
from meetings.tasks import send_password_reset


def signed_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: remember the language of the sign-in page (``remember_language``)."""
    remember_language(user=user, language=page_language())


def _address(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


def _rate(name):
    return lambda group, request: getattr(settings, name)


class BoundedUsernameMixin:
    """A sign-in form that refuses a name longer than an account's name, as a form error
    (Django sets the length after the field is made, so it checks nothing, and the sign-in
    lockout would fail storing the name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class SignInForm(BoundedUsernameMixin, AuthenticationForm):
    pass


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        domain = domain_override or request.get_host()
        transaction.on_commit(
            partial(
                send_password_reset.delay,
                email=self.cleaned_data["email"],
                domain=domain,
                use_https=use_https,
            )
        )


def mail_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    """Mail a link to choose a new password to every active account with ``email``."""
    form = OutboxPasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)


THROTTLED = _(
    "Too many requests for a new password for this address or from your network. "
    "Please try again in an hour."
)


@method_decorator(
    ratelimit(
        group="password_reset:client",
        key="ip",
        rate=_rate("RESET_LINK_RATE_PER_CLIENT"),
        method="POST",
        block=False,
    ),
    name="post",
)
@method_decorator(
    ratelimit(
        group="password_reset:address",
        key=_address,
        rate=_rate("RESET_LINK_RATE_PER_ADDRESS"),
        method="POST",
        block=False,
    ),
    name="post",
)
class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            form = self.get_form()
            form.add_error(None, THROTTLED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
