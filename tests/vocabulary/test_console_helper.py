"""``icpconsole.core.console.refusal_shown``: one way for a console view to show a refusal."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404
from django.test import RequestFactory

from icpconsole.core.console import refusal_shown
from icpconsole.core.errors import Conflict, NotFound


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
