from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Une adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person of the network; they log in with their email address."""

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    job_title = models.CharField("fonction", max_length=120, blank=True)
    phone = models.CharField("téléphone professionnel", max_length=20, blank=True)
    expertise = models.ManyToManyField(
        "members.ExpertiseArea", blank=True, related_name="people", verbose_name="domaines d'expertise"
    )
    show_in_directory = models.BooleanField("apparaître dans l'annuaire des membres", default=True)
    # Closing an account (members.services.accounts) blanks who the person was and keeps what they wrote, signed
    # with `former_label` (« ancien·ne membre d'une Mission locale »).
    closure_requested_at = models.DateTimeField("fermeture demandée le", null=True, blank=True)
    closed_at = models.DateTimeField("compte fermé le", null=True, blank=True)
    closed_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="fermé par"
    )
    former_label = models.CharField("nom affiché après la fermeture", max_length=120, blank=True)

    # What get_full_name reads: a query that narrows users with .only() names these, or each name costs a query.
    NAME_FIELDS = ("first_name", "last_name", "closed_at", "former_label")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur·rice"
        verbose_name_plural = "utilisateur·rices"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        if self.closed_at:
            return self.former_label
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_closed(self):
        return self.closed_at is not None
