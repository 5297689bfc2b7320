from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("HLM Portal — Office of the President of the General Assembly")
admin.site.site_title = _("HLM Portal")
admin.site.index_title = _("Organize high-level meetings")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("meetings.urls")),
]
