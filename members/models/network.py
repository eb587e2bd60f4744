from django.conf import settings
from django.db import models
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from spro_portal.links import link

from .commitments import SUBMITTED_STATUSES, CommitmentReview, CommitmentSet


class Territory(models.Model):
    """A part of the region (a bassin d'emploi or a département) that coordinators may be scoped to."""

    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = "territoire"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReferenceItem(models.Model):
    """An entry of a fixed reference list (see members/reference_data.py), addressed in URLs by its code."""

    code = models.SlugField(unique=True)
    name = models.CharField("nom", max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Mission(ReferenceItem):
    """One of the four constitutive missions of the SPRO (accueil, information, conseil, accompagnement)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = "mission"


class Audience(ReferenceItem):
    """A public a structure serves (jeunes, demandeurs d'emploi, salariés…)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = "public"


class ExpertiseArea(models.Model):
    """An area a person knows well, so peers can find who complements them."""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = "domaine d'expertise"
        verbose_name_plural = "domaines d'expertise"
        ordering = ["name"]

    def __str__(self):
        return self.name


class StructureQuerySet(models.QuerySet):
    def labelled(self):
        return self.filter(label_status=Structure.LabelStatus.LABELLED)

    def in_scope_of(self, actor):
        """Structures a coordinator's scope covers (none for a non-coordinator)."""
        if actor.is_regional_coordinator:
            return self
        if actor.is_coordinator:
            return self.filter(territory_id__in=actor.territory_ids)
        return self.none()

    def _with_cycle_set_and_signature(self, *, cycle, charter_version):
        # One row per structure: a structure has at most one set per cycle and one signature per charter version.
        return self.annotate(
            cycle_set=FilteredRelation(
                "commitment_sets", condition=Q(commitment_sets__cycle_id=cycle.pk if cycle else None)
            ),
            current_signature=FilteredRelation(
                "signatures", condition=Q(signatures__version_id=charter_version.pk if charter_version else None)
            ),
        )

    def figures_by_territory(self, *, cycle, charter_version):
        """Per territory id: structures, labelled, signatories of the charter version, sets submitted, awaiting
        review, and not submitted (drafts and missing sets of structures not withdrawn). One query."""
        statuses = CommitmentSet.Status
        return (
            self._with_cycle_set_and_signature(cycle=cycle, charter_version=charter_version)
            .values("territory_id")
            .annotate(
                structure_count=Count("pk"),
                labelled=Count("pk", filter=Q(label_status=Structure.LabelStatus.LABELLED)),
                signed=Count("current_signature__id"),
                submitted=Count("cycle_set__id", filter=Q(cycle_set__status__in=SUBMITTED_STATUSES)),
                awaiting_review=Count("cycle_set__id", filter=Q(cycle_set__status=statuses.SUBMITTED)),
                not_submitted=Count(
                    "pk",
                    filter=~Q(label_status=Structure.LabelStatus.WITHDRAWN)
                    & (Q(cycle_set__id__isnull=True) | Q(cycle_set__status=statuses.DRAFT)),
                ),
            )
            .order_by()
        )

    def with_commitment_figures(self, *, cycle, charter_version):
        """Each structure with its signature of the charter version and its set and latest review for the cycle."""
        last_review = CommitmentReview.objects.filter(
            submission__commitment_set__structure=OuterRef("pk"),
            submission__commitment_set__cycle_id=cycle.pk if cycle else None,
        ).order_by("-decided_at", "-pk")
        return (
            self._with_cycle_set_and_signature(cycle=cycle, charter_version=charter_version)
            .select_related("territory")
            .annotate(
                signature_id=F("current_signature__id"),
                set_status=F("cycle_set__status"),
                set_submitted_at=F("cycle_set__submitted_at"),
                last_decision=Subquery(last_review.values("decision")[:1]),
                last_decided_at=Subquery(last_review.values("decided_at")[:1]),
            )
            .order_by("territory__name", "name")
        )


class Structure(models.Model):
    """A member organisation of the SPRO network."""

    class Type(models.TextChoices):
        CIO = "cio", "CIO"
        MISSION_LOCALE = "mission_locale", "Mission locale"
        FRANCE_TRAVAIL = "france_travail", "France Travail"
        CAP_EMPLOI = "cap_emploi", "Cap emploi"
        APEC = "apec", "APEC"
        CCI = "cci", "CCI"
        CMA = "cma", "CMA"
        CHAMBRE_AGRICULTURE = "chambre_agriculture", "Chambre d'agriculture"
        INFORMATION_JEUNESSE = "information_jeunesse", "Information Jeunesse"
        TRANSITIONS_PRO = "transitions_pro", "Transitions Pro"
        ORGANISME_FORMATION = "organisme_formation", "Organisme de formation"
        AUTRE = "autre", "Autre"

    class LabelStatus(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        LABELLED = "labelled", "Labellisée"
        SUSPENDED = "suspended", "Suspendue"
        WITHDRAWN = "withdrawn", "Retirée"

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    type = models.CharField("type", max_length=32, choices=Type.choices)
    territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        related_name="structures",
        verbose_name="territoire",
    )
    commune = models.CharField("commune", max_length=120)
    description = models.TextField("présentation", blank=True, max_length=5000)
    address = models.CharField("adresse", max_length=250, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    opening_hours = models.TextField("horaires d'ouverture", blank=True, max_length=1000)
    contact_email = models.EmailField("e-mail de contact public", blank=True)
    contact_phone = models.CharField("téléphone public", max_length=20, blank=True)
    website = models.URLField("site internet", blank=True)
    missions = models.ManyToManyField("Mission", blank=True, related_name="structures", verbose_name="missions")
    audiences = models.ManyToManyField("Audience", blank=True, related_name="structures", verbose_name="publics")
    profile_updated_at = models.DateTimeField("profil modifié le", null=True, blank=True)
    label_status = models.CharField(
        "statut de labellisation",
        max_length=16,
        choices=LabelStatus.choices,
        default=LabelStatus.CANDIDATE,
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = StructureQuerySet.as_manager()

    #: What a structure's referents edit and the public directory shows (besides missions and audiences).
    PROFILE_FIELDS = [
        "description",
        "address",
        "postcode",
        "commune",
        "opening_hours",
        "contact_email",
        "contact_phone",
        "website",
    ]

    class Meta:
        verbose_name = "structure"
        ordering = [Lower("name")]  # « Cap emploi » before « CMA », as a French reader expects
        indexes = [models.Index(fields=["label_status", "territory"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("members:structure_detail", self.slug)


class LabelStatusChange(models.Model):
    """A change of a structure's label status, with the coordinator's written reason. Never edited."""

    structure = models.ForeignKey("Structure", on_delete=models.CASCADE, related_name="label_changes")
    from_status = models.CharField("ancien statut", max_length=16, blank=True, choices=Structure.LabelStatus.choices)
    to_status = models.CharField("nouveau statut", max_length=16, choices=Structure.LabelStatus.choices)
    reason = models.TextField("motif", max_length=3000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    changed_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "changement de labellisation"
        verbose_name_plural = "changements de labellisation"
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.structure} : {self.from_status or '—'} → {self.to_status}"


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def referents(self):
        return self.active().filter(role=Membership.Role.REFERENT)

    def referent_emails(self, structure_id):
        """Where a structure's news goes: the addresses of its active referents."""
        return list(self.referents().filter(structure_id=structure_id).values_list("user__email", flat=True))


class Membership(models.Model):
    """A person's place in a structure. A person has at most one active membership."""

    class Role(models.TextChoices):
        ADVISER = "adviser", "Conseiller·ère"
        REFERENT = "referent", "Référent·e SPRO"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=16, choices=Role.choices, default=Role.ADVISER)
    is_active = models.BooleanField("active", default=True)
    joined_at = models.DateTimeField("arrivée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modifiée par",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "adhésion"
        ordering = ["structure__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(is_active=True),
                name="one_active_membership_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "structure"],
                name="one_membership_per_user_and_structure",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.structure} ({self.get_role_display()})"

    @property
    def is_referent(self):
        return self.role == self.Role.REFERENT


class Coordinator(models.Model):
    """A regional coordinator's scope: the whole region, or some territories."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator")
    is_regional = models.BooleanField("toute la région", default=False)
    territories = models.ManyToManyField(Territory, blank=True, related_name="coordinators", verbose_name="territoires")

    class Meta:
        verbose_name = "coordinateur·rice"
        verbose_name_plural = "coordinateur·rices"

    def __str__(self):
        return f"{self.user} ({'région' if self.is_regional else 'territoires'})"
