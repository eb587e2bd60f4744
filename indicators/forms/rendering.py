"""A report form has two or three fields per indicator: with 40 indicators, Django's field group (five small
templates per field: field, label, widget, input, attributes) was two thirds of the page's time. The text inputs and
text areas of the report are written here in Python instead, to the same HTML; any other field, or one with help
text, still goes through Django's templates."""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _attributes(attrs):
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return mark_safe("".join(parts))  # every name and value escaped above


def _label(bound):
    contents = str(bound.label)
    suffix = bound.form.label_suffix if bound.field.label_suffix is None else bound.field.label_suffix
    if suffix and contents and contents[-1] not in ":?.!":
        contents += suffix
    if not bound.id_for_label:
        return format_html("<label>{}</label>", contents)
    return format_html('<label for="{}">{}</label>', bound.id_for_label, contents)


def _widget(bound):
    widget = bound.field.widget
    if bound.field.localize:
        widget.is_localized = True
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    if isinstance(widget, forms.Textarea):
        attributes, text = _attributes(context["attrs"]), context["value"] or ""
        return format_html('<textarea name="{}"{}>\n{}</textarea>', context["name"], attributes, text)
    value = "" if context["value"] is None else format_html(' value="{}"', str(context["value"]))
    return format_html(
        '<input type="{}" name="{}"{}{}>', context["type"], context["name"], value, _attributes(context["attrs"])
    )


def field_group(bound):
    """What `{{ field.as_field_group }}` gives — label, errors, widget — for a text input or a text area."""
    widget = bound.field.widget
    simple = type(widget) in (forms.TextInput, forms.Textarea) and not bound.help_text and not bound.use_fieldset
    if not simple:
        return bound.as_field_group()
    errors = str(bound.errors) if bound.errors else ""
    label = _label(bound) if bound.label else ""
    return format_html("{}\n{}\n{}", label, mark_safe(errors), _widget(bound))
