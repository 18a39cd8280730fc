"""The simulated phone and the public ICP record query (no login)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from icpconsole.core.api.throttling import AddressRateThrottle
from icpconsole.core.console import refusal_shown
from icpconsole.core.faces import refusal_response
from icpconsole.core.views import paginate

from .. import forms, refusals
from ..domains import normalize_main_domain
from ..selectors import messages_for, registry_query, registry_query_app


@login_required
@require_GET
def inbox(request):
    page = paginate(request, messages_for(request.user))
    return render(request, "filings/inbox.html", {"page_obj": page})


# --- the public ICP record query (no login) --------------------------------------------------


@require_GET
def icp_record_query(request):
    """The MIIT registry's public query, from the selector ``GET /api/v1/icp-records/`` uses.
    Anonymous, so limited per address like the API's anonymous calls (issue 27)."""
    throttle = AddressRateThrottle()
    if not throttle.allow_request(request, None):
        response = refusal_response(request, refusals.RECORD_QUERY_THROTTLED())
        response["Retry-After"] = str(max(1, round(throttle.wait() or 60)))
        return response
    records, queried, queried_app = None, "", ""
    app_form = forms.AppRecordQueryForm(request.GET if "app_name" in request.GET else None)
    if "app_name" in request.GET and "domain" not in request.GET:
        form = forms.RecordQueryForm()
        if app_form.is_valid():
            queried_app = app_form.cleaned_data["app_name"].strip()
            with refusal_shown(request, form=app_form, field="app_name"):
                records = list(registry_query_app(queried_app).select_related("website"))
    elif "domain" in request.GET:
        form = forms.RecordQueryForm(request.GET)
        if form.is_valid():
            with refusal_shown(request, form=form, field="domain"):
                queried = normalize_main_domain(form.cleaned_data["domain"])[0]
                records = list(registry_query(queried).select_related("website"))
    else:
        form = forms.RecordQueryForm()
    return render(
        request,
        "filings/icp_records.html",
        {
            "form": form,
            "app_form": app_form,
            "records": records,
            "queried_domain": queried,
            "queried_app": queried_app,
            "base_template": "base.html" if request.user.is_authenticated else "filings/public_base.html",
        },
    )
