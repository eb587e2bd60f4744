"""Ids typed by hand (URLs, forms, filters) beyond 64 bits are "not found" or "not a choice", never a 500."""

import importlib
import inspect
import pkgutil

import django_filters
import pytest
from django import forms

from spro_portal.ids import MAX_ID, IdChoiceMixin, IdModelMultipleChoiceField, is_id

APPS = ["members", "practices", "indicators"]


def _modules(kind):
    for app in APPS:
        try:
            package = importlib.import_module(f"{app}.{kind}")
        except ModuleNotFoundError:
            continue
        yield package
        for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
            yield importlib.import_module(f"{package.__name__}.{info.name}")


def _classes(kind, base):
    for module in _modules(kind):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == module.__name__:
                yield cls


def test_every_model_choice_field_of_the_project_checks_ids():
    unchecked = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _classes("forms", forms.BaseForm)
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, IdChoiceMixin)
    ]
    assert unchecked == []


def test_every_model_choice_filter_of_the_project_checks_ids():
    unchecked = [
        f"{filterset.__module__}.{filterset.__name__}.{name}"
        for filterset in _classes("filters", django_filters.FilterSet)
        for name, model_filter in filterset.base_filters.items()
        if issubclass(model_filter.field_class, forms.ModelChoiceField)
        and not issubclass(model_filter.field_class, IdChoiceMixin)
    ]
    assert unchecked == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), (str(MAX_ID), True), (str(MAX_ID + 1), False), ("0", False), ("-3", False), ("abc", False)],
)
def test_is_id(value, expected):
    assert is_id(value) is expected


@pytest.mark.django_db
def test_a_huge_id_in_a_multiple_choice_is_an_invalid_choice():
    from members.models import Mission

    field = IdModelMultipleChoiceField(
        queryset=Mission.objects.all(), error_messages={"invalid_choice": "Choisissez des missions de la liste."}
    )
    with pytest.raises(forms.ValidationError, match="Choisissez des missions de la liste"):
        field.clean([str(Mission.objects.first().pk), "99999999999999999999"])
