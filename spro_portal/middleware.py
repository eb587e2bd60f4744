"""Responses that belong to one person stay out of shared caches and off the browser's disk."""

from django.utils.cache import patch_cache_control


def is_private(request, response):
    """Anything shown to a logged-in member, and any download (evidence, CSV export), whoever asked."""
    user = getattr(request, "user", None)
    download = "attachment" in response.get("Content-Disposition", "") or response.get("Content-Type", "").startswith(
        "text/csv"
    )
    return download or bool(user and user.is_authenticated)


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on private responses, unless the view chose its own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and is_private(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response
