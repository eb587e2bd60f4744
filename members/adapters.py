"""The allauth account adapter: the one place where allauth's flow hands over to the members app's services."""

from spro_portal.account_adapter import AccountAdapter as SiteAccountAdapter

from .services.memberships import join_request_notify_verified


class AccountAdapter(SiteAccountAdapter):
    def confirm_email(self, request, email_address):
        """A join request reaches the structure's referents only once its author's address is verified."""
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            join_request_notify_verified(user=email_address.user)
        return confirmed
