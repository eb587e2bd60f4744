"""Page builders: one function per page that reads several things, returning a dataclass for the template.

Views bind, ask, call one of these (or a QuerySet method) and render; each builder has its query-count test.
"""
