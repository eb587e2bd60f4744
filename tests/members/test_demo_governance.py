"""The demo network shows every governance feature: profiles, label history, charter, commitments in every state."""

from members.actor import build_actor
from members.models import (
    CharterSignature,
    CharterVersion,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    LabelStatusChange,
    Membership,
    ReviewCycle,
    Structure,
    User,
)
from members.models.commitments import snapshot_entry
from tests.utils import seed_demo


def test_the_charter_in_force_has_its_commitments_in_every_category(seeded):
    version = CharterVersion.objects.current()
    assert version is not None and version.is_published
    assert {item.category for item in version.items.all()} == {"missions", "cooperation", "development", "indicators"}


def test_commitments_of_the_current_cycle_are_in_every_state(seeded):
    statuses = set(CommitmentSet.objects.filter(cycle__year=CommitmentSet.objects.latest("cycle__year").cycle.year)
                   .values_list("status", flat=True))  # fmt: skip
    assert statuses == set(CommitmentSet.Status.values)


def test_review_history_and_previous_cycle_exist_for_the_review_page(seeded):
    resubmitted = CommitmentSet.objects.filter(submissions__number=2).distinct()
    assert resubmitted.exists()
    assert CommitmentReview.objects.filter(decision="changes_requested", item_reviews__reason__gt="").exists()
    assert CommitmentSet.objects.filter(cycle__year__lt=CommitmentSet.objects.latest("cycle__year").cycle.year,
                                        status="approved").exists()  # fmt: skip
    for submission in CommitmentSubmission.objects.all()[:5]:
        assert {"item_id", "code", "title", "text", "evidence"} <= set(submission.snapshot[0])


def test_demo_referent_has_a_draft_to_finish_and_a_charter_to_sign(seeded):
    referent = build_actor(User.objects.get(email="referent@demo.spro.fr"))
    structure = referent.structure
    assert not CharterSignature.objects.filter(structure=structure, version=CharterVersion.objects.current()).exists()
    current = CommitmentSet.objects.filter(structure=structure).latest("cycle__year")
    assert current.status == CommitmentSet.Status.DRAFT
    assert current.commitments.filter(text="").exists()


def test_territorial_coordinator_has_submissions_to_review_in_their_territory(seeded):
    coordinator = build_actor(User.objects.get(email="territoire@demo.spro.fr"))
    in_scope = Structure.objects.in_scope_of(coordinator)
    assert CommitmentSet.objects.filter(structure__in=in_scope, status="submitted").exists()


def test_every_structure_has_a_profile_and_a_label_history(seeded):
    assert not Structure.objects.filter(profile_updated_at__isnull=True).exists()
    assert not Structure.objects.filter(missions__isnull=True).exists()
    assert LabelStatusChange.objects.values("structure").distinct().count() == Structure.objects.count()


def test_members_have_areas_of_expertise(seeded):
    members = User.objects.filter(memberships__is_active=True)
    assert members.filter(expertise__isnull=False).distinct().count() == members.count()
    assert Membership.objects.active().count() == members.count()


def test_seeding_governance_twice_changes_nothing(seeded):
    before = (CommitmentSet.objects.count(), CommitmentSubmission.objects.count(), CharterSignature.objects.count())
    seed_demo()
    after = (CommitmentSet.objects.count(), CommitmentSubmission.objects.count(), CharterSignature.objects.count())
    assert before == after


def test_demo_snapshots_are_written_by_the_services_snapshot_builder(seeded):
    submission = CommitmentSubmission.objects.filter(commitment_set__status="approved").order_by("-pk").first()
    commitments = submission.commitment_set.commitments.select_related("item").order_by("item__position")
    assert submission.snapshot == [snapshot_entry(c.item, c.text, c.evidence.kept()) for c in commitments]


def test_the_demo_current_cycle_is_the_one_the_pages_show(seeded):
    current = ReviewCycle.objects.current()
    assert current is not None
    assert CommitmentSet.objects.filter(cycle=current, status="submitted").exists()


def test_a_resubmitted_demo_set_shows_what_changed_since_the_previous_deposit(seeded):
    commitment_set = CommitmentSet.objects.filter(submissions__number=2).distinct().first()
    first, second = commitment_set.submissions.order_by("number")
    changed = {a["code"] for a, b in zip(first.snapshot, second.snapshot, strict=True) if a["text"] != b["text"]}
    assert changed == {"M1", "C1", "C2"}
