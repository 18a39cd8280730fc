"""``{% memo arg ... %}...{% endmemo %}``: a part of a template rendered once per distinct value of
its arguments, the active language and the page's template, then reused as it is.

Only for parts that depend on nothing else, such as the console's navigation in ``base.html``
(about 40 ``{% translate %}``, ``{% url %}`` and ``{% if %}`` a page, identical on every request
for one path, language and kind of user: docs/performance.md). The HTML is kept in this
process, at most ``MAX_ENTRIES`` of them, the least recently used dropped first. With ``DEBUG``
on (templates re-read on every request) the part is rendered every time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()

MAX_ENTRIES = 2048
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


class MemoNode(template.Node):
    def __init__(self, nodelist, args):
        self.nodelist, self.args = nodelist, args

    def render(self, context):
        if settings.DEBUG:
            return self.nodelist.render(context)
        page = context.template.origin.name if context.template is not None else ""
        key = (self.origin.name, self.token.position, page, get_language(),
               *(arg.resolve(context) for arg in self.args))
        with _lock:
            html = _cache.get(key)
            if html is not None:
                _cache.move_to_end(key)
                return html
        html = self.nodelist.render(context)
        with _lock:
            _cache[key] = html
            while len(_cache) > MAX_ENTRIES:
                _cache.popitem(last=False)
        return html


@register.tag
def memo(parser, token):
    args = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, args)


def clear() -> None:
    """Forget every memoised part (tests)."""
    with _lock:
        _cache.clear()
