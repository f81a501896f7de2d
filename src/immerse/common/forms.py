"""The one way a form field is drawn: Django's form renderer with our field template.

Every ``{{ field.as_field_group }}`` renders ``common/field.html``. Django 5.2 points a
widget's ``aria-describedby`` at ``<id>_helptext`` and ``<id>_error`` and sets
``aria-invalid``; the template gives the help and the errors exactly those ids, so screen
readers read both (tests/test_references.py checks every reference on the key pages).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BoundField, ModelChoiceField, ModelMultipleChoiceField, Widget
from django.forms.renderers import DjangoTemplates

from immerse.common.ids import id_parse


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


class IdChoiceField(ModelChoiceField):
    """A model choice whose value must be an id before the database sees it: Django passes
    any digits on, and one beyond the column's range (``99999999999999999999``) raises
    ``OverflowError`` in the query, a 500 instead of "not one of the choices"."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if id_parse(str(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(ModelMultipleChoiceField):
    """Several model choices, each an id before the database sees it (see IdChoiceField)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if id_parse(str(pk)) is None:
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)  # type: ignore[misc]  # Django's, unstubbed
