"""Text search that ignores accents and case, with one code path on PostgreSQL and SQLite.

`field__unaccent__icontains=word` strips accents on both sides: through PostgreSQL's `unaccent` extension (created by
spro_portal's migration), and on SQLite through a Python function of the same name registered on each new
connection. Case is then ignored by `icontains`, so « fougeres » finds « Fougères ».
"""

import operator
import unicodedata
from functools import reduce

from django.db.backends.signals import connection_created
from django.db.models import CharField, Q, TextField, Transform

MAX_WORDS = 5


class Unaccent(Transform):
    bilateral = True  # applied to the searched words too
    lookup_name = "unaccent"
    function = "UNACCENT"


def unaccent(text):
    """« Fougères » -> « Fougeres »: the letters without their accents (None stays None, as in SQL)."""
    if text is None:
        return None
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, unaccent, deterministic=True)


def install():
    """Called once from spro_portal's AppConfig.ready()."""
    CharField.register_lookup(Unaccent)
    TextField.register_lookup(Unaccent)
    connection_created.connect(_register_sqlite_function, dispatch_uid="spro_portal.search.unaccent")


def words_in(fields, text):
    """A Q: each word of `text` (the first MAX_WORDS) appears in one of `fields`, ignoring accents and case."""
    query = Q()
    for word in text.split()[:MAX_WORDS]:
        query &= reduce(operator.or_, (Q(**{f"{field}__unaccent__icontains": word}) for field in fields))
    return query
