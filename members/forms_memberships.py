"""Forms of the membership management page."""

from django import forms

from .models import Membership


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Rôle",
        choices=Membership.Role.choices,
        error_messages={
            "required": "Choisissez un rôle.",
            "invalid_choice": "Ce rôle n'existe pas : choisissez conseiller·ère ou référent·e SPRO.",
        },
    )
