"""Topic lists and a topic's posts written in Python to the HTML: a list's 25 rows and a topic's 20 posts through
the template engine (a dozen tags and two or three includes each) cost more than their queries. Same markup as the
templates did (checked side by side on the bench data, every ability of a post); every value is escaped by
`format_html`, the bylines are the ones `permissions.author_label` decided for this reader and a post's actions the
ones its `PostAbilities` allow."""

from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from spro_portal import fragments
from spro_portal.dates import long_date, long_datetime
from spro_portal.links import link
from spro_portal.markdown import sanitize

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
    parts.append(fragments.slot("read-badge"))
    if topic.is_locked:
        parts.append(mark_safe('<span class="badge">Fermé</span>'))
    if show_category:
        category = topic.category
        parts.append(format_html('<a class="meta" href="{}">{}</a>', category.get_absolute_url(), category.name))
    if topic.working_group_id:
        parts.append(format_html(' <span class="meta">· groupe {}</span>', topic.working_group.name))
    return mark_safe("".join(parts))


def shared_topic_row_html(row, show_category):
    """One `<li>` of a topic list (a `pages.forum.TopicRow`) as every reader with the same bylines sees it: what
    depends on this reader's reading (the link to the first unread post, « Nouveau », « 3 non lus ») is left in
    slots, filled by `reader_topic_row_html`."""
    topic = row.topic
    last = format_html('<span class="meta"> par {}</span>', row.last_byline.name) if row.last_byline else ""
    return format_html(
        '<li class="topic-row{}">\n<div class="topic-row__main">\n<h3 class="topic-row__title">{}<a href="{}">{}</a>'
        '</h3>\n<p class="topic-row__labels">{}</p>\n<p class="meta">Posée par {}, le {}</p>\n</div>\n'
        '<dl class="topic-row__figures">\n<div><dt>Réponses</dt><dd>{}</dd></div>\n'
        "<div><dt>Dernière activité</dt><dd>{}{}</dd></div>\n</dl>\n</li>",
        fragments.slot("unread-class"),
        mark_safe('<span class="badge">Épinglé</span> ') if topic.is_pinned else "",
        fragments.slot("url"),
        topic.title,
        _labels(row, show_category),
        byline_html(row.byline),
        long_date(topic.created_at),
        topic.reply_count,
        long_date(topic.last_activity_at),
        last,
    )


READING_SLOTS = ("unread-class", "url", "read-badge")


def first_unread_html(url):
    """The topic page's link to this reader's first unread post, or nothing."""
    if not url:
        return ""
    return format_html('<li><a class="button button--small" href="{}">Aller au premier message non lu</a></li>', url)


def reading_html(reading):
    """What a row's slots hold for this reader (`reading`: a `pages.forum.Reading`), by slot name."""
    if reading.is_new:
        badge = mark_safe('<span class="badge badge--new">Nouveau</span>')
    elif reading.unread_count:
        count = reading.unread_count
        badge = format_html('<span class="badge badge--new">{} non lu{}</span>', count, pluralize(count))
    else:
        badge = ""
    return {
        "unread-class": " topic-row--unread" if reading.is_new or reading.unread_count else "",
        "url": conditional_escape(reading.url),
        "read-badge": badge,
    }


def reader_topic_row_html(shared_html, reading):
    """A shared row with this reader's slots filled."""
    return fragments.fill(shared_html, **reading_html(reading))


@register.simple_tag
def topic_list(rows, empty):
    """`{% topic_list rows empty %}`: the list of topics (each row's HTML, from `pages.forum.topic_rows`), or one
    card saying `empty`."""
    if not rows:
        return format_html('<ul class="plain-list topic-list">\n<li class="card"><p>{}</p></li>\n</ul>', empty)
    items = format_html_join("\n", "{}", ((row,) for row in rows))
    return format_html('<ul class="plain-list topic-list">\n{}\n</ul>', items)


# --- the posts of a topic page ------------------------------------------------------------------------------------


def _csrf_input(csrf_token):
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)


USEFUL_SLOTS = ("value", "class", "pressed")


def useful_html(post_pk, is_useful_to_me):
    """What the « Utile » button's slots hold for a reader who marked the post useful or not, by slot name."""
    return {
        "value": "0" if is_useful_to_me else "1",
        "class": " reaction__button--on" if is_useful_to_me else " button--secondary",
        "pressed": "true" if is_useful_to_me else "false",
    }


def reaction_html(post, count, is_useful_to_me, can_react, csrf_token):
    """« Utile » on a post: a plain form, which htmx swaps in place (also the answer to the htmx request).
    `is_useful_to_me` None: the reader's state left in slots (a shared page, `pages.forum.fill_topic`)."""
    inner = ""
    if can_react:
        action = link("practices:post_reaction", post.pk)
        if is_useful_to_me is None:
            state = {name: fragments.slot(f"useful:{post.pk}:{name}") for name in USEFUL_SLOTS}
        else:
            state = useful_html(post.pk, is_useful_to_me)
        inner = format_html(
            '<form method="post" action="{}" class="inline-form" hx-post="{}" hx-target="#utile-{}" '
            'hx-swap="outerHTML">{}<input type="hidden" name="useful" value="{}">'
            '<button type="submit" class="button button--small reaction__button{}" aria-pressed="{}">Utile · {}'
            "</button></form>",
            action,
            action,
            post.pk,
            _csrf_input(csrf_token),
            state["value"],
            state["class"],
            state["pressed"],
            count,
        )
    elif count:
        inner = format_html('<span class="reaction__static">Utile pour {} personne{}</span>', count, pluralize(count))
    return format_html('<div class="reaction" id="utile-{}">{}</div>', post.pk, inner)


def _post_form(action, csrf_token, button, secondary=True):
    return format_html(
        '<form method="post" action="{}" class="inline-form">{}<button type="submit" class="button button--small{}">'
        "{}</button></form>",
        action,
        _csrf_input(csrf_token),
        " button--secondary" if secondary else "",
        button,
    )


def _button_link(url, label):
    return format_html('<a class="button button--small button--secondary" href="{}">{}</a>', url, label)


def _post_actions(row, topic, in_solution_box, csrf_token):
    post, can = row.post, row.can
    parts = [reaction_html(post, post.reaction_count, row.is_useful_to_me, can.react, csrf_token)]
    if can.quote:
        parts.append(_button_link(f"{link('practices:topic_reply', topic.pk)}?citer={post.pk}#repondre", "Citer"))
    if can.edit:
        parts.append(_button_link(link("practices:post_edit", post.pk), "Modifier"))
    if can.mark_solution:
        parts.append(
            _post_form(link("practices:solution_mark", post.pk), csrf_token, mark_safe("C'est la solution"), False)
        )
    if can.unmark_solution:
        parts.append(_post_form(link("practices:solution_unmark", topic.pk), csrf_token, "Retirer la solution"))
    if can.report:
        parts.append(_button_link(link("practices:post_report", post.pk), "Signaler"))
    if can.restore:
        parts.append(_post_form(link("practices:post_restore", post.pk), csrf_token, "Rétablir le message"))
    if can.hide and not in_solution_box:
        parts.append(
            format_html(
                '<details class="post__moderate"><summary>Masquer</summary>'
                '<form method="post" action="{}" class="form">{}'
                '<label for="hide-reason-{}">Motif du masquage (montré à l\'auteur·rice)</label>'
                '<textarea name="reason" id="hide-reason-{}" rows="2" maxlength="500" required></textarea>'
                '<div class="form__actions"><button type="submit" class="button button--small">Masquer le message'
                "</button></div></form></details>",
                link("practices:post_hide", post.pk),
                _csrf_input(csrf_token),
                post.pk,
                post.pk,
            )
        )
    return format_html_join("\n", "{}", ((part,) for part in parts))


def _post_meta(post, can):
    label = "Question" if post.number == 1 else f"Réponse n° {post.number - 1}"
    edited = ""
    if post.edited_at:
        revisions = ""
        if can.see_revisions:
            revisions = format_html(
                ' (<a href="{}">versions antérieures</a>)', link("practices:post_revisions", post.pk)
            )
        edited = format_html(
            ' · <span class="post__edited">modifié le {}</span>{}', long_datetime(post.edited_at), revisions
        )
    return format_html(
        '<p class="meta"><a href="{}">{}</a>, le {}{}</p>',
        link("practices:post", post.pk),
        label,
        long_datetime(post.created_at),
        edited,
    )


def _post_body(post, can):
    if not post.is_hidden:
        return format_html('<div class="prose post__body">{}</div>', sanitize(post.body_html))
    reason = format_html(" : {}", post.hidden_reason or "aucun motif donné") if can.read_hidden else ""
    hidden = format_html('<p class="notice notice--warning">Ce message a été masqué par la modération{}.</p>', reason)
    if can.read_hidden:
        hidden = format_html(
            '{}\n<div class="prose post__body post__body--hidden">{}</div>', hidden, sanitize(post.body_html)
        )
    return hidden


def post_html(row, topic, in_solution_box, csrf_token):
    """One post of a topic page (a `pages.forum.PostRow`), with the actions its abilities allow."""
    post, can = row.post, row.can
    prefix = "solution-" if in_solution_box else ""
    return format_html(
        '<article class="post{}"{} aria-labelledby="{}{}-by">\n<header class="post__head">\n'
        '<p id="{}{}-by" class="post__by">{}</p>\n{}\n{}</header>\n{}\n'
        '<footer class="post__actions">\n{}\n</footer>\n</article>',
        " post--solution" if row.is_solution else "",
        "" if in_solution_box else format_html(' id="{}"', post.anchor),
        prefix,
        post.anchor,
        prefix,
        post.anchor,
        byline_html(row.byline),
        _post_meta(post, can),
        mark_safe('<p class="badge badge--solved">Solution</p>\n') if row.is_solution else "",
        _post_body(post, can),
        _post_actions(row, topic, in_solution_box, csrf_token),
    )
