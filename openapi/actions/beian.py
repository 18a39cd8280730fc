"""Beian (accessor queries), API version 2016-08-10 (SPEC 4.5)."""

from __future__ import annotations

from . import Product, register_product

BEIAN = register_product(Product(name="Beian", version="2016-08-10"))
