"""Spreadsheet import for Editors: upload a file, see what it would create and change row by row
(or which rows are wrong and why), then apply exactly that preview, or discard it. The preview is
stored on the server (``ExampleImport``); confirming sends only its id."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import conf, spreadsheets
from ..models import ExampleImport, ImportStatus
from ..templatetags.taxonomy_tags import field_label
from .edit import editor_required


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="CSV, XLSX or ODS, with a first row naming the columns (as in an export).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > conf.import_max_bytes():
            raise forms.ValidationError(
                f"The file is larger than {conf.import_max_bytes() // (1024 * 1024)} MB."
            )
        return upload


@editor_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            example_import = spreadsheets.preview(upload.read(), upload.name, request.user)
        except spreadsheets.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect(example_import)
    return render(request, "taxonomy/import_upload.html", {
        "form": form, "columns": spreadsheets.COLUMNS,
    })


@editor_required
def detail(request, pk):
    """The stored preview (or, once applied, what it did)."""
    example_import = get_object_or_404(ExampleImport.objects.select_related("user"), pk=pk)
    rows = [
        {**row, "changes": [(field_label(name), values) for name, values in row["changes"].items()]}
        for row in example_import.rows
    ]
    shown = [row for row in rows if row["action"] != "unchanged"]
    changes = example_import.changes.select_related("example", "user").order_by("pk")
    return render(request, "taxonomy/import_detail.html", {
        "example_import": example_import,
        "rows": shown,
        "counts": example_import.counts(),
        "errors": example_import.errors,
        "pending": example_import.status == ImportStatus.PENDING,
        "applying": example_import.status == ImportStatus.APPLYING,
        "recorded": list(changes[:500]),
    })


@require_POST
@editor_required
def confirm(request, pk):
    example_import = get_object_or_404(ExampleImport, pk=pk)
    try:
        spreadsheets.queue_apply(example_import, request.user)
    except spreadsheets.ImportRefused as refusal:
        messages.error(request, f"Nothing was imported: {refusal}")
    return redirect(example_import)


@require_POST
@editor_required
def discard(request, pk):
    example_import = get_object_or_404(ExampleImport, pk=pk)
    if spreadsheets.discard(example_import):
        messages.info(request, "The import was discarded; nothing changed.")
    return redirect("taxonomy:import")


@editor_required
def imports(request):
    page_obj = Paginator(ExampleImport.objects.select_related("user").defer("rows"),
                         30).get_page(request.GET.get("page"))
    return render(request, "taxonomy/imports.html", {"page_obj": page_obj})
