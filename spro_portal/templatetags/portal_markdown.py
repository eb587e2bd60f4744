from django import template

from spro_portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ text|markdown }}`: Markdown rendered and sanitised (see spro_portal.markdown)."""
    return render_markdown(text)
