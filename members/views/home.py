from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from .. import permissions
from ..models import JoinRequest, Structure
from ..permissions.reviews import commitment_sets_visible_to
from ..services.commitments import referent_todo


@login_not_required
def home(request):
    actor = request.actor
    if not actor.is_authenticated:
        labelled = Structure.objects.labelled()
        return render(
            request,
            "members/home_public.html",
            {
                "structure_count": labelled.count(),
                "territory_count": labelled.values("territory").distinct().count(),
            },
        )
    pending_requests = JoinRequest.objects.filter(user=actor.user, status=JoinRequest.Status.PENDING).select_related(
        "structure"
    )
    return render(
        request,
        "members/home_member.html",
        {
            "join_requests_to_decide": permissions.join_requests_visible_to(actor)[:20],
            "my_pending_requests": pending_requests,
            "can_ask_to_join": permissions.can_ask_to_join(actor),
            "charter_todo": referent_todo(actor),
            "review_todo": commitment_sets_visible_to(actor).awaiting_review(),
        },
    )
