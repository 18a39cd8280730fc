import re

from rest_framework import pagination

from icpconsole.core import refusals

_WHOLE_NUMBER = re.compile(r"^[0-9]{1,18}$")


class PageNumberPagination(pagination.PageNumberPagination):
    """``{"count","next","previous","results"}``, 20 a page, ``?page_size=`` up to 100 (SPEC 4.2).

    Strict about its parameters, as the schema says (whole numbers from 1): DRF would quietly
    ignore ``?page_size=abc`` and answer ``?page=abc`` with a 404; here both are a 400
    ``INVALID_PAGE``. A page past the last one stays a 404 (the page does not exist), and a
    ``page_size`` above 100 is cut to 100.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def _whole_number(self, request, name: str) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not _WHOLE_NUMBER.match(raw) or int(raw) < 1:
            raise refusals.INVALID_PAGE(field=name, name=name)
        return int(raw)

    def get_page_size(self, request):
        size = self._whole_number(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) in self.last_page_strings:
            return paginator.num_pages
        return self._whole_number(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["default"] = self.page_size
                parameter["description"] = f"Results per page, 1 to {self.max_page_size} (more is cut to it)."
            else:
                parameter["description"] = "A page number from 1; past the last page is a 404."
        return parameters
