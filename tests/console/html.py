"""A tiny DOM for asserting on console pages (stdlib ``html.parser``; no extra dependency)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.attrs

    @property
    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return " ".join(" ".join(parts).split())

    def iter(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(
        self, tag: str | None = None, predicate: Callable[[Node], bool] | None = None, **attrs
    ) -> list[Node]:
        """Descendants by tag and attributes.

        ``data_x="v"`` matches ``data-x="v"``, ``class_`` is ``class``, and ``True`` means present.
        """
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        found = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if any(
                (name not in node.attrs) if value is True else node.attrs.get(name) != value
                for name, value in wanted.items()
            ):
                continue
            if predicate and not predicate(node):
                continue
            found.append(node)
        return found

    def find(self, tag: str | None = None, **attrs) -> Node | None:
        nodes = self.find_all(tag, **attrs)
        return nodes[0] if nodes else None

    def links(self) -> list[str]:
        return [a.get("href") for a in self.find_all("a")]

    def forms(self) -> list[Node]:
        return self.find_all("form")


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(content: bytes | str) -> Node:
    builder = _Builder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


def row_for(page: Node, instance_id: str) -> Node:
    rows = page.find_all("tr", data_instance_id=instance_id)
    assert len(rows) == 1, f"expected one row for {instance_id}, found {len(rows)}"
    return rows[0]


def reason_codes(row: Node) -> list[str]:
    return [node.get("data-reason-code") for node in row.find_all(data_reason_code=True)]


def apply_buttons(row: Node) -> list[Node]:
    """Buttons or links labelled exactly "Apply"."""
    return [node for node in row.iter() if node.tag in ("a", "button") and node.text == "Apply"]
