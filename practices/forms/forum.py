"""Forms of the forum: a new topic, a reply, an edit, « utile ». Every limit has its French message."""

from django import forms

from spro_portal.ids import IdModelChoiceField

from ..models import BODY_MAX_LENGTH, TAGS_MAX_LENGTH, TITLE_MAX_LENGTH, Category
from ..services.forum import normalize_tags

PREVIEW = "preview"  # name of the « Prévisualiser » submit button: the same form, shown back with its rendering

BODY_HELP = (
    "Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…), citations avec « > ». "
    "« @claire.martin » (le début de son adresse e-mail) prévient une collègue. "
    "Ni image ni script : le texte est nettoyé à l'affichage."
)


def body_field(label="Votre message"):
    return forms.CharField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        strip=False,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": "Le message est vide : écrivez quelques mots.",
            "max_length": f"Le message est trop long : {BODY_MAX_LENGTH} caractères au plus "
            "(il en compte %(show_value)d).",
        },
    )


def title_field():
    return forms.CharField(
        label="Titre de votre question",
        max_length=TITLE_MAX_LENGTH,
        help_text="Une phrase qui dit la situation, par exemple « Accueillir un jeune sorti sans diplôme en cours "
        "d'année ».",
        error_messages={
            "required": "Donnez un titre à votre sujet.",
            "max_length": f"Le titre est trop long : {TITLE_MAX_LENGTH} caractères au plus.",
        },
    )


def tags_field():
    return forms.CharField(
        label="Mots-clés (facultatif)",
        required=False,
        max_length=TAGS_MAX_LENGTH,
        help_text="Séparés par des virgules, cinq au plus : « VAE, décrochage ».",
        error_messages={"max_length": f"Trop de mots-clés : {TAGS_MAX_LENGTH} caractères au plus."},
    )


class TopicForm(forms.Form):
    category = IdModelChoiceField(
        label="Catégorie",
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label="Choisissez la catégorie",
        error_messages={
            "required": "Choisissez une catégorie.",
            "invalid_choice": "Cette catégorie n'existe pas : choisissez-en une dans la liste.",
        },
    )
    title = title_field()
    body = body_field("Détaillez la situation")
    tags = tags_field()
    is_confidential = forms.BooleanField(
        label="Publier au nom de ma structure, sans mon nom",
        required=False,
        help_text="Vos collègues liront « un·e conseiller·e » de votre type de structure ; seul·es les "
        "coordinateur·rices verront votre nom.",
    )

    def __init__(self, *args, may_be_confidential=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_be_confidential:
            del self.fields["is_confidential"]

    def clean_tags(self):
        return normalize_tags(self.cleaned_data["tags"])


class ReplyForm(forms.Form):
    body = body_field("Votre réponse")
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**62)


class PostEditForm(forms.Form):
    """The first post's edit also changes the topic's title and tags."""

    title = title_field()
    body = body_field()
    tags = tags_field()

    def __init__(self, *args, first_post=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not first_post:
            del self.fields["title"]
            del self.fields["tags"]

    def clean_tags(self):
        return normalize_tags(self.cleaned_data["tags"])


class ReactionForm(forms.Form):
    """`useful=1` says « utile », `useful=0` takes it back: sent twice, it changes nothing more."""

    useful = forms.TypedChoiceField(choices=[("1", "oui"), ("0", "non")], coerce=lambda value: value == "1")
