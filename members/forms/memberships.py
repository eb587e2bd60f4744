"""Forms about who belongs to a structure: sign-up as a join request, join requests, invitations, roles."""

from allauth.account.forms import SignupForm
from django import forms
from django.contrib.auth import password_validation
from django.db import transaction

from spro_portal.ids import IdModelChoiceField

from ..models import Invitation, JoinRequest, Membership, Structure, User
from ..services.memberships import MESSAGE_TOO_LONG, join_request_create


def structures_open_to_requests():
    return Structure.objects.exclude(label_status=Structure.LabelStatus.WITHDRAWN).select_related("territory")


class StructureChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.commune})"


def structure_field():
    return StructureChoiceField(
        label="Structure que vous souhaitez rejoindre",
        queryset=Structure.objects.none(),  # set per form: structures_open_to_requests()
        empty_label="Choisissez votre structure",
        error_messages={"invalid_choice": "Choisissez une structure de la liste."},
    )


def message_field():
    return forms.CharField(
        label="Message au ou à la référent·e (facultatif)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=JoinRequest.MESSAGE_MAX_LENGTH,
        help_text="1 000 caractères au plus.",
        error_messages={"max_length": MESSAGE_TOO_LONG},
    )


class JoinRequestSignupForm(SignupForm):
    """There is no open sign-up: creating an account is asking a structure to let you in."""

    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    structure = structure_field()
    message = message_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures_open_to_requests()

    def save(self, request):
        with transaction.atomic():
            user = super().save(request)
            user.first_name = self.cleaned_data["first_name"]
            user.last_name = self.cleaned_data["last_name"]
            user.save(update_fields=["first_name", "last_name"])
            join_request_create(
                user=user,
                structure=self.cleaned_data["structure"],
                message=self.cleaned_data["message"],
            )
        return user


class JoinRequestForm(forms.Form):
    structure = structure_field()
    message = message_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures_open_to_requests()


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail de la personne invitée")
    role = forms.ChoiceField(label="Rôle", choices=Membership.Role.choices, initial=Membership.Role.ADVISER)


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    password1 = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Confirmez le mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif password1:
            probe = User(
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Rôle",
        choices=Membership.Role.choices,
        error_messages={
            "required": "Choisissez un rôle.",
            "invalid_choice": "Ce rôle n'existe pas : choisissez conseiller·ère ou référent·e SPRO.",
        },
    )
