"""Celery entry points of the project's own app."""

from celery import shared_task


@shared_task(name="hlm_portal.send_password_reset")
def send_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    from hlm_portal.accounts import mail_password_reset

    mail_password_reset(email=email, domain=domain, use_https=use_https)
