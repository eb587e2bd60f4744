"""What indicators holds about a person, for the composition's personal-data duties (spro_portal.privacy)."""

from spro_portal.composition import PersonalDataTable

from .models import IndicatorProposal, ObjectionAnswer, Position, ProposalComment, Report


def _table(name, title, columns, rows):
    return PersonalDataTable(name, title, tuple(columns.split()), tuple(rows))


def personal_data(person):
    """The person's proposals, positions (earlier ones included), comments, answers to objections and the reports
    they submitted for their structure. Five queries."""
    proposals = IndicatorProposal.objects.filter(author=person).order_by("created_at")
    positions = Position.objects.filter(user=person).select_related("proposal", "structure").order_by("created_at")
    comments = ProposalComment.objects.filter(author=person).select_related("proposal").order_by("created_at")
    answers = ObjectionAnswer.objects.filter(author=person).select_related("position__proposal").order_by("created_at")
    reports = (
        Report.objects.filter(submitted_by=person).select_related("campaign", "structure").order_by("submitted_at")
    )
    return [
        _table(
            "indicateurs_propositions",
            "Indicateurs que j'ai proposés",
            "nom objet definition etat proposee_le",
            (
                {
                    "nom": row.name,
                    "objet": row.purpose,
                    "definition": row.definition,
                    "etat": row.get_status_display(),
                    "proposee_le": row.created_at,
                }
                for row in proposals
            ),
        ),
        _table(
            "indicateurs_positions",
            "Mes positions sur les propositions d'indicateurs",
            "proposition position motif au_nom_de actuelle le",
            (
                {
                    "proposition": row.proposal.name,
                    "position": row.get_kind_display(),
                    "motif": row.reason,
                    "au_nom_de": row.structure.name,
                    "actuelle": row.is_current,
                    "le": row.created_at,
                }
                for row in positions
            ),
        ),
        _table(
            "indicateurs_commentaires",
            "Mes commentaires sur les propositions d'indicateurs",
            "proposition texte le",
            ({"proposition": row.proposal.name, "texte": row.body, "le": row.created_at} for row in comments),
        ),
        _table(
            "indicateurs_reponses_aux_objections",
            "Mes réponses aux objections",
            "proposition texte le",
            ({"proposition": row.position.proposal.name, "texte": row.body, "le": row.created_at} for row in answers),
        ),
        _table(
            "indicateurs_rapports_deposes",
            "Rapports d'indicateurs que j'ai déposés pour ma structure",
            "campagne structure etat depose_le",
            (
                {
                    "campagne": row.campaign.label,
                    "structure": row.structure.name,
                    "etat": row.get_status_display(),
                    "depose_le": row.submitted_at,
                }
                for row in reports
            ),
        ),
    ]
