from django.core.management.base import BaseCommand

from spro_portal.privacy.retention import personal_data_purge


class Command(BaseCommand):
    help = "Efface les données personnelles gardées au-delà de leur durée (RETENTION_DAYS) ; --dry-run : compter."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compter ce qui serait effacé, sans rien effacer")

    def handle(self, *args, dry_run=False, **options):
        verb = "à effacer" if dry_run else "effacé(s)"
        for row in personal_data_purge(dry_run=dry_run):
            self.stdout.write(f"{row.kind} (plus de {row.days} jours) : {row.count} {verb}")
        if dry_run:
            self.stdout.write("Simulation : rien n'a été effacé.")
