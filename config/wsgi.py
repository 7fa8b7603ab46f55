from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Import every view now (the URL configuration loads them) rather than in a patient's
# first request, which would wait most of a second for ReportLab and friends.
get_resolver().url_patterns  # noqa: B018 (loads the URL configuration)

# What is loaded by now lives as long as the process: take it out of the garbage
# collector's view. A big request (a 500-change sync) triggers full collections, which
# otherwise scan every module, class and cached query of the app each time: 50-150 ms.
gc.freeze()
