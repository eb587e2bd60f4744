from django.utils.functional import SimpleLazyObject

from .actor import build_actor


class ActorMiddleware:
    """Attach `request.actor`, built lazily on first use and at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: build_actor(request.user))
        return self.get_response(request)
