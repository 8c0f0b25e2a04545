"""Template tags for uploads: a responsive image, and an object's cover."""

from django import template
from django.contrib.contenttypes.models import ContentType

from .. import covers
from ..rendering import image_info

register = template.Library()


@register.inclusion_tag("files/includes/image.html")
def upload_image(upload, sizes="(max-width: 48rem) 100vw, 46rem", css_class=""):
    """``<img>`` of an upload's current version with srcset, width, height and lazy loading."""
    version = upload.current_version if upload else None
    if version is None or not version.width:
        return {"info": None}
    return {"info": image_info(upload, version), "sizes": sizes, "css_class": css_class,
            "alt": upload.description}


@register.simple_tag
def cover_for(obj):
    """``{% cover_for example as cover %}``: the object's live cover upload, or None."""
    return covers.cover_of(obj)


@register.inclusion_tag("files/includes/cover_form.html", takes_context=True)
def cover_form(context, obj, cover=None):
    """The form to set or remove ``obj``'s cover, for people allowed to (else nothing)."""
    entry = covers.coverable(type(obj))
    user = context["request"].user
    if entry is None or not entry.can_set(user):
        return {"show": False}
    return {
        "show": True, "obj": obj, "cover": cover, "csrf_token": context.get("csrf_token"),
        "content_type_id": ContentType.objects.get_for_model(obj).pk,
        "next": context["request"].get_full_path(),
    }
