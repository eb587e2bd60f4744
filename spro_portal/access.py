"""The one view decorator every app's permissions module builds its guards from."""

from functools import wraps

from django.core.exceptions import PermissionDenied


def guard(predicate, message):
    """A decorator refusing (403, with `message` in French) anyone for whom `predicate(request.actor)` is false."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.actor):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
