"""``/favicon.ico``: browsers ask for it on every page, whatever the page's ``<link rel="icon">``
says; answer with the console's icon (``static/favicon.ico``) rather than a 404."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    path = finders.find("favicon.ico")
    if not path:
        raise Http404("favicon.ico")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115 (closed by Django)
