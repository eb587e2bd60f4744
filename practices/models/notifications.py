"""Watching and notifications: who follows a category, a topic or a working group, and what each person is told.

A Subscription says how closely one person follows one target (exactly one of category, topic, working group):
muted (never told), normal (the default: only when addressed by name) or watching (an e-mail on each new topic of
a category or group, on each reply in a topic). A Notification is one line of the person's notifications page;
`actor_label` is written already as the recipient may read it (a confidential author stays unnamed to peers).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Subscription(models.Model):
    class Level(models.TextChoices):
        MUTED = "muted", "Ignorer"
        NORMAL = "normal", "Normal"
        WATCHING = "watching", "Suivre"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions")
    category = models.ForeignKey("Category", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    topic = models.ForeignKey("Topic", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    working_group = models.ForeignKey("WorkingGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    level = models.CharField("suivi", max_length=16, choices=Level.choices, default=Level.WATCHING)
    updated_at = models.DateTimeField("le", auto_now=True)

    class Meta:
        verbose_name = "abonnement"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(category__isnull=False, topic__isnull=True, working_group__isnull=True)
                    | Q(category__isnull=True, topic__isnull=False, working_group__isnull=True)
                    | Q(category__isnull=True, topic__isnull=True, working_group__isnull=False)
                ),
                name="subscription_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "category"], condition=Q(category__isnull=False), name="one_subscription_per_category"
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], condition=Q(topic__isnull=False), name="one_subscription_per_topic"
            ),
            models.UniqueConstraint(
                fields=["user", "working_group"],
                condition=Q(working_group__isnull=False),
                name="one_subscription_per_group",
            ),
        ]
        # The fan-out reads the watchers of one target.
        indexes = [
            models.Index(fields=["topic", "level"], name="subscription_topic_level"),
            models.Index(fields=["category", "level"], name="subscription_category_level"),
            models.Index(fields=["working_group", "level"], name="subscription_group_level"),
        ]

    def __str__(self):
        target = self.topic or self.category or self.working_group
        return f"{self.user} — {target} ({self.get_level_display()})"


class Notification(models.Model):
    class Kind(models.TextChoices):
        MENTION = "mention", "Mention"
        REPLY = "reply", "Réponse"
        NEW_TOPIC = "new_topic", "Nouveau sujet"
        SOLUTION = "solution", "Solution"
        REACTION = "reaction", "« Utile »"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField("sorte", max_length=16, choices=Kind.choices)
    topic = models.ForeignKey("Topic", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # Who did it, for the dedupe and throttle rules only; pages and e-mails show `actor_label`.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_label = models.CharField("par", max_length=200)
    created_at = models.DateTimeField("le", auto_now_add=True)
    read_at = models.DateTimeField("lue le", null=True, blank=True)
    emailed_at = models.DateTimeField("envoyée par e-mail le", null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list"),
            # The header's unread count: a COUNT over this partial index.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["recipient", "topic", "-emailed_at"], name="notification_emailed"),
        ]

    def __str__(self):
        return f"{self.recipient} : {self.get_kind_display()} — {self.topic}"
