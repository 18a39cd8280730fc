from icpconsole.core.errors import DomainError


class ReadOnlyAdminMixin:
    """Rows that only services may change: staff can look and search, never add, edit or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class ServiceFormAdminMixin:
    """The admin's one way to write (issue 22): ``save_form`` hands the valid form to the admin's
    ``service_save``, which calls the service and returns the row it wrote, so ``save_model`` has
    nothing left to do and ``save_related`` saves only what the form itself kept (a changed
    account's groups); deleting goes through ``service_delete``. The form only types the input.

    A ``DomainError`` the service raises while saving becomes an error on the form, shown again
    with what was typed, never a 500.

    The admin saves inside a transaction, so the refused save leaves nothing behind; the view is
    then run once more with the refusal attached to the form's validation. A refusal's ``fields``
    name the form field it belongs to (``refusal_fields`` renames a service's field name to the
    form's)."""

    refusal_fields: dict[str, str] = {}

    def service_save(self, request, form, change):
        """Write through the service; answer the saved row."""
        raise NotImplementedError(f"{type(self).__name__} saves through a service: define service_save")

    def service_delete(self, request, rows) -> None:
        """Delete ``rows`` through the service (only admins that allow deleting define it)."""
        raise NotImplementedError(f"{type(self).__name__} deletes through a service: define service_delete")

    def save_form(self, request, form, change):
        return self.service_save(request, form, change)

    def save_model(self, request, obj, form, change):
        """Written by the service in ``save_form``."""

    def save_related(self, request, form, formsets, change):
        # Only a form the service saved with ``form.save(commit=False)`` has relations left to save.
        if hasattr(form, "save_m2m"):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        self.service_delete(request, [obj])

    def delete_queryset(self, request, queryset):
        self.service_delete(request, list(queryset))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as refusal:
            if request.method != "POST" or hasattr(request, "_service_refusal"):
                raise
            request._service_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_service_refusal", None)
        if refusal is None:
            return form_class
        names = [self.refusal_fields.get(name, name) for name in refusal.extra.get("fields") or {}]

        class RefusedForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                field = next((name for name in names if name in self.fields), None)
                self.add_error(field, refusal.message)
                return cleaned_data

        return RefusedForm
