"""The error summary at the top of every form of the portal: each error a link to its field (as the DSFR does)."""

from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class FormError:
    message: str
    anchor: str = ""  # id of the field to go to; empty for an error about the whole form


def error_summary(*forms_):
    """The errors of the given bound forms, in page order; a form may name its fields with `error_label(name)`."""
    errors = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        errors.extend(FormError(str(message)) for message in form.non_field_errors())
        for name, messages in form.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            bound = form[name]
            if bound.is_hidden:  # nothing to go to: the message says what to do
                errors.extend(FormError(str(message)) for message in messages)
                continue
            label = form.error_label(name) if hasattr(form, "error_label") else bound.label
            # A group of radios has no element with the field's id: go to its first choice.
            anchor = f"{bound.auto_id}_0" if isinstance(bound.field.widget, forms.RadioSelect) else bound.auto_id
            errors.extend(FormError(f"{label} : {message}", anchor) for message in messages)
    return errors
