from django import forms
from django.core.validators import URLValidator

from spro_portal.uploads import check_upload, max_bytes, megabytes

from ..models.commitments import text_fingerprint

TEXT_LABEL = "Comment votre structure tient cet engagement"
INCOMPLETE = "Le formulaire est incomplet : rechargez la page, puis recommencez."
LINK_ERROR = "Saisissez une adresse web complète commençant par http:// ou https://."


class CommitmentsDraftForm(forms.Form):
    """All the texts of a commitment set, sent with every action of the commitments page (save, evidence, submit).

    `revision` says which save the form was read at; each `base_<item>` is the fingerprint of the text the form
    showed for that item, so that a save after someone else's merges item by item.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, commitments, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = commitments
        kept = kept or {}  # item id → a text to show instead of the saved one (a conflict the person resolves)
        for commitment in commitments:
            self.fields[self.field_name(commitment)] = forms.CharField(
                label=TEXT_LABEL,
                required=False,
                max_length=10000,
                initial=kept.get(commitment.item_id, commitment.text),
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.fields[self.base_name(commitment)] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=text_fingerprint(commitment.text)
            )

    @classmethod
    def of_saved(cls, *, commitments, revision, kept=None, prefix="draft"):
        """A bound form showing the saved texts (and `kept` ones), to which the page can add errors."""
        kept = kept or {}
        data = {f"{prefix}-revision": str(revision)}
        for commitment in commitments:
            data[f"{prefix}-{cls.field_name(commitment)}"] = kept.get(commitment.item_id, commitment.text)
            data[f"{prefix}-{cls.base_name(commitment)}"] = text_fingerprint(commitment.text)
        form = cls(data, commitments=commitments, prefix=prefix)
        form.is_valid()
        return form

    def clean(self):
        cleaned = super().clean()
        if "revision" in self.errors:  # a technical field: say what to do rather than what is wrong with it
            self._errors.pop("revision")
            self.add_error(None, INCOMPLETE)
        return cleaned

    @staticmethod
    def field_name(commitment):
        return f"text_{commitment.item_id}"

    @staticmethod
    def base_name(commitment):
        return f"base_{commitment.item_id}"

    def error_label(self, name):
        commitment = next(c for c in self.commitments if self.field_name(c) == name)
        return f"{commitment.item.code} — {commitment.item.title}"

    def add_item_error(self, item_id, message):
        commitment = next(c for c in self.commitments if c.item_id == item_id)
        self.add_error(self.field_name(commitment), message)

    def texts(self):
        """item id → text, as the service expects them."""
        return {commitment.item_id: self.cleaned_data[self.field_name(commitment)] for commitment in self.commitments}

    def bases(self):
        """item id → fingerprint of the text the form was based on."""
        return {commitment.item_id: self.cleaned_data[self.base_name(commitment)] for commitment in self.commitments}


class WebLinkField(forms.URLField):
    """Only http and https: a javascript: or data: link must never reach a page."""

    default_validators = [URLValidator(schemes=["http", "https"], message=LINK_ERROR)]


class _EvidenceForm(forms.Form):
    """Evidence for one commitment; its fields are named after it, as every item's forms sit on one page."""

    kind = ""

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, prefix=f"{self.kind}-{commitment.pk}", **kwargs)
        self.commitment = commitment

    def error_label(self, name):
        return f"{self.commitment.item.code}, {self.fields[name].label.lower()}"


class EvidenceLinkForm(_EvidenceForm):
    kind = "link"
    label = forms.CharField(label="Intitulé du lien", max_length=200)
    url = WebLinkField(
        label="Adresse (https://…)",
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": LINK_ERROR},
    )


class EvidenceFileForm(_EvidenceForm):
    kind = "file"
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
    """The confirmation box sent with the texts when the referent submits."""

    confirm = forms.BooleanField(
        label="Je confirme le dépôt de ces engagements au nom de ma structure pour relecture par la coordination.",
        error_messages={"required": "Cochez la case pour confirmer le dépôt."},
    )

    def error_label(self, name):
        return "Confirmation du dépôt"
