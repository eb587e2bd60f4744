import html


def text(response):
    """The page as a person reads it: decoded and with HTML entities (&#x27; …) turned back into characters."""
    return html.unescape(response.content.decode())
