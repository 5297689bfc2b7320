from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from hlm_portal.api import api
from meetings.accounts import PasswordResetView, SignInForm
from meetings.views.language import choose_language

admin.site.site_header = _("HLM Portal — Office of the President of the General Assembly")
admin.site.site_title = _("HLM Portal")
admin.site.index_title = _("Organize high-level meetings")


def healthz(request):
    """Liveness probe for the load balancer: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers and bots ask for /favicon.ico on every site: send them to the static icon."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("language/<str:code>/", choose_language, name="language"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("speakers.urls")),
    path("", include("stakeholders.urls")),
    path("", include("meetings.urls")),
]
