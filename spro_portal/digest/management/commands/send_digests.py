"""Send a period's digests without a broker: the same services as the Celery tasks, run in this process."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from spro_portal.digest import periods, services
from spro_portal.digest.models import DigestDelivery, Frequency

Status = DigestDelivery.Status


class Command(BaseCommand):
    help = "Envoie les résumés d'une période (par défaut le mois précédent) ; relancé, il n'envoie rien deux fois."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", help="AAAA-MM (un mois) ou AAAA-Wss (une semaine ISO) ; défaut : le mois dernier"
        )
        parser.add_argument("--dry-run", action="store_true", help="construit les résumés sans rien envoyer ni noter")
        parser.add_argument("--user", metavar="EMAIL", help="seulement le résumé de cette personne")

    def handle(self, *args, period=None, dry_run=False, user=None, **options):
        try:
            period = periods.parse(period) if period else periods.previous(Frequency.MONTHLY)
        except periods.PeriodError as error:
            raise CommandError(str(error)) from error
        user_ids = None
        if user:
            person = get_user_model().objects.filter(email__iexact=user.strip()).first()
            if person is None:
                raise CommandError(f"Aucun compte n'a l'adresse e-mail « {user} ».")
            if not services.eligible_people(period).filter(pk=person.pk).exists():
                raise CommandError(
                    f"{person.email} ne reçoit pas le résumé de la période {period.key} "
                    "(compte inactif, adresse non vérifiée ou autre fréquence choisie)."
                )
            user_ids = [person.pk]
        self.stdout.write(f"Résumés de la période {period.key} ({period.label}){' — simulation' if dry_run else ''}.")
        if dry_run:
            self.dry_run(period, user_ids)
        else:
            self.send(period, user_ids)

    def send(self, period, user_ids):
        already = DigestDelivery.objects.filter(period=period.key, status=Status.SENT)
        if user_ids is not None:
            already = already.filter(user_id__in=user_ids)
        already_sent = already.count()
        chunks = services.plan_period(period, user_ids=user_ids)
        total = sum(len(chunk) for chunk in chunks)
        outcomes = {services.SENT: 0, services.EMPTY: 0, services.SKIPPED: 0}
        done = 0
        for chunk in chunks:
            for outcome in services.send_chunk(chunk).values():
                outcomes[outcome] += 1
            done += len(chunk)
            self.stdout.write(f"  … {done}/{total}")
        uncertain = DigestDelivery.objects.filter(period=period.key, status=Status.UNCERTAIN).count()
        if uncertain:
            self.stdout.write(
                f"Attention : {uncertain} envoi(s) interrompu(s) marqué(s) « incertain » (non renvoyés, à vérifier "
                "dans l'administration)."
            )
        self.stdout.write(
            f"{outcomes[services.SENT]} sent, {outcomes[services.EMPTY]} empty skipped, {already_sent} already sent"
        )

    def show(self, digest):
        """With --user: what the person would read."""
        self.stdout.write(f"Résumé de {digest.person.email} :" if not digest.is_empty else "Résumé vide.")
        for section in digest.sections:
            self.stdout.write(f"  == {section.title} ==")
            for count in section.counts:
                self.stdout.write(f"  {count.value} {count.label}")
            for item in section.items:
                self.stdout.write(f"  - {item.text}")

    def dry_run(self, period, user_ids):
        """What a run would do now: nothing is recorded or sent."""
        people = services.eligible_people(period)
        if user_ids is not None:
            people = people.filter(pk__in=user_ids)
        rows = DigestDelivery.objects.filter(period=period.key)
        done_ids = set(rows.exclude(status=Status.PENDING).values_list("user_id", flat=True))
        already_sent = DigestDelivery.objects.filter(period=period.key, status=Status.SENT, user__in=people).count()
        sent = empty = 0
        todo = [person for person in people.order_by("pk") if person.pk not in done_ids]
        size = settings.DIGEST_CHUNK_SIZE
        for start in range(0, len(todo), size):
            for digest in services.build_many(todo[start : start + size], period).values():
                if digest.is_empty:
                    empty += 1
                else:
                    sent += 1
                if user_ids is not None:
                    self.show(digest)
        self.stdout.write("Simulation : rien n'a été envoyé ni noté.")
        self.stdout.write(f"{sent} sent, {empty} empty skipped, {already_sent} already sent")
