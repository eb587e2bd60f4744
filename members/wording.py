"""How the portal names someone without naming them: « un·e conseiller·e d'une Mission locale » for the author of a
confidential question (practices), « ancien·ne membre d'une Mission locale » for a closed account."""

from .models.network import Structure

# "d'une Mission locale": the structure's type, with the right French article.
OF_STRUCTURE_TYPE = {
    Structure.Type.CIO: "d'un CIO",
    Structure.Type.MISSION_LOCALE: "d'une Mission locale",
    Structure.Type.FRANCE_TRAVAIL: "d'une agence France Travail",
    Structure.Type.CAP_EMPLOI: "d'un Cap emploi",
    Structure.Type.APEC: "de l'APEC",
    Structure.Type.CCI: "d'une CCI",
    Structure.Type.CMA: "d'une chambre de métiers et de l'artisanat",
    Structure.Type.CHAMBRE_AGRICULTURE: "d'une chambre d'agriculture",
    Structure.Type.INFORMATION_JEUNESSE: "d'une structure Information Jeunesse",
    Structure.Type.TRANSITIONS_PRO: "de Transitions Pro",
    Structure.Type.ORGANISME_FORMATION: "d'un organisme de formation",
}
OF_A_STRUCTURE = "d'une structure du réseau"


def of_structure_type(structure):
    """« d'une Mission locale », or « d'une structure du réseau » without a structure (or of type « Autre »)."""
    return OF_STRUCTURE_TYPE.get(structure.type, OF_A_STRUCTURE) if structure else OF_A_STRUCTURE


def former_member_label(structure, *, was_coordinator=False):
    """What the network reads instead of a closed account's name, wherever its writings stay."""
    if structure is None and was_coordinator:
        return "ancien·ne membre de la coordination du SPRO"
    return f"ancien·ne membre {of_structure_type(structure)}"
