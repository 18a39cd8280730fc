"""Two languages (SPEC 4.1): every user-facing text in English (the default) and Simplified Chinese
(``zh-hans``), on the same URLs, chosen by the ``django_language`` cookie or ``Accept-Language``.

The catalogue tests re-extract the texts the way ``make messages`` does, into a copy of the
project, so a text added without its translation fails here instead of showing up in English on
a Chinese page.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from filings.models import MessageKind, PhoneMessage
from filings.services import filing_review
from servicecodes.reasons import REASON_ORDER, REASONS, Reason
from tests.console.html import parse, row_for
from tests.factories import InstanceFactory
from tests.filings import flows

ROOT = Path(settings.BASE_DIR)
LOCALE = "zh_Hans"
PO_DIR = ROOT / "locale" / LOCALE / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
# The options of ``make messages`` (Makefile): keep the two in step.
MAKEMESSAGES_OPTIONS = [
    "-l",
    LOCALE,
    "--no-obsolete",
    "--ignore=.venv",
    "--ignore=bench",
    "--ignore=tests",
    "--ignore=staticfiles",
    "--ignore=node_modules",
]
# What the copy of the project leaves out: nothing in these holds a text of the product.
_NOT_COPIED = shutil.ignore_patterns(
    ".*",
    "__pycache__",
    "*.pyc",
    "*.sqlite3*",
    "bench",
    "tests",
    "docs",
    "staticfiles",
    "node_modules",
    "*.egg-info",
    "build",
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _describe(entries) -> str:
    return "\n".join(
        f"  {entry.msgid!r}  ({', '.join(f'{path}:{line}' for path, line in entry.occurrences[:2])})"
        for entry in entries
    )


def _missing(po: polib.POFile) -> tuple[list, list]:
    untranslated = [
        entry
        for entry in po
        if not entry.obsolete
        and (not entry.msgstr if not entry.msgid_plural else not all(entry.msgstr_plural.values()))
    ]
    fuzzy = [entry for entry in po if not entry.obsolete and "fuzzy" in entry.flags]
    return untranslated, fuzzy


# --- the catalogue ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, polib.POFile]:
    """The catalogues ``make messages`` would write now: the committed ones merged with every text
    the code and templates mark today."""
    missing = [tool for tool in ("xgettext", "msgmerge", "msguniq") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"GNU gettext is not installed ({', '.join(missing)} missing): apt-get install gettext")
    copy = tmp_path_factory.mktemp("i18n") / "project"
    shutil.copytree(ROOT, copy, ignore=_NOT_COPIED)
    catalogues = {}
    for domain in DOMAINS:
        result = subprocess.run(  # noqa: S603 (fixed arguments, our own manage.py)
            [sys.executable, "manage.py", "makemessages", "-d", domain, *MAKEMESSAGES_OPTIONS],
            cwd=copy,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        assert result.returncode == 0, f"makemessages -d {domain} failed:\n{result.stdout}\n{result.stderr}"
        path = copy / "locale" / LOCALE / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            catalogues[domain] = polib.pofile(str(path))
    assert "django" in catalogues
    return catalogues


def test_every_marked_text_is_translated_into_chinese(extracted):
    problems = []
    for domain, po in extracted.items():
        untranslated, fuzzy = _missing(po)
        if untranslated:
            problems.append(
                f"{domain}: {len(untranslated)} text(s) without a translation:\n{_describe(untranslated)}"
            )
        if fuzzy:
            problems.append(f"{domain}: {len(fuzzy)} fuzzy translation(s) to check:\n{_describe(fuzzy)}")
    assert not problems, (
        "Run `make messages`, translate these in locale/zh_Hans/LC_MESSAGES/*.po, and run it again "
        "to compile:\n" + "\n".join(problems)
    )


def test_committed_catalogue_is_complete_and_uses_chinese_plural_forms():
    po = polib.pofile(str(PO_DIR / "django.po"))
    untranslated, fuzzy = _missing(po)
    assert not untranslated, f"untranslated:\n{_describe(untranslated)}"
    assert not fuzzy, f"fuzzy:\n{_describe(fuzzy)}"
    assert not po.metadata_is_fuzzy
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert all(len(entry.msgstr_plural) == 1 for entry in po if entry.msgid_plural)


def test_translations_keep_every_placeholder():
    po = polib.pofile(str(PO_DIR / "django.po"))
    wrong = []
    for entry in po:
        wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values():
            if set(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"  {entry.msgid!r} -> {text!r}")
    assert not wrong, "translations that lose or add a %(name)s placeholder:\n" + "\n".join(wrong)


def test_compiled_catalogue_is_committed_and_matches_the_po_file():
    """A fresh checkout without gettext (no msgfmt) still serves Chinese: the .mo is committed,
    and it must say what the .po says."""
    po = polib.pofile(str(PO_DIR / "django.po"))
    mo_path = PO_DIR / "django.mo"
    assert mo_path.exists(), "locale/zh_Hans/LC_MESSAGES/django.mo is missing: run `make messages`"
    mo = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo_path))}
    stale = []
    for entry in po.translated_entries():
        compiled = mo.get((entry.msgctxt, entry.msgid))
        if compiled is None or (compiled.msgstr_plural or compiled.msgstr) != (
            entry.msgstr_plural or entry.msgstr
        ):
            stale.append(entry)
    assert not stale, f"django.mo is out of date (run `make messages`):\n{_describe(stale)}"
    ignored = (ROOT / ".gitignore").read_text()
    assert not re.search(r"^\*?\.mo$|^\*\.mo\b|^locale/?$", ignored, re.M), ".mo files must be committed"


# --- nothing left unmarked ------------------------------------------------------------------------

_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
_BLOCKTRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
_TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
_RAW = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_HTML_TAG = re.compile(r"<[^>]*>", re.S)
_TEXT_ATTRIBUTE = re.compile(
    r'\s(title|alt|placeholder|aria-label|aria-description|label|data-confirm-[a-z-]+)\s*=\s*"([^"]*)"', re.I
)
_WORD = re.compile(r"[A-Za-z]{2,}")
# Words that read the same in both languages.
_SAME_IN_BOTH = {"Mbps", "ICP", "UID", "ID", "IP", "RMB", "AccessKey", "API", "SDK", "ECS"}


def _unmarked_words(text: str) -> list[str]:
    return [word for word in _WORD.findall(_TEMPLATE_TAG.sub(" ", text)) if word not in _SAME_IN_BOTH]


def _template_files() -> list[Path]:
    folders = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("icpconsole/*/templates")]
    return sorted(
        path
        for folder in folders
        if folder.is_dir() and folder.parent.name != "bench"
        for path in folder.rglob("*.html")
    )


def test_template_texts_are_marked_for_translation():
    """Text in a template outside {% translate %} / {% blocktranslate %} would stay English."""
    problems = []
    for path in _template_files():
        source = _RAW.sub(" ", _BLOCKTRANSLATE.sub(" ", _COMMENT.sub(" ", path.read_text())))
        for tag in _HTML_TAG.findall(source):
            for attribute, value in _TEXT_ATTRIBUTE.findall(tag):
                if _unmarked_words(value):
                    problems.append(f"  {path.relative_to(ROOT)}: {attribute}={value!r}")
        for line in _HTML_TAG.sub("\n", source).splitlines():
            if _unmarked_words(line):
                problems.append(f"  {path.relative_to(ROOT)}: {line.strip()!r}")
    assert not problems, "wrap these in {% translate %} or {% blocktranslate %}:\n" + "\n".join(problems)


_DOMAIN_ERRORS = {"DomainError", "InvalidInput", "Conflict", "NotFound", "PermissionDenied", "NotEligible"}
_MESSAGE_CALLS = {"debug", "info", "success", "warning", "error", "add_message", "message_user"}
_PACKAGES = ("icpconsole", "instances", "servicecodes", "filings", "openapi")
# Being reworked by another change; remove an entry once its text is wrapped.
_NOT_YET_WRAPPED: set[tuple[str, str]] = set()


def _literal_text(node: ast.AST) -> str | None:
    """The text of a plain string or f-string argument (a message nobody can translate)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _WORD.search(node.value):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return None


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def test_refusal_and_console_messages_are_marked_for_translation():
    """Domain errors carry the API's ``message`` and the console's error text; django messages
    are what the console shows after an action: both must go through gettext."""
    problems = []
    for package in _PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(), filename=relative)):
                if not isinstance(node, ast.Call):
                    continue
                name = _call_name(node)
                if name in _DOMAIN_ERRORS:
                    message = node.args[1] if len(node.args) > 1 else None
                    if name == "NotEligible" and node.args:
                        message = node.args[0]
                    message = next((k.value for k in node.keywords if k.arg == "message"), message)
                elif name in _MESSAGE_CALLS and len(node.args) >= 2:
                    message = node.args[-1] if name != "add_message" else node.args[2]
                else:
                    continue
                text = _literal_text(message) if message is not None else None
                if text is None or any(
                    relative == skip and text.startswith(prefix) for skip, prefix in _NOT_YET_WRAPPED
                ):
                    continue
                problems.append(f"  {relative}:{node.lineno}: {name}(... {text!r})")
    assert not problems, "wrap these messages in gettext (named %(placeholders)s):\n" + "\n".join(problems)


# --- reasons: one source for both languages --------------------------------------------------------

REASON_PARAMS = {
    "REGION_NOT_MAINLAND": {"region_id": "ap-southeast-1"},
    "SUBSCRIPTION_TOO_SHORT": {"months": 3, "rule": "remaining"},
    "ORDER_AMOUNT_TOO_LOW": {"amount": 90},
    "QUOTA_EXHAUSTED": {"quota": 5},
}


@pytest.mark.parametrize("code", REASON_ORDER)
def test_reason_chinese_text_is_the_catalogue_translation(code):
    reason = Reason(code, REASON_PARAMS.get(code, {}))
    with translation.override("zh-hans"):
        assert reason.message == reason.message_zh
        assert reason.remedy == reason.remedy_zh
    with translation.override("en"):
        assert not HAN.search(reason.message) and HAN.search(reason.message_zh)
        assert not HAN.search(reason.remedy) and HAN.search(reason.remedy_zh)


def test_reason_table_keeps_no_second_copy_of_the_chinese():
    assert all(not hasattr(spec, "zh") and not hasattr(spec, "remedy_zh") for spec in REASONS.values())


# --- the console -----------------------------------------------------------------------------------


@pytest.fixture
def pay_as_you_go(user):
    return InstanceFactory(owner=user, charge_type="PostPaid")


def test_console_is_english_by_default(console, pay_as_you_go):
    page = parse(console.get("/console/icp/application/").content)

    assert page.find("h1").text == "ICP No. Application"
    assert page.find("html").get("lang") == "en"
    row = row_for(page, pay_as_you_go.instance_id)
    assert "Pay-as-you-go instances do not support ICP filing." in row.text


def test_console_in_chinese_with_the_language_cookie(console, pay_as_you_go):
    console.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = parse(console.get("/console/icp/application/").content)

    assert page.find("html").get("lang") == "zh-hans"
    assert page.find("h1").text == "服务号申请"
    row = row_for(page, pay_as_you_go.instance_id)
    reason = row.find(data_reason_code="PAY_AS_YOU_GO")
    assert "按量付费的实例不支持ICP备案。" in reason.text
    assert "请将实例的付费方式由按量付费转换为包年包月。" in reason.text
    assert "包年包月" in row.text  # the billing method column, from the model's choices


def test_console_follows_accept_language_without_a_cookie(console):
    response = console.get("/console/instances/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    assert parse(response.content).find("h1").text == "实例"


def test_language_switch_sets_the_cookie_and_the_next_page_is_chinese(console):
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"
    page = parse(console.get("/console/").content)
    switch = page.find("form", class_="lang-switch")
    assert switch is not None and switch.get("action") == "/i18n/setlang/"
    assert {button.get("value") for button in switch.find_all("button")} == {"en", "zh-hans"}

    response = console.post(switch.get("action"), {"language": "zh-hans", "next": "/console/icp/codes/"})

    assert response.status_code == 302 and response["Location"] == "/console/icp/codes/"
    assert response.cookies["django_language"].value == "zh-hans"
    assert parse(console.get("/console/icp/codes/").content).find("h1").text == "服务号管理"

    console.post("/i18n/setlang/", {"language": "en", "next": "/console/icp/codes/"})
    assert parse(console.get("/console/icp/codes/").content).find("h1").text == "ICP No. Management"


def test_login_page_is_translated(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "登录ICP备案管理控制台" in client.get("/accounts/login/").content.decode()


def test_console_action_messages_are_chinese(console, instance):
    console.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = console.post(f"/console/instances/{instance.instance_id}/stop/", follow=True)
    assert f"实例 {instance.instance_id} 已停止。" in response.content.decode()
    response = console.post(f"/console/instances/{instance.instance_id}/stop/", follow=True)
    assert "该实例当前已处于“已停止”状态。" in response.content.decode()


# --- the API ---------------------------------------------------------------------------------------


def test_api_messages_are_english_by_default(api, instance):
    response = api.get("/api/v1/instances/i-bp1doesnotexist0000/")
    assert response.status_code == 404
    assert response.json() == {
        "code": "INSTANCE_NOT_FOUND",
        "message": "Instance i-bp1doesnotexist0000 does not exist.",
    }


def test_api_404_message_follows_accept_language(api):
    response = api.get("/api/v1/instances/i-bp1doesnotexist0000/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert response.status_code == 404
    assert response.json() == {"code": "INSTANCE_NOT_FOUND", "message": "实例 i-bp1doesnotexist0000 不存在。"}
    assert "Accept-Language" in response["Vary"]


def test_api_not_eligible_409_is_chinese_with_accept_language(api, pay_as_you_go):
    response = api.post(
        f"/api/v1/instances/{pay_as_you_go.instance_id}/service-codes/", HTTP_ACCEPT_LANGUAGE="zh-Hans"
    )

    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "NOT_ELIGIBLE"
    assert data["message"] == "该实例不满足申请备案服务号的条件。"
    assert data["reasons"] == [
        {
            "code": "PAY_AS_YOU_GO",
            "message": "按量付费的实例不支持ICP备案。",
            "remedy": "请将实例的付费方式由按量付费转换为包年包月。",
            "remedy_action": "convert_to_prepaid",
        }
    ]


def test_api_follows_the_language_cookie_too(api, pay_as_you_go):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    reasons = api.get(f"/api/v1/instances/{pay_as_you_go.instance_id}/").json()["eligibility"]["reasons"]
    assert reasons[0]["message"] == "按量付费的实例不支持ICP备案。"


def test_api_validation_errors_are_chinese(api):
    response = api.post(
        "/api/v1/instances/",
        {
            "product": "ecs",
            "region_id": "cn-hangzhou",
            "charge_type": "PrePaid",
            "period_months": 37,
            "internet_max_bandwidth_out": 1,
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-Hans",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_PERIOD"
    assert response.json()["message"] == (
        "period_months 必须是 1 到 36 之间的整数，且仅适用于包年包月（PrePaid）实例。"
    )


def test_api_unauthenticated_message_is_chinese(anon_api):
    response = anon_api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert response.status_code == 401
    assert HAN.search(response.json()["message"])


# --- texts sent to the phone -----------------------------------------------------------------------


def test_a_phone_message_reads_in_the_readers_language_whoever_sent_it(user, staff, instance, client):
    """Messages are stored with their kind and parameters and rendered when read (issue 18, item 9):
    a code sent while a Chinese-speaking reviewer approved reads in English for an English reader,
    and in Chinese for a Chinese one."""
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    with translation.override("zh-hans"):
        flows.to_pending_sms(order, staff=staff)
    message = PhoneMessage.objects.get(account=user, kind=MessageKind.SMS_CODE)

    assert message.text.startswith("[ICP Filing] Your verification code")  # kept as sent, in English
    with translation.override("en"):
        assert message.rendered_text.startswith("[ICP Filing] Your verification code")
    with translation.override("zh-hans"):
        assert message.rendered_text.startswith("【ICP备案】您的备案订单")
        assert message.secret in message.rendered_text

    client.force_login(user)
    chinese_inbox = client.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["results"]
    english_inbox = client.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert chinese_inbox[0]["text"].startswith("【ICP备案】您的备案订单")
    assert english_inbox[0]["text"].startswith("[ICP Filing] Your verification code")


def test_a_system_rejection_reason_reads_in_the_readers_language(user, staff, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    flows.submit(actor=user, order_id=order.pk)
    with translation.override("zh-hans"):
        filing_review(actor=staff, order_id=order.pk, decision="reject", reason_code="MATERIALS_UNCLEAR")
    order.refresh_from_db()

    # A rejection always says why (REJECTION_REASON_REQUIRED otherwise); the catalogued reason is
    # kept by its code and its English msgid, and read in the reader's language.
    english = "The uploaded documents are unclear or incomplete"
    assert order.reason_code == "MATERIALS_UNCLEAR"
    assert order.events.last().note.startswith(english)
    with translation.override("zh-hans"):
        assert not order.reason_text.startswith(english)
        assert order.events.last().note_text == order.reason_text
    with translation.override("en"):
        assert order.reason_text.startswith(english)
