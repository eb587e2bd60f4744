import pytest

from spro_portal.digest import services
from tests.utils import text

pytestmark = pytest.mark.django_db


def test_staff_sees_the_sends_and_previews_a_persons_digest_from_the_admin(client_for, digest_network, period):
    services.plan_period(period)
    staff = client_for("staff")
    page = text(staff.get("/admin/digest/digestdelivery/?status=pending"))
    preview = f"/compte/resume/2026-11/?personne={digest_network.referent.pk}"
    assert preview in page
    assert "Engagements de CIO de Rennes" in text(staff.get(preview))
    assert staff.get("/admin/digest/digestdelivery/add/").status_code == 403
