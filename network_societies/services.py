"""Forms and the admin as clients of the apps' service functions.

``apply_change`` runs a service call for a form: a refusal becomes form errors, an edit conflict
rebinds the form (``network_societies.merging``). ``ServiceAdmin`` is a ModelAdmin whose add and
change forms call the same service functions as the site (history, redirects, re-rendering,
re-indexing, moderation log).

Django's admin validates a form, then saves it with ``save_model``, where a refusal could only be
a 500. Here validating *is* applying: the admin form's ``is_valid()`` ends by calling the
ModelAdmin's ``apply(request, form)``, which calls the service inside a savepoint and turns a
refusal into form errors (returning False), so the admin shows the form again with the message.
``save_model`` and ``save_related`` then have nothing left to do. Fields only a service may
change belong in ``readonly_fields``.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError

from .merging import EditConflict


class ServiceAdmin(admin.ModelAdmin):
    def apply(self, request, form):
        """Make the change through the app's services; return False after adding form errors
        on a refusal. ``form.instance`` must end as the saved object (the admin redirects to
        it and logs it)."""
        raise NotImplementedError

    add_only_fields = ()  # form fields shown when adding only
    hidden_fields = ()  # form fields the admin never shows

    def get_fields(self, request, obj=None):
        skip = set(self.hidden_fields) | (set(self.add_only_fields) if obj else set())
        return [name for name in super().get_fields(request, obj) if name not in skip]

    def get_form(self, request, obj=None, **kwargs):
        # The form class's own fields, whatever the page shows (get_fields), so its services get
        # every value they expect.
        kwargs["fields"] = None
        form_class = super().get_form(request, obj, **kwargs)
        model_admin = self

        class AppliedForm(form_class):
            def is_valid(self):
                return super().is_valid() and model_admin.apply(request, self)

        AppliedForm.__name__ = form_class.__name__
        return AppliedForm

    def save_form(self, request, form, change):
        return form.instance  # saved by apply(), through the services

    def save_model(self, request, obj, form, change):
        pass

    def save_related(self, request, form, formsets, change):
        # Inlines of these admins are read-only and many-to-many went through the service:
        # nothing to save, but the admin's change message asks each formset what it saved.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def has_delete_permission(self, request, obj=None):
        return False  # deleting bypasses history; the apps retire, hide or recycle instead


def add_errors(form, error):
    """Put a refusal's messages on the fields they name, or above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, getattr(error, "messages", None) or str(error))


def apply_change(form, change, *, refusals=(), conflict_message=False):
    """Call ``change()`` for ``form``; return whether it went through. A ValidationError (or one
    of ``refusals``) becomes form errors; an EditConflict keeps the person's input in the form,
    now based on the version saved meanwhile (with a message above it if ``conflict_message``,
    where no conflict screen is shown)."""
    try:
        change()
    except (ValidationError, *refusals) as error:
        add_errors(form, error)
        return False
    except EditConflict as conflict:
        form.keep_after_conflict(conflict, message=conflict_message)
        return False
    return True
