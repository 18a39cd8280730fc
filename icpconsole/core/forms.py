"""One layout for every console form (label, help, field, error), in every language.

``FORM_RENDERER`` points here, so ``{{ form }}`` and ``{{ field.as_field_group }}`` render
``templates/core/forms/form.html`` and ``field.html`` wherever a form is shown. Through
``TemplatesSetting`` the project's template directories are searched (``django.forms`` is installed
for the widgets' own templates).
"""

from django.forms.renderers import TemplatesSetting


class ConsoleFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
