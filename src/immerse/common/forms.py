"""The one way a form field is drawn: Django's form renderer with our field template.

Every ``{{ field.as_field_group }}`` renders ``common/field.html``. Django 5.2 points a
widget's ``aria-describedby`` at ``<id>_helptext`` and ``<id>_error`` and sets
``aria-invalid``; the template gives the help and the errors exactly those ids, so screen
readers read both (tests/test_references.py checks every reference on the key pages).
"""

from __future__ import annotations

from typing import Any

from django.forms import BoundField, Widget
from django.forms.renderers import DjangoTemplates


class DescribedBoundField(BoundField):
    """A field drawn hidden (``{{ field.as_hidden }}``) shows no help, so it points at none."""

    def build_widget_attrs(self, attrs: dict[str, Any],
                           widget: Widget | None = None) -> dict[str, Any]:
        built: dict[str, Any] = super().build_widget_attrs(attrs, widget)
        if widget is not None and widget.is_hidden and "aria-describedby" not in attrs:
            built.pop("aria-describedby", None)
        return built


class FieldRenderer(DjangoTemplates):
    """Django's default renderer (its widget templates, our apps' templates) with our field."""

    field_template_name = "common/field.html"
    bound_field_class = DescribedBoundField
