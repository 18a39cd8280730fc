from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from icpconsole.core.api.views import api_not_found
from icpconsole.core.favicon import favicon
from icpconsole.core.health import healthz
from openapi.views import root as openapi_root

api_v1 = [
    path("", include("icpconsole.accounts.api.urls")),
    path("", include("icpconsole.core.api.urls")),
    path("", include("instances.api.urls")),
    path("", include("servicecodes.api.urls")),
    path("", include("filings.api.urls")),
    path("", include("registrar.api.urls")),
    path("", include("openapi.api.urls")),
    path("", include("simulator.api.urls")),
]

urlpatterns = [
    # Alibaba Cloud RPC calls (Action / x-acs-action) are answered here; anything else -> /console/.
    path("", openapi_root, name="root"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("icpconsole.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("console/", include("simulator.urls")),
    path("console/", include("icpconsole.core.urls")),
    path("console/", include("instances.urls")),
    path("console/", include("servicecodes.urls")),
    path("console/", include("filings.urls")),
    path("console/", include("registrar.urls")),
    path("console/", include("openapi.urls")),
    path("icp-records/", include("filings.public_urls")),
    path("verify/", include("filings.verify_urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Last: any other /api/ URL is the API's JSON 404 (Django's is an HTML page).
    re_path(r"^api/", api_not_found, name="api-not-found"),
]
