from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def viewer_url(context, page: str, **kwargs) -> str:
    """{% viewer_url 'week' iso_week=w %}: the URL of the page, in the looker's copy."""
    return context["viewer"].url(page, **kwargs)
