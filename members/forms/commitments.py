from django import forms
from django.core.validators import URLValidator

from spro_portal.uploads import check_upload, max_bytes, megabytes

TEXT_LABEL = "Comment votre structure tient cet engagement"
FORM_ID = "commitments-draft"  # the textareas sit beside each item's evidence forms, outside the <form> element
INCOMPLETE = "Le formulaire est incomplet : rechargez la page, puis recommencez."
LINK_ERROR = "Saisissez une adresse web complète commençant par http:// ou https://."


class CommitmentsDraftForm(forms.Form):
    """All the texts of a commitment set, saved at once; `revision` detects someone else's save in between."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = commitments
        for commitment in commitments:
            self.fields[self.field_name(commitment)] = forms.CharField(
                label=TEXT_LABEL,
                required=False,
                max_length=10000,
                initial=commitment.text,
                widget=forms.Textarea(attrs={"rows": 6, "form": FORM_ID}),
            )

    def clean(self):
        cleaned = super().clean()
        if "revision" in self.errors:
            self.add_error(None, INCOMPLETE)
        return cleaned

    @staticmethod
    def field_name(commitment):
        return f"text_{commitment.item_id}"

    def texts(self):
        """item id → text, as the service expects them."""
        return {commitment.item_id: self.cleaned_data[self.field_name(commitment)] for commitment in self.commitments}


class WebLinkField(forms.URLField):
    """Only http and https: a javascript: or data: link must never reach a page."""

    default_validators = [URLValidator(schemes=["http", "https"], message=LINK_ERROR)]


class EvidenceLinkForm(forms.Form):
    label = forms.CharField(label="Intitulé du lien", max_length=200)
    url = WebLinkField(
        label="Adresse (https://…)",
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": LINK_ERROR},
    )


class EvidenceFileForm(forms.Form):
    label = forms.CharField(label="Intitulé du fichier", max_length=200)
    file = forms.FileField(
        label="Fichier",
        error_messages={"required": "Choisissez un fichier.", "empty": "Le fichier est vide."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "PDF, images PNG/JPEG, documents bureautiques (Word, Excel, PowerPoint, OpenDocument), texte ou CSV ; "
            f"{megabytes(max_bytes())} Mo au plus."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload


class SubmitForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.BooleanField(
        label="Je confirme le dépôt de ces engagements au nom de ma structure pour relecture par la coordination.",
        error_messages={"required": "Cochez la case pour confirmer le dépôt."},
    )
