"""The report form's fields written in Python (indicators.forms.rendering) give the HTML of Django's field group:
same label, errors, attributes (aria-invalid, maxlength…) and escaped values, unbound, bound, with errors."""

import re
from decimal import Decimal

import pytest
from django import forms

from indicators.forms.rendering import field_group
from indicators.forms.reports import number_field


def squeezed(html):
    return re.sub(r"\s+", " ", str(html)).strip()


class SampleForm(forms.Form):
    value = number_field("Valeur (nombre)")
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=20, widget=forms.Textarea(attrs={"rows": 2})
    )
    needed = forms.CharField(label="Intitulé ?", max_length=10)
    helped = forms.CharField(label="Avec aide", required=False, help_text="Une aide <em>courte</em>.")
    choice = forms.ChoiceField(label="Choix", choices=[("a", "A")], required=False)


CASES = [
    {"initial": {"value": Decimal("12.5"), "comment": "Un « commentaire »"}},
    {"data": {"value": "12,5", "comment": '<script>alert("x")</script>', "needed": "ok"}},
    {"data": {"value": "douze", "comment": "x" * 30, "needed": ""}},
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", ["value", "comment", "needed", "helped", "choice"])
def test_the_python_field_group_is_django_s(case, name):
    form = SampleForm(**case)
    if form.is_bound:
        form.is_valid()  # the errors, as a submitted form shows them
    bound = form[name]
    assert squeezed(field_group(bound)) == squeezed(bound.as_field_group())


def test_values_are_escaped():
    form = SampleForm(data={"comment": '"><script>x</script>', "value": '"><b>'})
    html = str(field_group(form["comment"])) + str(field_group(form["value"]))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
