"""spro_portal.links.link: the URL reverse() gives, without reversing each time."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from spro_portal.links import link


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("practices:topic", 1),
        ("practices:topic", 2**63 - 1),
        ("practices:post", 120_345),
        ("practices:post_reaction", 7),
        ("practices:category", "accueil"),
        ("practices:group", "conseillers-du-pays-de-brest"),
        ("members:structure_detail", "cio-de-brest"),
    ],
)
def test_link_is_what_reverse_gives(name, value):
    assert link(name, value) == reverse(name, args=[value])


def test_link_follows_the_script_prefix_the_site_is_served_under():
    set_script_prefix("/portail/")
    try:
        assert link("practices:topic", 42) == "/portail/communaute/sujets/42/" == reverse("practices:topic", args=[42])
    finally:
        set_script_prefix("/")
    assert link("practices:topic", 42) == "/communaute/sujets/42/"


def test_a_value_the_route_refuses_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        link("practices:topic", "../admin")
    with pytest.raises(NoReverseMatch):
        link("practices:category", "é t é")
