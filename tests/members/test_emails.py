"""The e-mail layer: members.emails says who receives what; members.tasks only loads rows and calls it."""

import ast
import inspect
import re
from pathlib import Path

from django.core import mail

from members import emails, tasks
from members.models import JoinRequest
from tests.factories import JoinRequestFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "emails"


def _imports_inside_functions(module):
    tree = ast.parse(inspect.getsource(module))
    return [
        f"{module.__name__}.{function.name}"
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]


def test_tasks_and_emails_import_nothing_inside_their_functions():
    assert _imports_inside_functions(tasks) == []
    assert _imports_inside_functions(emails) == []


def test_every_task_hands_its_row_to_one_email_function():
    tree = ast.parse(inspect.getsource(tasks))
    for function in (node for node in tree.body if isinstance(node, ast.FunctionDef)):
        calls = {
            node.func.attr
            for node in ast.walk(function)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "emails"
        }
        assert len(calls) == 1, function.name
        assert hasattr(emails, calls.pop())


def test_email_templates_compare_no_status_strings():
    offenders = [
        path.name for path in TEMPLATES.iterdir() if re.search(r"\{%\s*if [^%]*[=!]=\s*[\"']", path.read_text())
    ]
    assert offenders == []


def test_a_refused_join_request_is_told_so(network):
    join_request = JoinRequestFactory(structure=network.structure, status=JoinRequest.Status.REFUSED)
    emails.send_join_request_decision(join_request)
    assert mail.outbox[0].to == [join_request.user.email]
    assert "n'a pas été acceptée" in mail.outbox[0].body
    assert "Bienvenue" not in mail.outbox[0].subject
