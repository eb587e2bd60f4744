"""Forms of the library: share a resource, edit it, add a version, tell a reuse story. Every limit has its French
message; a file is checked (type by content, size, name) as soon as the form is cleaned."""

from django import forms
from django.core.exceptions import ValidationError

from members.models import Audience, Mission, Structure
from spro_portal.ids import IdModelChoiceField, IdModelMultipleChoiceField
from spro_portal.uploads import check_upload, max_bytes, megabytes, too_big_message

from ..models import Kind, Licence, Visibility
from ..models.resources import (
    LICENCE_EXPLANATIONS,
    RESOURCE_TITLE_MAX_LENGTH,
    STORY_FIELD_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
)
from ..services.forum import normalize_tags
from .forum import BODY_HELP, tags_field

LICENCE_CHOICES = [(value, f"{label} — {LICENCE_EXPLANATIONS[value]}") for value, label in Licence.choices]


def file_field(label, *, required):
    return forms.FileField(
        label=label,
        required=required,
        help_text=f"PDF, document bureautique (Word, Excel, PowerPoint, OpenDocument), image PNG ou JPEG, texte ou "
        f"CSV ; {megabytes(max_bytes())} Mo au plus.",
        error_messages={
            "required": "Choisissez le fichier à envoyer.",
            "empty": "Le fichier est vide.",
            "invalid": "Le fichier n'a pas été reçu : recommencez.",
        },
    )


def story_field(label, *, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=STORY_FIELD_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Ce champ est à remplir.",
            "max_length": f"Ce texte est trop long : {STORY_FIELD_MAX_LENGTH} caractères au plus.",
        },
    )


class CheckedFileMixin:
    """Keeps the check's result (`self.checked`), so the page can say what was refused and why."""

    checked = None

    def __init__(self, *args, oversized=(), **kwargs):
        """`oversized`: the fields whose file the upload handler dropped for being too big."""
        super().__init__(*args, **kwargs)
        self.oversized = oversized

    def full_clean(self):
        super().full_clean()
        if "file" in self.oversized and "file" in self.fields and hasattr(self, "cleaned_data"):
            self._errors.pop("file", None)
            self.add_error("file", too_big_message())

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                self.checked = check_upload(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return upload


class ResourceForm(CheckedFileMixin, forms.Form):
    title = forms.CharField(
        label="Titre",
        max_length=RESOURCE_TITLE_MAX_LENGTH,
        error_messages={
            "required": "Donnez un titre à la ressource.",
            "max_length": f"Le titre est trop long : {RESOURCE_TITLE_MAX_LENGTH} caractères au plus.",
        },
    )
    summary = forms.CharField(
        label="Présentation",
        max_length=SUMMARY_MAX_LENGTH,
        strip=False,
        help_text="À quoi sert-elle, pour quel public, comment s'en servir. " + BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Présentez la ressource en quelques lignes.",
            "max_length": f"La présentation est trop longue : {SUMMARY_MAX_LENGTH} caractères au plus.",
        },
    )
    kind = forms.ChoiceField(
        label="Sorte de ressource",
        choices=[("", "Choisissez")] + Kind.choices,
        error_messages={
            "required": "Choisissez la sorte de ressource.",
            "invalid_choice": "Cette sorte de ressource n'existe pas : choisissez-en une dans la liste.",
        },
    )
    file = file_field("Fichier", required=False)
    url = forms.URLField(
        label="Ou un lien",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="L'adresse d'une ressource en ligne, si vous ne joignez pas de fichier.",
        error_messages={
            "invalid": "Saisissez une adresse web complète commençant par http:// ou https://.",
            "max_length": "Cette adresse est trop longue : 500 caractères au plus.",
        },
    )
    note = forms.CharField(
        label="Note de version (facultatif)",
        required=False,
        max_length=500,
        error_messages={"max_length": "La note est trop longue : 500 caractères au plus."},
    )
    licence = forms.ChoiceField(
        label="Licence",
        choices=LICENCE_CHOICES,
        initial=Licence.CC_BY,
        widget=forms.RadioSelect,
        help_text="Ce que les autres ont le droit d'en faire. CC BY 4.0 convient à la plupart des outils du réseau.",
        error_messages={
            "required": "Choisissez une licence.",
            "invalid_choice": "Cette licence n'existe pas : choisissez-en une dans la liste.",
        },
    )
    missions = IdModelMultipleChoiceField(
        label="Missions",
        queryset=Mission.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Cette mission n'existe pas : choisissez-en une dans la liste."},
    )
    audiences = IdModelMultipleChoiceField(
        label="Publics",
        queryset=Audience.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Ce public n'existe pas : choisissez-en un dans la liste."},
    )
    tags = tags_field()
    co_authors = IdModelMultipleChoiceField(
        label="Structures co-autrices (facultatif)",
        queryset=Structure.objects.order_by("name"),
        required=False,
        help_text="Les structures qui ont construit la ressource avec la vôtre.",
        error_messages={
            "invalid_choice": "Cette structure n'existe pas : choisissez-en une dans la liste.",
            "invalid_pk_value": "Cette structure n'existe pas : choisissez-en une dans la liste.",
        },
    )
    derived_from = forms.IntegerField(
        label="Adaptée de la ressource n° (facultatif)",
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="Le numéro de la ressource d'origine, à la fin de son adresse (…/ressources/12/).",
        error_messages={
            "invalid": "Saisissez le numéro de la ressource d'origine (un nombre).",
            "min_value": "Ce numéro de ressource n'existe pas.",
            "max_value": "Ce numéro de ressource n'existe pas.",
        },
    )
    visibility = forms.ChoiceField(
        label="Visible par",
        choices=Visibility.choices,
        initial=Visibility.NETWORK,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez qui peut voir la ressource.",
            "invalid_choice": "Ce choix n'existe pas : prenez-en un dans la liste.",
        },
    )
    working_group = IdModelChoiceField(
        label="Groupe de travail",
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label="Aucun",
        help_text="Seulement si la ressource est réservée à un groupe.",
        error_messages={"invalid_choice": "Vous ne pouvez partager qu'avec un groupe dont vous êtes membre."},
    )

    def __init__(self, *args, groups, derivable, editing=None, **kwargs):
        """`groups`: the groups this person may share with; `derivable`: the resources they may name as origin;
        `editing`: the resource being edited (no file fields then: files change through versions)."""
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = groups
        self.derivable = derivable
        self.editing = editing
        if editing is not None:
            del self.fields["file"], self.fields["note"]
            if editing.has_file:
                del self.fields["url"]
            else:
                self.fields["url"].label = "Lien"
                self.fields["url"].required = True
                self.fields["url"].error_messages["required"] = "Donnez le lien de la ressource."

    def clean_tags(self):
        return normalize_tags(self.cleaned_data["tags"])

    def clean_derived_from(self):
        number = self.cleaned_data.get("derived_from")
        if number is None:
            return None
        origin = self.derivable.filter(pk=number).first()
        if origin is None:
            raise ValidationError("Aucune ressource que vous voyez ne porte ce numéro.")
        if self.editing is not None and origin.pk == self.editing.pk:
            raise ValidationError("Une ressource ne peut pas être adaptée d'elle-même.")
        return origin

    DESCRIPTION_FIELDS = (
        "title",
        "summary",
        "kind",
        "licence",
        "missions",
        "audiences",
        "tags",
        "co_authors",
        "derived_from",
        "visibility",
        "working_group",
    )

    def description(self):
        """What describes the resource, as the services take it (sharing and editing alike)."""
        return {name: self.cleaned_data[name] for name in self.DESCRIPTION_FIELDS}

    def clean(self):
        data = super().clean()
        if self.editing is None and not self.errors.get("file"):
            if data.get("file") and data.get("url"):
                self.add_error("url", "Joignez un fichier ou donnez un lien, pas les deux.")
            elif not data.get("file") and not data.get("url") and "url" not in self.errors:
                self.add_error("file", "Joignez un fichier ou donnez le lien de la ressource.")
        if data.get("visibility") == Visibility.GROUP and not data.get("working_group"):
            self.add_error("working_group", "Choisissez le groupe de travail avec lequel partager la ressource.")
        return data


class ResourceVersionForm(CheckedFileMixin, forms.Form):
    file = file_field("Nouveau fichier", required=True)
    note = forms.CharField(
        label="Ce qui a changé",
        max_length=500,
        help_text="Une phrase, par exemple « Ajout d'une grille pour les entretiens de groupe ».",
        error_messages={
            "required": "Dites en une phrase ce qui a changé dans cette version.",
            "max_length": "La note est trop longue : 500 caractères au plus.",
        },
    )


class ReuseStoryForm(forms.Form):
    context = story_field("Le contexte", help_text="Votre structure, le public, la situation.")
    adaptations = story_field("Ce que vous avez adapté", help_text="Ce que vous avez changé pour votre public.")
    outcome = story_field("Ce que cela a donné (facultatif)", required=False)
