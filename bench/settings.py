"""Settings for benchmark runs: the product's settings, plus the bench-only URLs and templates.

The runner sets the product's own environment knobs (``DEBUG=false``, ``STATIC_MANIFEST=false``,
no SSL redirect) before Django starts; here only what the product has no knob for changes.
"""

from icpconsole.settings import *  # noqa: F403
from icpconsole.settings import BASE_DIR, REST_FRAMEWORK, TEMPLATES

ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "bench.wsgi.application"

TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

# Throttles still run on every request (the same cache reads and writes as in production), but a
# load test from one account must not be refused for its volume.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"user": "100000000/min", "anon": "100000000/min"},
}
