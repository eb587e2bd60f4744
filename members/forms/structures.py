from django import forms
from django.core.validators import RegexValidator

from spro_portal.ids import IdModelMultipleChoiceField

from ..models import Audience, ExpertiseArea, Mission, Structure, User
from ..services.structures import LABEL_REASON_MIN_LENGTH

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 .()-]{5,18}$",
    "Saisissez un numéro de téléphone, par exemple 02 99 12 34 56.",
)
postcode_validator = RegexValidator(r"^[0-9]{5}$", "Le code postal compte 5 chiffres, par exemple 35000.")


class StructureProfileForm(forms.ModelForm):
    website = forms.URLField(
        label="Site internet",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Par exemple https://www.cio-rennes.fr",
        error_messages={"invalid": "Saisissez une adresse de site valide, par exemple https://www.exemple.fr"},
    )
    missions = IdModelMultipleChoiceField(
        label="Missions exercées",
        queryset=Mission.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Choisissez des missions de la liste.",
            "invalid_pk_value": "Choisissez des missions de la liste.",
        },
    )
    audiences = IdModelMultipleChoiceField(
        label="Publics accueillis",
        queryset=Audience.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Choisissez des publics de la liste.",
            "invalid_pk_value": "Choisissez des publics de la liste.",
        },
    )

    class Meta:
        model = Structure
        fields = [*Structure.PROFILE_FIELDS, "missions", "audiences"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "opening_hours": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": "Qui vous êtes, ce que vous proposez, comment on vous rencontre. Texte simple : "
            "les retours à la ligne sont conservés.",
            "opening_hours": "Par exemple : du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h ; "
            "sur rendez-vous le samedi matin.",
            "contact_email": "Adresse que le public peut utiliser ; elle est affichée sur la page publique.",
            "contact_phone": "Numéro d'accueil du public, affiché sur la page publique.",
        }
        labels = {
            "description": "Texte de présentation",
            "contact_email": "E-mail de contact public",
            "contact_phone": "Téléphone public",
        }
        error_messages = {
            "contact_email": {"invalid": "Saisissez une adresse e-mail valide, par exemple accueil@exemple.fr"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].validators.append(postcode_validator)
        self.fields["contact_phone"].validators.append(phone_validator)
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["postcode"].widget.attrs.update({"autocomplete": "postal-code", "inputmode": "numeric"})
        self.fields["contact_phone"].widget.input_type = "tel"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"


class LabelStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Nouveau statut",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez le nouveau statut.",
            "invalid_choice": "Choisissez un statut différent du statut actuel.",
        },
    )
    reason = forms.CharField(
        label="Motif",
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=LABEL_REASON_MIN_LENGTH,
        max_length=3000,
        help_text="Le motif est conservé dans l'historique de la structure et envoyé à ses référent·es.",
        error_messages={
            "required": "Écrivez le motif du changement : il est conservé dans l'historique.",
            "min_length": f"Expliquez le motif en au moins {LABEL_REASON_MIN_LENGTH} caractères.",
            "max_length": "Le motif ne peut pas dépasser 3 000 caractères.",
        },
    )

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in Structure.LabelStatus.choices if value != structure.label_status
        ]


class ProfileForm(forms.ModelForm):
    expertise = IdModelMultipleChoiceField(
        label="Mes domaines d'expertise",
        queryset=ExpertiseArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Ce que vous connaissez bien et que des collègues peuvent venir vous demander.",
        error_messages={
            "invalid_choice": "Choisissez des domaines de la liste.",
            "invalid_pk_value": "Choisissez des domaines de la liste.",
        },
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "phone", "expertise", "show_in_directory"]
        labels = {
            "first_name": "Prénom",
            "last_name": "Nom",
            "job_title": "Fonction",
            "phone": "Téléphone professionnel",
            "show_in_directory": "Apparaître dans l'annuaire des membres",
        }
        help_texts = {
            "job_title": "Par exemple : conseillère en évolution professionnelle, "
            "psychologue de l'Éducation nationale.",
            "phone": "Facultatif. Visible des membres du réseau dans l'annuaire.",
            "show_in_directory": "Les membres du réseau (et eux seuls) voient votre nom, votre structure, votre "
            "fonction, vos domaines d'expertise, votre adresse e-mail et votre téléphone.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["phone"].validators.append(phone_validator)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
