"""Domain names as a filing takes them: the registrar's pure functions (``registrar.domains``),
the layer below: a website is filed under its main domain (SPEC 3.9)."""

from registrar.domains import main_domain, main_domain_note, normalize_domain, normalize_main_domain

__all__ = ["main_domain", "main_domain_note", "normalize_domain", "normalize_main_domain"]
