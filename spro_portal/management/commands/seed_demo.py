"""`manage.py seed_demo`: a believable demo network, built by the steps every app offers (spro_portal.composition).

All steps run in their `order`, in one transaction; see spro_portal.seeding for what they share.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from spro_portal import composition
from spro_portal.seeding import SeedContext


class Command(BaseCommand):
    help = "Crée un réseau SPRO de démonstration (Bretagne) : territoires, structures, personnes, comptes de démo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiplie le nombre de structures et de personnes (1 : environ 40 structures et 150 personnes).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne fait rien si des données de démonstration existent déjà.",
        )

    def handle(self, *args, scale, if_empty, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusé : les données de démonstration ne se créent qu'en développement (DEBUG activé). "
                "Elles contiennent des comptes au mot de passe connu."
            )
        if scale <= 0:
            raise CommandError("L'échelle (--scale) doit être strictement positive.")
        if if_empty and composition.demo_data_exists():
            self.stdout.write("Données de démonstration déjà présentes.")
            return
        ctx = SeedContext(scale=scale, log=self.stdout.write, now=timezone.now())
        with transaction.atomic():
            for step in composition.seed_steps():
                step.run(ctx)
        for line in composition.seed_summary(ctx):
            self.stdout.write(line)
