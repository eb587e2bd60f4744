from django import forms

from .models import Preference

NOTIFICATION_FIELDS = [
    "notify_mentions",
    "notify_replies",
    "notify_review_decisions",
    "notify_reuse",
    "notify_deadlines",
]


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["digest", *NOTIFICATION_FIELDS]
        widgets = {"digest": forms.RadioSelect}

    def notification_fields(self):
        return [self[name] for name in NOTIFICATION_FIELDS]
