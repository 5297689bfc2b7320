import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlm_portal.settings")

application = get_wsgi_application()

# What start-up loads (the apps and their models, the URLconf with the views, forms and
# services it imports) lives as long as the process: keep it out of the garbage collector's
# full passes, which otherwise walk all of it again while requests allocate.
import_module(settings.ROOT_URLCONF)
gc.collect()
gc.freeze()
