"""Every form of the project renders in KERN UX markup, accessible by default.

The renderer gives each widget its KERN class, marks invalid fields with aria-invalid and
links help texts and errors through aria-describedby, so no form has to repeat it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


def _kern_class(widget: forms.Widget, invalid: bool) -> str:
    if isinstance(widget, forms.CheckboxInput):
        base = "kern-form-check__checkbox"
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    elif isinstance(widget, forms.Select):
        base = "kern-form-input__select"
    elif isinstance(widget, forms.Textarea):
        base = "kern-form-input__input kern-textarea"
    else:
        base = "kern-form-input__input"
    return f"{base} {base.split()[0]}--error" if invalid else base


class KernBoundField(BoundField):
    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.HiddenInput):
            return attrs
        css = _kern_class(widget, bool(self.errors))
        attrs["class"] = " ".join(c for c in (css, str(attrs.get("class", ""))) if c)
        described: list[str] = (
            [str(attrs["aria-describedby"])] if attrs.get("aria-describedby") else []
        )
        if self.help_text and self.auto_id and not described:
            described.append(f"{self.auto_id}_helptext")
        if self.errors and self.auto_id:
            attrs["aria-invalid"] = "true"
            described.append(f"{self.auto_id}_error")
        if described:
            attrs["aria-describedby"] = " ".join(dict.fromkeys(" ".join(described).split()))
        return attrs


class KernFormRenderer(TemplatesSetting):
    bound_field_class = KernBoundField
    field_template_name = "core/forms/field.html"
