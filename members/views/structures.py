from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from .. import permissions
from ..models import Structure


@login_not_required
def structure_directory(request):
    structures = Structure.objects.labelled().select_related("territory")
    return render(request, "members/structure_directory.html", {"structures": structures})


@login_not_required
def structure_detail(request, slug):
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=slug)
    if structure.label_status != Structure.LabelStatus.LABELLED and not request.actor.is_member:
        return render(request, "404.html", status=404)
    return render(
        request,
        "members/structure_detail.html",
        {
            "structure": structure,
            "can_manage_members": permissions.can_manage_structure_members(request.actor, structure),
        },
    )
