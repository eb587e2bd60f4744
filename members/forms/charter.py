from django import forms

from ..models import CommitmentItem


class CharterVersionForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    effective_date = forms.DateField(
        label="Date d'entrée en vigueur",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="La version s'applique à partir de cette date, une fois publiée.",
    )
    body = forms.CharField(
        label="Texte de la charte",
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Mise en forme Markdown : ## Titre, **gras**, *italique*, listes avec « - », [lien](https://…).",
    )

    @classmethod
    def initial_from(cls, version):
        return {"title": version.title, "effective_date": version.effective_date, "body": version.body}


class CommitmentItemForm(forms.Form):
    code = forms.CharField(label="Code", max_length=12, help_text="Par exemple M1, C2.")
    title = forms.CharField(label="Intitulé", max_length=250)
    description = forms.CharField(
        label="Description", max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    category = forms.ChoiceField(
        label="Catégorie", choices=[("", "Choisissez une catégorie")] + CommitmentItem.Category.choices
    )
    position = forms.IntegerField(label="Ordre", min_value=0, max_value=32767, initial=0, required=False)


class BaseCommitmentItemFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.is_valid() or not form.cleaned_data or self._should_delete_form(form):
                continue
            code = form.cleaned_data["code"].strip()
            if code in seen:
                form.add_error("code", f"Le code {code} est déjà utilisé par un autre engagement de cette version.")
            seen.add(code)

    def items(self):
        """The rows kept, as dicts for the services; untouched extra rows are left out."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]


CommitmentItemFormSet = forms.formset_factory(
    CommitmentItemForm, formset=BaseCommitmentItemFormSet, extra=3, can_delete=True, max_num=60, validate_max=True
)


def item_initial(version):
    return [
        {
            "code": item.code,
            "title": item.title,
            "description": item.description,
            "category": item.category,
            "position": item.position,
        }
        for item in version.items.all()
    ]


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je confirme la publication : cette version ne pourra plus être modifiée.",
        error_messages={"required": "Cochez la case pour confirmer la publication."},
    )


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label="J'ai lu la charte et je m'engage au nom de ma structure",
        error_messages={"required": "Cochez la case pour confirmer que vous avez lu la charte et vous engagez."},
    )
