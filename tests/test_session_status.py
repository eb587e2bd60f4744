"""/compte/session/: a few bytes telling a logged-in person that their session is open, and until when."""

import pytest

from tests.utils import LOGIN, PERSONAS, assert_access, text

URL = "/compte/session/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_logged_in_person_reads_their_session_and_visitors_are_sent_to_log_in(client_for, persona):
    response = assert_access(client_for(persona), URL, LOGIN if persona == "anonymous" else 200)
    if persona != "anonymous":
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert text(response).startswith("Session ouverte jusqu'au ")
        assert len(response.content) < 100


def test_the_answer_stays_private_to_the_person(client_for):
    response = client_for("adviser").get(URL)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_it_costs_the_session_and_the_person_only(client_for, django_assert_num_queries):
    client = client_for("referent")
    with django_assert_num_queries(2):  # the session row, the user row: nothing else, whatever the data
        client.get(URL)


def test_it_reads_and_never_writes(client_for):
    assert client_for("adviser").post(URL).status_code == 405
