"""The simulated phone and the public ICP record query (no login)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from icpconsole.core.errors import InvalidInput
from icpconsole.core.views import paginate

from .. import forms
from ..domains import normalize_main_domain
from ..selectors import messages_for, registry_query


@login_required
@require_GET
def inbox(request):
    page = paginate(request, messages_for(request.user))
    return render(request, "filings/inbox.html", {"page_obj": page})


# --- the public ICP record query (no login) --------------------------------------------------


@require_GET
def icp_record_query(request):
    """The MIIT registry's public query, from the selector ``GET /api/v1/icp-records/`` uses."""
    records, queried = None, ""
    if "domain" in request.GET:
        form = forms.RecordQueryForm(request.GET)
        if form.is_valid():
            try:
                queried = normalize_main_domain(form.cleaned_data["domain"])[0]
                records = list(registry_query(queried))
            except InvalidInput as exc:
                form.add_error("domain", exc.message)
    else:
        form = forms.RecordQueryForm()
    return render(
        request,
        "filings/icp_records.html",
        {
            "form": form,
            "records": records,
            "queried_domain": queried,
            "base_template": "base.html" if request.user.is_authenticated else "filings/public_base.html",
        },
    )
