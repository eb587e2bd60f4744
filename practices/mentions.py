"""@mentions: « @claire.martin » names the person whose e-mail address starts with « claire.martin@ ».

The handle is the part of the address before the « @ » (letters, digits, « . _ + - »), as it appears in the
people directory's e-mail column. A handle shared by several people (same local part, different domains) names
no one, rather than the wrong person. Known handles become links to the directory in the Markdown before it is
rendered, so the sanitising allow-list of spro_portal.markdown is unchanged.
"""

import re
from functools import reduce
from operator import or_
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from spro_portal.markdown import render_markdown

# Not after a word character, a dot or an « @ », so « claire@example.fr » is an address, not a mention.
MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9](?:[A-Za-z0-9._+-]*[A-Za-z0-9])?)")
MAX_MENTIONS = 20
# Code is quoted as written: « `@admin` » in a code span or block is not a mention.
CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)


def handles_in(text):
    """The distinct handles written in `text` outside code, in lower case (at most MAX_MENTIONS)."""
    handles = []
    prose = "".join(part for index, part in enumerate(CODE.split(text or "")) if not index % 2)
    for match in MENTION.finditer(prose):
        handle = match.group(1).lower()
        if handle not in handles:
            handles.append(handle)
    return handles[:MAX_MENTIONS]


def people_named(handles):
    """{handle: user} for the handles that name exactly one active person. One query."""
    if not handles:
        return {}
    users = get_user_model().objects.filter(
        reduce(or_, (Q(email__istartswith=f"{handle}@") for handle in handles)), is_active=True
    )
    found = {}
    for user in users:
        handle = user.email.rsplit("@", 1)[0].lower()
        if handle in handles:
            found.setdefault(handle, []).append(user)
    return {handle: people[0] for handle, people in found.items() if len(people) == 1}


def link_mentions(text, people):
    def link(match):
        user = people.get(match.group(1).lower())
        if user is None:
            return match.group(0)
        name = user.get_full_name() or match.group(1)
        return f"[@{match.group(1)}]({reverse('members:people_directory')}?q={quote(name)})"

    parts = CODE.split(text)
    # split() with a group keeps the code pieces at the odd places: only the prose between them is changed.
    return "".join(part if index % 2 else MENTION.sub(link, part) for index, part in enumerate(parts))


def render_post(body):
    """A post's HTML: its mentions linked, then the portal's Markdown pipeline (sanitised)."""
    return render_markdown(link_mentions(body, people_named(handles_in(body))))


def mentioned_people(body):
    return list(people_named(handles_in(body)).values())
