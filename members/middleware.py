from django.utils.functional import SimpleLazyObject

from .actor import cached_actor


class ActorMiddleware:
    """Attach `request.actor`, built lazily on first use and at most once per request (its roles from the cache when
    they are current: members.actor.cached_actor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: cached_actor(request.user))
        return self.get_response(request)
