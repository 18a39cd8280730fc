"""``icpconsole.core.console.refusal_shown``: one way for a console view to show a refusal; and
``visible_or_404``, the same 404 for a view that only looks an object up."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404
from django.test import RequestFactory

from icpconsole.core.console import refusal_shown, visible_or_404
from icpconsole.core.errors import Conflict, InvalidInput, NotFound


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_becomes_the_pages_message():
    request = _request()
    with refusal_shown(request) as outcome:
        raise Conflict("SOME_REFUSAL", "Not now.")

    assert not outcome.ok
    assert [str(m) for m in get_messages(request)] == ["Not now."]


def test_a_refusal_becomes_the_forms_error():
    form = forms.Form(data={})
    form.is_valid()
    with refusal_shown(_request(), form=form) as outcome:
        raise Conflict("SOME_REFUSAL", "Not now.")

    assert not outcome.ok
    assert form.non_field_errors() == ["Not now."]


def test_another_accounts_object_is_a_404():
    with pytest.raises(Http404), refusal_shown(_request()):
        raise NotFound("SOME_NOT_FOUND", "No such thing.")


def test_nothing_refused_is_ok():
    with refusal_shown(_request()) as outcome:
        pass
    assert outcome.ok


def _form():
    class TwoFields(forms.Form):
        certificate_number = forms.CharField(required=False)
        service_code = forms.CharField(required=False)

    form = TwoFields(data={})
    form.is_valid()
    return form


def test_a_refusal_goes_on_the_field_named():
    form = _form()
    with refusal_shown(_request(), form=form, field="service_code"):
        raise Conflict("SOME_REFUSAL", "Not now.")

    assert form.errors == {"service_code": ["Not now."]}


def test_the_refused_input_is_mapped_to_its_form_field():
    form = _form()
    fields = {"certificate_type": "certificate_number"}
    with refusal_shown(_request(), form=form, fields=fields):
        raise InvalidInput("SOME_REFUSAL", "Wrong type.", field="certificate_type")
    with refusal_shown(_request(), form=form, fields=fields):
        raise InvalidInput("OTHER_REFUSAL", "Wrong name.", field="app_name")  # not mapped

    assert form.errors == {"certificate_number": ["Wrong type."], "__all__": ["Wrong name."]}


def test_the_message_is_worded_by_the_view():
    request = _request()
    with refusal_shown(request, message=lambda exc: f"{exc.code}: {exc.message}"):
        raise Conflict("SOME_REFUSAL", "Not now.")

    assert [str(m) for m in get_messages(request)] == ["SOME_REFUSAL: Not now."]


def test_a_quiet_refusal_is_kept_not_shown():
    request = _request()
    with refusal_shown(request, quiet=InvalidInput) as outcome:
        raise InvalidInput("SOME_REFUSAL", "Not now.")

    assert outcome.refusal.code == "SOME_REFUSAL"
    assert list(get_messages(request)) == []


def test_a_missing_object_can_be_an_ordinary_refusal():
    request = _request()
    with refusal_shown(request, not_found_404=False) as outcome:
        raise NotFound("SOME_NOT_FOUND", "No such code.")

    assert isinstance(outcome.refusal, NotFound)
    assert [str(m) for m in get_messages(request)] == ["No such code."]


def _lookup(user, object_id, *, refusal=None):
    if refusal is not None:
        raise refusal
    return (user, object_id)


def test_a_lookup_passes_its_object_through():
    assert visible_or_404(_lookup, "alice", 7) == ("alice", 7)


def test_a_lookup_of_another_accounts_object_is_the_same_404():
    missing = NotFound("SOME_NOT_FOUND", "No such thing.")
    with pytest.raises(Http404) as raised:
        visible_or_404(_lookup, "alice", 7, refusal=missing)
    with pytest.raises(Http404) as shown, refusal_shown(_request()):
        raise missing

    assert str(raised.value) == str(shown.value) == "No such thing."
    assert raised.value.__cause__ is missing


def test_a_lookup_passes_any_other_refusal_on():
    with pytest.raises(Conflict):
        visible_or_404(_lookup, "alice", 7, refusal=Conflict("SOME_REFUSAL", "Not now."))
