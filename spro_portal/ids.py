"""Row ids that come from outside (URLs, forms, filters) are checked to fit a 64-bit integer before any query.

Django's `<int:…>` converter and model choice fields accept any number of digits; SQLite then raises
OverflowError (a 500) on a number beyond 2**63 - 1. Here such a number is simply "not found" or "not a choice".
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

MAX_ID = 2**63 - 1


def is_id(value):
    """Whether `value` (an int or its text) can be the id of a row: 1 to 2**63 - 1."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return 1 <= number <= MAX_ID


class IdConverter:
    """`<id:pk>` in URL patterns: 1 to 19 digits within 2**63 - 1; anything else is a 404 without a query."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        if not is_id(value):
            raise ValueError(value)  # the pattern then does not match: 404
        return int(value)

    def to_url(self, value):
        return str(value)


class IdChoiceMixin:
    """For model choice fields keyed by an integer: a value that cannot be an id is an invalid choice."""

    def _keyed_by_integer(self):
        meta = self.queryset.model._meta
        key = meta.pk if self.to_field_name in (None, "pk") else meta.get_field(self.to_field_name)
        return isinstance(key, models.IntegerField)

    def _check_id(self, value):
        if value in self.empty_values or not self._keyed_by_integer():
            return
        try:
            int(str(value).strip())
        except ValueError:
            return  # not a number: Django's own check says so
        if not is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})

    def to_python(self, value):
        self._check_id(value)
        return super().to_python(value)

    def _check_values(self, value):
        for item in value if isinstance(value, list | tuple) else []:
            self._check_id(item)
        return super()._check_values(value)


class IdModelChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    pass


class IdModelMultipleChoiceField(IdChoiceMixin, forms.ModelMultipleChoiceField):
    pass


class _FilterChoiceField(IdChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class _FilterMultipleChoiceField(IdChoiceMixin, django_filters.fields.ModelMultipleChoiceField):
    pass


class IdModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _FilterChoiceField


class IdModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _FilterMultipleChoiceField
