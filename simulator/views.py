"""The console overview: the account's instances and service codes at a glance."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from icpconsole.core import clock
from instances.models import InstanceStatus
from servicecodes.models import CodeStatus

from .selectors import overview_counts, website_attention


@login_required
def overview(request):
    now = clock.now()
    instance_counts, code_counts = overview_counts(request.user, now)
    context = {
        "now": now,
        "instance_total": sum(instance_counts.values()),
        "instance_counts": [(s.value, s.label, instance_counts[s.value]) for s in InstanceStatus],
        "code_total": sum(code_counts.values()),
        "code_counts": [(s.value, s.label, code_counts[s.value]) for s in CodeStatus],
        "attention": website_attention(request.user, now),
    }
    return render(request, "simulator/overview.html", context)
