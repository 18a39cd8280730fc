"""The pre-check's data (SPEC 3.9): the approved top-level domains, the words an individual's
website name may not use, the content categories (a website's and an app's) and the document
kinds, with their labels. Re-exported by ``filings.precheck``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise

# --- data --------------------------------------------------------------------------------------

# The top-level domains the MIIT has approved for filing (工业和信息化部 批准的顶级域名), as the
# simulator's data. Source: the MIIT's published list of approved domain registries and their
# suffixes (域名根服务器及域名注册管理机构审批公示), abridged to the suffixes people file most;
# snapshot taken 2024-12. Country codes other than .cn (.io, .me, .hk, .tw, .jp, ...) and suffixes
# without an approved registry in China (.dev, .app, ...) are not on it.
APPROVED_TLDS_UNICODE: frozenset[str] = frozenset(
    {
        "cn", "中国", "中國", "公司", "网络", "网址", "在线", "中文网", "商城", "商店", "集团", "我爱你",
        "com", "net", "org", "info", "biz", "name", "mobi", "pro", "asia", "cc", "tv", "co",
        "top", "xyz", "vip", "club", "shop", "site", "online", "store", "tech", "wang", "ink", "ltd",
        "group", "link", "red", "kim", "art", "love", "fun", "work", "cloud", "ren", "xin", "beer",
        "luxe", "yoga", "design", "press", "space", "website", "host", "pub", "city", "live", "team",
        "video", "life", "today", "zone", "world", "company", "email", "center", "social", "chat",
        "fans", "show", "gold", "plus", "run", "games", "icu", "cyou", "fit", "law", "fashion", "wiki",
    }
)  # fmt: skip
APPROVED_TLDS: frozenset[str] = frozenset(
    tld if tld.isascii() else tld.encode("idna").decode("ascii") for tld in APPROVED_TLDS_UNICODE
)

WEBSITE_NAME_MIN, WEBSITE_NAME_MAX = 3, 30
# Words that suggest an organisation or the state: an individual's website may not use them.
INDIVIDUAL_FORBIDDEN_WORDS: tuple[str, ...] = (
    "公司", "企业", "集团", "组织", "官方", "中国", "中华", "国家", "全国", "政府", "协会", "研究院",
    "company", "official", "group", "government", "national", "china", "inc", "ltd",
)  # fmt: skip


class Category:
    GENERAL = "general"
    BLOG = "blog"
    COMPANY = "company"
    FORUM = "forum"
    ECOMMERCE = "ecommerce"
    NEWS = "news"
    PUBLISHING = "publishing"
    EDUCATION = "education"
    MEDICAL = "medical"
    DRUGS = "drugs"
    CULTURE = "culture"
    RADIO_TV = "radio_tv"
    # An app's own (SPEC 3.11, issue 28): what the app stores list, not a website's kinds.
    TOOLS = "tools"
    LIFESTYLE = "lifestyle"
    SOCIAL = "social"
    GAMES = "games"


CONTENT_CATEGORIES: dict[str, Text] = {
    Category.GENERAL: _("General (enterprise or personal homepage)"),
    Category.BLOG: _("Blog / personal space"),
    Category.COMPANY: _("Company website"),
    Category.FORUM: _("Forum / community"),
    Category.ECOMMERCE: _("E-commerce"),
    Category.NEWS: _("News"),
    Category.PUBLISHING: _("Online publishing"),
    Category.EDUCATION: _("Education"),
    Category.MEDICAL: _("Medical and health"),
    Category.DRUGS: _("Drugs and medical devices"),
    Category.CULTURE: _("Online culture"),
    Category.RADIO_TV: _("Radio, film and TV programmes"),
}
# An app's content categories (data): its own kinds and the regulated ones it shares with websites
# (the same pre-approval or licence rules). A website's kinds (homepage, blog, company website,
# forum) are refused for an app with CONTENT_CATEGORY_NOT_FOR_APP.
APP_CONTENT_CATEGORIES: dict[str, Text] = {
    Category.TOOLS: _("Tools and utilities"),
    Category.LIFESTYLE: _("Lifestyle and local services"),
    Category.SOCIAL: _("Social and communication"),
    Category.GAMES: _("Games"),
    Category.ECOMMERCE: _("Shopping (e-commerce)"),
    Category.NEWS: _("News"),
    Category.PUBLISHING: _("Online publishing"),
    Category.EDUCATION: _("Education"),
    Category.MEDICAL: _("Medical and health"),
    Category.DRUGS: _("Drugs and medical devices"),
    Category.CULTURE: _("Online culture"),
    Category.RADIO_TV: _("Radio, film and TV programmes"),
}
ALL_CONTENT_CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys([*CONTENT_CATEGORIES, *APP_CONTENT_CATEGORIES]))


def content_category_label(value: str, *, is_app: bool = False) -> str:
    """The category's label in the active language: an app's or a website's; the value if neither."""
    first, second = (
        (APP_CONTENT_CATEGORIES, CONTENT_CATEGORIES)
        if is_app
        else (CONTENT_CATEGORIES, APP_CONTENT_CATEGORIES)
    )
    label = first.get(value) or second.get(value)
    return str(label) if label is not None else value


INDIVIDUAL_CATEGORIES = frozenset({Category.GENERAL, Category.BLOG})
INDIVIDUAL_APP_CATEGORIES = frozenset({Category.TOOLS, Category.LIFESTYLE})
PRE_APPROVAL_CATEGORIES = frozenset(
    {
        Category.GAMES,
        Category.NEWS,
        Category.PUBLISHING,
        Category.EDUCATION,
        Category.MEDICAL,
        Category.DRUGS,
        Category.CULTURE,
        Category.RADIO_TV,
    }
)


class Doc:
    SUBJECT_CERTIFICATE = "subject_certificate"
    LEADER_ID_FRONT = "leader_id_front"
    LEADER_ID_BACK = "leader_id_back"
    WEBSITE_LEADER_ID_FRONT = "website_leader_id_front"
    WEBSITE_LEADER_ID_BACK = "website_leader_id_back"
    VERIFICATION_PHOTO = "verification_photo"
    RESIDENCE_PERMIT = "residence_permit"
    NAME_CHANGE_PROOF = "name_change_proof"


DOCUMENT_KINDS: dict[str, Text] = {
    Doc.SUBJECT_CERTIFICATE: _("Business licence (the subject's certificate)"),
    Doc.LEADER_ID_FRONT: _("Subject leader's ID card, front"),
    Doc.LEADER_ID_BACK: _("Subject leader's ID card, back"),
    Doc.WEBSITE_LEADER_ID_FRONT: _("Website leader's ID card, front"),
    Doc.WEBSITE_LEADER_ID_BACK: _("Website leader's ID card, back"),
    Doc.VERIFICATION_PHOTO: _("Authenticity verification photo (真实性核验)"),
    Doc.RESIDENCE_PERMIT: _("Residence permit in the filing province (居住证)"),
    Doc.NAME_CHANGE_PROOF: _("Proof of the subject's name change"),
}

DOCUMENT_KIND_VALUES: tuple[str, ...] = tuple(DOCUMENT_KINDS)
# SPEC 3.12: the verification photo is taken on the phone (``filings.services.verification``),
# never uploaded; the other kinds are.
UPLOAD_KINDS: tuple[str, ...] = tuple(kind for kind in DOCUMENT_KINDS if kind != Doc.VERIFICATION_PHOTO)
CONTENT_CATEGORY_VALUES: tuple[str, ...] = tuple(CONTENT_CATEGORIES)
