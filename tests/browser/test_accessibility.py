"""Accessibility basics, checked in the browser on the key pages (log-on, buy, ICP No.
Application, ICP No. Management, the four steps of the filing wizard): every form field has an
accessible name, every button and link is reachable with Tab and shows where the focus is, text
reaches WCAG AA contrast (4.5:1), and the confirmation dialog works from the keyboard.

Each check walks all the pages and reports every failure at once, naming the page and element."""

import pytest

from registrar.certificates import with_check_character
from tests.factories import InstanceFactory, ServiceCodeFactory
from tests.filings.materials import LEADER, register_domain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Visible form fields without an accessible name: label[for] or a wrapping label (el.labels),
# aria-labelledby or aria-label.
UNLABELLED_FIELDS = """() => {
  const describe = el => el.outerHTML.slice(0, 120);
  const text = s => (s || "").replace(/\\s+/g, " ").trim();
  const nameOf = el => {
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const byIds = ids.map(id => document.getElementById(id)).filter(Boolean)
      .map(e => e.textContent).join(" ");
    if (text(byIds)) return text(byIds);
    if (text(el.getAttribute("aria-label"))) return text(el.getAttribute("aria-label"));
    return text(Array.from(el.labels || []).map(l => l.textContent).join(" "));
  };
  return Array.from(document.querySelectorAll("input, select, textarea"))
    .filter(el => el.type !== "hidden" && el.checkVisibility({checkVisibilityCSS: true}))
    .filter(el => !nameOf(el))
    .map(describe);
}"""

# Number every visible, enabled button and link; return their descriptions, in that order.
MARK_TARGETS = """() => {
  const selector = "a[href], button, input[type=submit], input[type=button]";
  const targets = Array.from(document.querySelectorAll(selector))
    .filter(el => !el.disabled && el.checkVisibility({checkVisibilityCSS: true}));
  targets.forEach((el, i) => el.setAttribute("data-a11y-target", String(i)));
  return targets.map(el => {
    const label = (el.textContent || el.value || "").replace(/\\s+/g, " ").trim().slice(0, 40);
    const tabindex = el.hasAttribute("tabindex") ? ` tabindex=${el.getAttribute("tabindex")}` : "";
    return `${label} <${el.tagName.toLowerCase()}${tabindex}>`;
  });
}"""

# Record, on every focus change, which target got the focus and whether the focus is visible
# (an outline or a box shadow), so a run of Tab presses needs one round trip to read.
RECORD_FOCUS = """() => {
  window.__a11yFocus = [];
  document.addEventListener("focusin", event => {
    const el = event.target;
    if (!el.hasAttribute || !el.hasAttribute("data-a11y-target")) return;
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const visible = outlined || style.boxShadow !== "none";
    window.__a11yFocus.push({index: Number(el.getAttribute("data-a11y-target")), visible});
  });
  if (document.activeElement) document.activeElement.blur();
}"""

# WCAG contrast of each sampled text element against its effective background (the ancestors'
# background colours composited over white).
CONTRAST = """(selectors) => {
  const parse = c => {
    const p = c.match(/rgba?\\(([^)]*)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  const lum = ({r, g, b}) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg.a > 0) layers.push(bg);
      if (bg.a >= 1) break;
    }
    return layers.reverse().reduce((acc, layer) => over(layer, acc), {r: 255, g: 255, b: 255, a: 1});
  };
  const results = [];
  for (const selector of selectors) {
    const els = Array.from(document.querySelectorAll(selector))
      .filter(el => el.checkVisibility({checkVisibilityCSS: true}) && el.textContent.trim()).slice(0, 5);
    for (const el of els) {
      const bg = background(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      results.push({selector, text: el.textContent.trim().slice(0, 30), ratio: (hi + 0.05) / (lo + 0.05),
                    color: getComputedStyle(el).color, background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`});
    }
  }
  return results;
}"""
CONTRAST_SAMPLES = [
    "body",
    "main p",
    ".muted",
    "label",
    ".table th",
    ".table td",
    ".btn-primary",
    ".btn:not(.btn-primary)",
    ".nav a",
    ".nav-group",
    "main a:not(.btn)",
    ".reason-message",
    ".remedy",
    ".badge",
    ".msg",
    ".helptext",
    ".wizard-step",
    ".sim-clock",
    ".account-meta",
]
AA_NORMAL_TEXT = 4.5


@pytest.fixture
def account_with_instances(user):
    """Rows of every kind on ICP No. Application: eligible, and several reasons with their remedies."""
    eligible = InstanceFactory(owner=user, name="web-hangzhou-1")
    InstanceFactory(owner=user, name="one-month-left", months=1)
    InstanceFactory(owner=user, name="payg-shenzhen", region_id="cn-shenzhen", charge_type="PostPaid")
    InstanceFactory(owner=user, name="stopped-chengdu", region_id="cn-chengdu", status="Stopped")
    InstanceFactory(owner=user, name="no-bandwidth", internet_max_bandwidth_out=0, public_ip_address=None)
    InstanceFactory(owner=user, name="hk-site", region_id="cn-hongkong")
    ServiceCodeFactory(instance=eligible)
    # The wizard's domain, registered and verified for the subject it will be filed for (SPEC 3.9).
    register_domain("a11y-check.cn", holder_name="A11y Check Ltd.", account=user)
    return eligible


def key_pages(new_context, page):
    """Visit the key pages in turn, yielding (name, page) on each; the wizard is filled in as a
    person would, up to its confirmation (nothing is submitted)."""
    anonymous = new_context().new_page()
    anonymous.goto("/accounts/login/")
    yield "log-on", anonymous

    for name, url in (
        ("buy instance", "/console/instances/buy/"),
        ("ICP No. Application", "/console/icp/application/"),
        ("ICP No. Management", "/console/icp/codes/"),
        ("change password", "/accounts/password/"),
        ("filing wizard: domain", "/console/filings/new/"),
    ):
        page.goto(url)
        yield name, page

    page.get_by_role("textbox", name="Domain").fill("www.a11y-check.cn")
    # SPEC 3.13: the first step takes the certificate too, and decides the filing type.
    page.get_by_role("textbox", name="Certificate number").fill(with_check_character("91330106MA2A11Y01"))
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    yield "filing wizard: product (instance)", page
    page.get_by_label("Enter a service code obtained beforehand").check()
    yield "filing wizard: product (service code)", page
    page.get_by_label("Use one of my instances").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    yield "filing wizard: subject and website", page
    page.get_by_label("Subject name").fill("A11y Check Ltd.")
    page.locator('[name="subject-certificate_number"]').fill(with_check_character("91330106MA2A11Y01"))
    page.get_by_label("Province").select_option("zhejiang")
    page.locator('[name="subject-address"]').fill("浙江省杭州市西湖区文三路90号")
    for key, value in LEADER.items():
        page.locator(f'[name="leader-{key}"]').fill(value)
    page.get_by_label("Website name").fill("无障碍检查")
    page.get_by_label("Content category").select_option("company")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    yield "filing wizard: confirm", page


def test_every_visible_form_field_on_the_key_pages_has_an_accessible_name(
    new_context, page, account_with_instances
):
    failures, fields_seen = [], 0
    for name, current in key_pages(new_context, page):
        fields_seen += current.locator("input:not([type=hidden]):visible, select:visible").count()
        failures += [f"{name}: {field}" for field in current.evaluate(UNLABELLED_FIELDS)]
    assert fields_seen > 10
    assert not failures, "fields without an accessible name:\n" + "\n".join(failures)


def test_every_button_and_link_on_the_key_pages_is_reachable_with_tab_and_shows_focus(
    new_context, page, account_with_instances
):
    failures = []
    for name, current in key_pages(new_context, page):
        targets = current.evaluate(MARK_TARGETS)
        current.evaluate(RECORD_FOCUS)
        for _ in range(2 * len(targets) + 10):  # form fields are Tab stops too
            current.keyboard.press("Tab")
        focused = current.evaluate("() => window.__a11yFocus")
        reached = {f["index"] for f in focused}
        invisible = {f["index"] for f in focused if not f["visible"]}
        missed = [target for i, target in enumerate(targets) if i not in reached]
        failures += [f"{name}: not reachable with Tab: {target}" for target in missed]
        failures += [f"{name}: no visible focus: {targets[i]}" for i in sorted(invisible)]
    assert not failures, "\n".join(failures)


def test_text_on_the_key_pages_reaches_aa_contrast(new_context, page, account_with_instances):
    failures, sampled = [], set()
    for name, current in key_pages(new_context, page):
        for result in current.evaluate(CONTRAST, CONTRAST_SAMPLES):
            sampled.add(result["selector"])
            if result["ratio"] < AA_NORMAL_TEXT:
                failures.append(
                    f"{name}: {result['selector']} {result['text']!r}: {result['ratio']:.2f}:1 "
                    f"({result['color']} on {result['background']})"
                )
    assert {"body", ".table td", ".btn-primary"} <= sampled
    assert not failures, "text below 4.5:1:\n" + "\n".join(failures)


def test_apply_dialog_works_from_the_keyboard_and_escape_returns_focus_to_apply(page, account_with_instances):
    instance = account_with_instances
    page.goto("/console/icp/application/")
    apply = page.locator(f'tr[data-instance-id="{instance.instance_id}"] a[data-apply]')
    dialog = page.get_by_role("dialog")

    apply.focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    assert dialog.get_attribute("aria-labelledby") and dialog.get_attribute("aria-describedby")
    assert page.evaluate("document.activeElement.closest('dialog[open]') !== null")

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-apply')")
    assert page.evaluate("document.activeElement.closest('tr').dataset.instanceId") == instance.instance_id
