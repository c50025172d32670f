"""WSGI entry point (gunicorn mysphere_core.wsgi)."""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysphere_core.settings")
application = get_wsgi_application()
# Every app's URLs, views and serializers are imported as the worker starts, not by
# its first request: a cold worker made that request wait 0.5-2.6 s (make chaos saw
# another user's write wait on a worker that had not served anything yet).
import_module(settings.ROOT_URLCONF)
