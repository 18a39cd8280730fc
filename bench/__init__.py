"""Performance benchmarks (``make bench``): see ``bench/run.py`` and ``docs/performance.md``.

Nothing here ships with the product: the floor views and the bare-insert endpoint live in this
package's own settings (``bench.settings``) and URLconf (``bench.urls``).
"""
