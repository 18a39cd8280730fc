"""URL converters shared by the console's routes."""

from django.urls import register_converter


class ResourceIdConverter:
    """An instance or AccessKey id: ASCII letters, digits and hyphens. Anything else (a NUL byte,
    which PostgreSQL text cannot hold, or any other character no id has) is simply no route: 404."""

    regex = r"[A-Za-z0-9][A-Za-z0-9-]{0,63}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ResourceIdConverter, "resource_id")
