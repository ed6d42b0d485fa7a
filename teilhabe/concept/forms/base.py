"""What every form of the concept's staff pages shares.

A form parses input into the values a service takes; the services apply the rules (a
date range, a cost, a progress, a field of another version) and their typed errors come
back at the form field they name (`council.views.staff.run_service`). Number fields are
therefore plain: a negative cost reaches the service, which says what a cost must be. An
edit form carries the version of the record it was built from (hidden `version`): a save
onto a record changed since is refused, nothing is overwritten.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db import models

from teilhabe.core.models import Body
from teilhabe.council.forms import DATE_WIDGET, KernFormMixin

__all__ = [
    "DATE_WIDGET",
    "ConceptForm",
    "KernCheckboxSelectMultiple",
    "amount_field",
    "label",
    "whole_number_field",
]


def label(model: type[models.Model], name: str) -> Any:
    """The model field's (translated, lazy) name, as the form's label."""
    return model._meta.get_field(name).verbose_name  # type: ignore[union-attr]


def help_text(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name).help_text  # type: ignore[union-attr]


class KernCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in KERN UX markup, one `kern-form-check` per option (the form's
    `_fields.html` puts them in a fieldset with the field's label as legend)."""

    template_name = "concept/staff/widgets/checkboxes.html"


def plain_amount(text: str) -> str:
    """An amount as typed the German way ("1.250,50 €", "1.500") in plain notation
    ("1250.50", "1500"); other text stays as it is (and is refused as no number)."""
    text = re.sub(r"(?i)\s|€|eur(o)?", "", text)
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        return text.replace(".", "")
    return text


class AmountField(forms.DecimalField):
    """A decimal typed with German separators (shown localized, e.g. "1250,50")."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = plain_amount(value)
        return super().to_python(value)


def amount_field(
    field_label: Any, *, invalid: Any, help: Any = "", required: bool = False
) -> forms.DecimalField:
    """An amount typed the German way ("1.250,50"); "invalid" is the message for text that
    is no number. Range and places are the service's to check."""
    return AmountField(
        label=field_label,
        required=required,
        localize=True,
        help_text=help,
        error_messages={"invalid": invalid},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def whole_number_field(
    field_label: Any,
    *,
    invalid: Any,
    help: Any = "",
    required: bool = False,
    min_value: int | None = None,
) -> forms.IntegerField:
    """A whole number; "invalid" is the message for anything else (and for a number below
    `min_value`, if given). Other ranges are the service's to check."""
    return forms.IntegerField(
        label=field_label,
        required=required,
        min_value=min_value,
        help_text=help,
        error_messages={"invalid": invalid, "required": invalid, "min_value": invalid},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ConceptForm(KernFormMixin, forms.Form):
    """A form bound to the current body and user; with `instance`, an edit form that starts
    from the record's values and carries its version."""

    # The cleaned fields that go to the service as they are.
    service_names: tuple[str, ...] = ()

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        body: Body,
        user: Any,
        instance: Any = None,
        **kwargs: Any,
    ) -> None:
        self.body = body
        self.user = user
        self.instance = instance
        if instance is not None and instance.pk and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(instance)
        super().__init__(data, files, **kwargs)
        if instance is not None and instance.pk:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=instance.version, min_value=1
            )
        self.limit_choices()
        self.style_widgets()

    def limit_choices(self) -> None:
        """Offer only what the user may choose (subclasses narrow their fields)."""

    def initial_from(self, instance: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for name, field in self.base_fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField):
                initial[name] = [item.pk for item in getattr(instance, name).all()]
            elif isinstance(field, forms.ModelChoiceField):
                initial[name] = getattr(instance, f"{name}_id", None)
            elif hasattr(instance, name):
                initial[name] = getattr(instance, name)
        return initial

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])

    def service_fields(self) -> dict[str, Any]:
        values = {}
        for name in self.service_names:
            value = self.cleaned_data[name]
            if isinstance(value, models.QuerySet):
                value = list(value)
            values[name] = value
        return values
