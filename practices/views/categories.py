"""Coordinators create and adapt the forum's categories."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from ..forms.categories import CategoryForm
from ..models import Category
from ..permissions import forum as permissions
from ..permissions import members_only
from ..services import ServiceError
from ..services import categories as services


@members_only
def category_create(request):
    permissions.ensure_can_manage_categories(request.actor)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category = services.category_create(**form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"La catégorie « {category.name} » est créée.")
            return redirect(category)
    return render(request, "practices/category_form.html", {"form": form, "category": None})


@members_only
def category_edit(request, slug):
    permissions.ensure_can_manage_categories(request.actor)
    category = get_object_or_404(Category, slug=slug)
    form = CategoryForm(request.POST or None, initial=CategoryForm.initial_from(category))
    if request.method == "POST" and form.is_valid():
        try:
            services.category_update(category=category, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "La catégorie est enregistrée.")
            return redirect(category)
    return render(request, "practices/category_form.html", {"form": form, "category": category})
