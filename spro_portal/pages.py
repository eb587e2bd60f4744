"""Turning a page builder's dataclass into a template context."""

from dataclasses import fields


def context_of(page, **extra):
    """The page's fields as template variables (shallow: model instances are passed as they are), plus `extra`."""
    return {field.name: getattr(page, field.name) for field in fields(page)} | extra
