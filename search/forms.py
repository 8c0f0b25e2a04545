"""The search page's filters; the query text itself is parsed leniently by search.query."""

from django import forms

from .results import SCALES, SEARCH_TYPES


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Search for", strip=True)
    type = forms.ChoiceField(
        required=False, label="In", choices=[("", "Everything"), *SEARCH_TYPES.items()]
    )
    scale = forms.ChoiceField(
        required=False, label="Scale", choices=[("", "Any scale"), *SCALES.items()]
    )
    tag = forms.SlugField(required=False, label="Tag", max_length=100, allow_unicode=True)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data, **kwargs):
        # NUL bytes would make the form refuse the whole search; drop them instead.
        cleaned = {key: data.get(key, "").replace("\x00", "") for key in self.base_fields}
        super().__init__(cleaned, **kwargs)

    def filter_values(self):
        """Valid filters only: a bad one is reported by the form and ignored by the search."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "search_type": data.get("type") or "",
            "scale": data.get("scale") or "",
            "tag": data.get("tag") or "",
            "page_number": data.get("page") or 1,
        }
