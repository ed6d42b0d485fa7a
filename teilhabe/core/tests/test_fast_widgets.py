"""The renderer writes selects and inputs in Python; the markup equals Django's templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from teilhabe.core.forms import KernFormRenderer, _escape


class Sample(forms.Form):
    choice = forms.ChoiceField(
        choices=[("", "– keine –"), ("a", "Ä & <b>"), ("Gruppe", [("x", "X"), ("y", '"y"')])],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("1", "eins"), ("2", "zwei")], required=False)
    # labels that are already markup, or translated lazily, are not plain strings
    marked = forms.ChoiceField(
        choices=[("s", mark_safe("<b>fett</b> &amp;")), ("l", gettext_lazy("Ä & <i>"))],
        required=False,
    )
    text = forms.CharField(widget=forms.TextInput(attrs={"data-x": 'a"b', "disabled": True}))
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"hidden": False}))
    time = forms.TimeField(widget=forms.TimeInput(format="%H:%M"))
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    email = forms.EmailField()
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    version = forms.IntegerField(widget=forms.HiddenInput)


INITIAL = {
    "choice": "y",
    "many": ["1", "2"],
    "marked": "l",
    "text": "<script>",
    "number": 7,
    "time": dt.time(18, 30),
    "date": dt.date(2026, 3, 7),
    "email": "a@example.org",
    "secret": "geheim",
    "version": 3,
}


@pytest.mark.parametrize("name", list(Sample.base_fields))
@pytest.mark.parametrize("bound", [False, True])
def test_fast_widget_markup_equals_djangos_template(name: str, bound: bool) -> None:
    data = {key: value for key, value in INITIAL.items() if key != "many"} if bound else None
    fast = Sample(data, initial=None if bound else INITIAL, renderer=KernFormRenderer())
    slow = Sample(data, initial=None if bound else INITIAL, renderer=DjangoTemplates())
    field = fast.fields[name]
    expected = field.widget.render(
        name, slow[name].value(), attrs={"id": name}, renderer=DjangoTemplates()
    )
    actual = field.widget.render(
        name, fast[name].value(), attrs={"id": name}, renderer=KernFormRenderer()
    )
    assert actual == expected


def test_values_labels_and_attributes_are_escaped() -> None:
    form = Sample(initial=INITIAL, renderer=KernFormRenderer())
    text = str(form["text"])
    assert 'value="&lt;script&gt;"' in text
    assert 'data-x="a&quot;b"' in text
    assert "<script>" not in text
    assert "Ä &amp; &lt;b&gt;" in str(form["choice"])


@pytest.mark.parametrize(
    "value",
    ["", "a<b>&\"c'", mark_safe("<b>&amp;</b>"), gettext_lazy("Ä & <i>"), 7, None],
)
def test_the_fast_escape_equals_conditional_escape(value: Any) -> None:
    assert _escape(value) == conditional_escape(value)
