"""Filters and tags built into every template (settings.TEMPLATES "builtins"): French dates, menu state, links."""

from django import template

from spro_portal import dates, fragments
from spro_portal.links import link
from spro_portal.markdown import sanitize

register = template.Library()
register.filter("long_date", dates.long_date)
register.filter("long_datetime", dates.long_datetime)
# `{{ post.body_html|sanitized }}`: HTML rendered at save is cleaned again on the way out (never `|safe`).
register.filter("sanitized", sanitize)
# `{% link 'practices:post' post.pk %}`: `{% url %}` for a route with one id or slug, without a reverse() each time
# (spro_portal.links), for the links repeated on every row of a list or post of a topic.
register.simple_tag(link, name="link")


@register.filter
def is_current(link, path):
    """`{% if link|is_current:request.path %}`: whether a menu link leads to the page being shown."""
    return link.is_current(path)


class SharedFragmentNode(template.Node):
    def __init__(self, name, varies, nodelist):
        self.name, self.varies, self.nodelist = name, varies, nodelist

    def render(self, context):
        parts = [vary.resolve(context) for vary in self.varies]
        key = fragments.key_of(f"template:{self.name}", parts)
        # What is keyed by a time window (a search's results) is not asked for again once the window has passed.
        timeout = context.get("fragment_timeout")
        return fragments.one(key, lambda: self.nodelist.render(context), timeout=timeout)


@register.tag
def shared_fragment(parser, token):
    """`{% shared_fragment "name" value… %}…{% endshared_fragment %}`: the enclosed HTML built once and shared by
    every reader, for the values named (spro_portal.fragments). Only for HTML that depends on nothing else: no CSRF
    token, no name of the reader, nothing their permissions decide."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% shared_fragment %} demande un nom.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
