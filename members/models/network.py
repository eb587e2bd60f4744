from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Territory(models.Model):
    """A part of the region (a bassin d'emploi or a département) that coordinators may be scoped to."""

    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = "territoire"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Mission(models.Model):
    """One of the four constitutive missions of the SPRO (accueil, information, conseil, accompagnement)."""

    code = models.SlugField(unique=True)
    name = models.CharField("nom", max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "mission"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Audience(models.Model):
    """A public a structure serves (jeunes, demandeurs d'emploi, salariés…)."""

    code = models.SlugField(unique=True)
    name = models.CharField("nom", max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "public"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


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


class LabelStatusChange(models.Model):
    """A change of a structure's label status, with the coordinator's written reason. Never edited."""

    structure = models.ForeignKey("Structure", on_delete=models.CASCADE, related_name="label_changes")
    from_status = models.CharField("ancien statut", max_length=16, blank=True)
    to_status = models.CharField("nouveau statut", max_length=16)
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
    contact_email = models.EmailField("courriel de contact public", blank=True)
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

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        indexes = [models.Index(fields=["label_status", "territory"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:structure_detail", args=[self.slug])


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def referents(self):
        return self.active().filter(role=Membership.Role.REFERENT)


class Membership(models.Model):
    """A person's place in a structure. A person has at most one active membership."""

    class Role(models.TextChoices):
        ADVISER = "adviser", "Conseiller·ère"
        REFERENT = "referent", "Référent·e SPRO"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=16, choices=Role.choices, default=Role.ADVISER)
    is_active = models.BooleanField("active", default=True)
    joined_at = models.DateTimeField("arrivée le", auto_now_add=True)
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
