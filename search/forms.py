"""The search page's form: the query, the result type and the filters apps registered
(search.registry); the query text itself is parsed leniently by search.query."""

from django import forms

from . import registry


def type_choices():
    return [("", "Everything"), *((t.name, t.label) for t in registry.types())]


def filter_field(search_filter):
    """A select for a filter with choices, a slug for any other (set from a link, shown as a
    chip)."""
    label = search_filter.label
    if search_filter.choices is None:
        return forms.SlugField(required=False, label=label, max_length=100, allow_unicode=True)
    return forms.ChoiceField(
        required=False, label=label,
        choices=lambda: [("", f"Any {label.lower()}"), *search_filter.choices()],
    )


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Search for", strip=True)
    type = forms.ChoiceField(required=False, label="In", choices=type_choices)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data, **kwargs):
        names = [*self.base_fields, *(f.param for f in registry.filters())]
        # NUL bytes would make the form refuse the whole search; drop them instead.
        cleaned = {key: data.get(key, "").replace("\x00", "") for key in names}
        super().__init__(cleaned, **kwargs)
        for search_filter in registry.filters():
            self.fields[search_filter.param] = filter_field(search_filter)

    def filter_values(self):
        """Valid filters only: a bad one is reported by the form and ignored by the search."""
        data = getattr(self, "cleaned_data", {})
        return {
            "search_type": data.get("type") or "",
            "filters": {f.param: data.get(f.param) or "" for f in registry.filters()},
            "page_number": data.get("page") or 1,
        }

    @property
    def filtered(self):
        """Whether the person narrowed the search (by type or any filter)."""
        return any(self.data.get(name) for name in ["type", *(f.param for f in registry.filters())])
