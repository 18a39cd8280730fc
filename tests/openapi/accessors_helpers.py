"""Readers of Beian 2016-08-10's reporting answers, shared by the accessor action tests (issue 15)."""

from __future__ import annotations

import datetime as dt

from accessors.models import FullDomainsSubmission, IpCheck, ReportedDomain, ReportedIp, WhiteListEntry
from icpconsole.core.models import AuditEvent


def _ok(response) -> dict:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body.get("RequestId") or body.get("requestId")
    return body


def _done(response) -> None:
    body = _ok(response)
    assert (body["Code"], body["Message"]) == (200, "success")


def _err(response, code: str, status: int = 400) -> str:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["Code"] == code, body
    return body["Message"]


def _status(rpc, domain: str) -> dict:
    return _ok(rpc.beian("QueryAccessorDomainStatus", Domain=domain))["Data"]


def _domains(rpc, **params) -> list[str]:
    return _ok(rpc.beian("QueryAccessorDomainList", **params))["Data"]["Domains"]


def _beijing(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M:%S")


def _nothing_written():
    return (
        ReportedDomain.objects.count()
        + ReportedIp.objects.count()
        + WhiteListEntry.objects.count()
        + IpCheck.objects.count()
        + FullDomainsSubmission.objects.count()
        + AuditEvent.objects.filter(action__startswith="accessor.").count()
    ) == 0


def _white_list(rpc, domains, **params):
    return rpc.beian(
        "ManageAccessorDomainWhiteList",
        **{f"Domains.{n}": d for n, d in enumerate(domains, 1)},
        **params,
    )
