"""Recent changes: every revision across the wiki, newest first, with filters.

Only revisions of pages the person may read are listed. Each row's size change is computed in
the database (length of the text minus its parent's), so neither text is ever loaded: the list
is one query however long the pages are.
"""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from wiki.models import Revision, normalise_tag

CHANGES_PER_PAGE = 50
SPANS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}


class ChangesFilter(forms.Form):
    person = forms.CharField(required=False, max_length=150, label="By person",
                             widget=forms.TextInput(attrs={"placeholder": "username"}))
    tag = forms.CharField(required=False, max_length=60, label="Tag")
    since = forms.ChoiceField(
        required=False, label="Time span",
        choices=[("", "Any time"), ("day", "Last day"), ("week", "Last week"),
                 ("month", "Last month")],
    )
    new = forms.BooleanField(required=False, label="New pages only")
    hide_imports = forms.BooleanField(required=False, label="Hide imports")
    # MediaWiki's watchlist view of recent changes; only offered to signed-in people.
    watched = forms.BooleanField(required=False, label="Pages I watch")

    def __init__(self, data=None, *, user):
        super().__init__(data)
        if not user.is_authenticated:
            del self.fields["watched"]

    def clean_tag(self):
        text = self.cleaned_data["tag"]
        if not text.strip():
            return ""
        try:
            return normalise_tag(text)[1]
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def filters(self):
        """Keyword arguments for ``Revision.objects.recent``; none when the form is invalid."""
        if not self.is_valid():
            return {}
        filters = dict(self.cleaned_data)
        span = SPANS.get(filters.pop("since"))
        return {**filters, "since": timezone.now() - span if span else None}


def recent_changes(request):
    form = ChangesFilter(request.GET or None, user=request.user)
    filters = form.filters()
    revisions = Revision.objects.recent(request.user, **filters)
    page_obj = Paginator(revisions, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "wiki/changes/recent.html", {
        "form": form,
        "page_obj": page_obj,
        "pagination_query": query.urlencode(),
        "filtered": bool(filters and any(filters.values())),
        "unknown_person": _unknown_person(filters.get("person")),
    })


def _unknown_person(username):
    """Say so when the person filter names nobody, rather than showing an unexplained empty list."""
    if not username:
        return ""
    exists = get_user_model().objects.filter(username__iexact=username).exists()
    return "" if exists else username
