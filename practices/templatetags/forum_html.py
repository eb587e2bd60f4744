"""Topic lists written in Python to the HTML: a list page's 25 rows through the template engine (a dozen tags and
an include of the byline per row) cost more than its queries. Same markup as the templates did; every value is
escaped by `format_html`, and the bylines are the ones `permissions.author_label` decided for this reader."""

from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from spro_portal.dates import long_date

register = template.Library()


def byline_html(byline):
    """`practices/_byline.html`: a masked label, or the name, its structure (linked) and the confidential note."""
    if byline.is_masked:
        return format_html('<span class="byline"><span class="byline__masked">{}</span></span>', byline.name)
    structure = ""
    if byline.structure_name:
        if byline.structure_url:
            structure = format_html(', <a href="{}">{}</a>', byline.structure_url, byline.structure_name)
        else:
            structure = format_html(", {}", byline.structure_name)
    note = ""
    if byline.confidential_note:
        note = format_html(' <span class="badge badge--confidential">{}</span>', byline.confidential_note)
    return format_html('<span class="byline"><strong>{}</strong>{}{}</span>', byline.name, structure, note)


def _labels(row, show_category):
    topic = row.topic
    parts = []
    if topic.is_solved:
        parts.append(mark_safe('<span class="badge badge--solved">Résolu</span>'))
    if topic.is_unanswered:
        parts.append(mark_safe('<span class="badge badge--unanswered">Sans réponse</span>'))
    if row.is_new:
        parts.append(mark_safe('<span class="badge badge--new">Nouveau</span>'))
    elif row.unread_count:
        parts.append(
            format_html(
                '<span class="badge badge--new">{} non lu{}</span>', row.unread_count, pluralize(row.unread_count)
            )
        )
    if topic.is_locked:
        parts.append(mark_safe('<span class="badge">Fermé</span>'))
    if show_category:
        category = topic.category
        parts.append(format_html('<a class="meta" href="{}">{}</a>', category.get_absolute_url(), category.name))
    if topic.working_group_id:
        parts.append(format_html(' <span class="meta">· groupe {}</span>', topic.working_group.name))
    return mark_safe("".join(parts))


def topic_row_html(row, show_category):
    """One `<li>` of a topic list (a `pages.forum.TopicRow`)."""
    topic = row.topic
    last = format_html('<span class="meta"> par {}</span>', row.last_byline.name) if row.last_byline else ""
    return format_html(
        '<li class="topic-row{}">\n<div class="topic-row__main">\n<h3 class="topic-row__title">{}<a href="{}">{}</a>'
        '</h3>\n<p class="topic-row__labels">{}</p>\n<p class="meta">Posée par {}, le {}</p>\n</div>\n'
        '<dl class="topic-row__figures">\n<div><dt>Réponses</dt><dd>{}</dd></div>\n'
        "<div><dt>Dernière activité</dt><dd>{}{}</dd></div>\n</dl>\n</li>",
        " topic-row--unread" if row.is_new or row.unread_count else "",
        mark_safe('<span class="badge">Épinglé</span> ') if topic.is_pinned else "",
        row.url,
        topic.title,
        _labels(row, show_category),
        byline_html(row.byline),
        long_date(topic.created_at),
        topic.reply_count,
        long_date(topic.last_activity_at),
        last,
    )


@register.simple_tag
def topic_list(rows, empty, show_category):
    """`{% topic_list rows empty show_category %}`: the list of topics, or one card saying `empty`."""
    if not rows:
        return format_html('<ul class="plain-list topic-list">\n<li class="card"><p>{}</p></li>\n</ul>', empty)
    items = format_html_join("\n", "{}", ((topic_row_html(row, show_category),) for row in rows))
    return format_html('<ul class="plain-list topic-list">\n{}\n</ul>', items)
