from django import forms


class AccountCloseForm(forms.Form):
    """Closing is final: the person types their password and says they understand."""

    password = forms.CharField(
        label="Votre mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Saisissez votre mot de passe pour confirmer."},
    )
    understood = forms.BooleanField(
        label="J'ai compris : mon nom et mon adresse disparaissent, mes écrits restent, signés « ancien·ne membre ».",
        error_messages={"required": "Cochez la case pour confirmer que vous avez compris."},
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError("Ce mot de passe n'est pas le bon.")
        return password
