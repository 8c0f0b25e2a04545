"""/activity/: what changed since the person's last visit, and their digest choice."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import registry, visits
from .models import DigestSubscription


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestSubscription
        fields = ["frequency"]
        labels = {"frequency": "Email me a summary of this"}
        widgets = {"frequency": forms.RadioSelect}


def since_last_visit(user):
    """``(since, groups)`` for the person: remembered as their last visit in the database too."""
    since = visits.last_visit(user)
    visits.remember(user, since)
    return since, registry.collect(user, since)


@login_required
def index(request):
    since, groups = since_last_visit(request.user)
    digest = DigestSubscription.objects.filter(user=request.user).first()
    return render(request, "activity/index.html", {
        "since": since, "groups": groups,
        "digest_form": DigestForm(instance=digest or DigestSubscription(user=request.user)),
    })


@login_required
@require_POST
def digest(request):
    subscription, _ = DigestSubscription.objects.get_or_create(user=request.user)
    form = DigestForm(request.POST, instance=subscription)
    if form.is_valid():
        form.save()
        messages.success(request, "You will get no digest." if subscription.frequency == "off"
                         else f"You will get a {subscription.get_frequency_display().lower()} "
                              "digest by email when something changed.")
    else:
        messages.error(request, "Choose never, daily or weekly.")
    return redirect("activity:index")
