from django import template

from programs.progress import Progress
from tracking.offline import phone_words as words

register = template.Library()


@register.simple_tag
def phone_words() -> dict[str, object]:
    return words()


@register.simple_tag
def progress_pattern(*, finished: bool, over: bool = False) -> Progress:
    """The session's progress as the server draws it, with {logged} and {planned} where
    the phone puts its own count of the sets it holds."""
    return Progress(logged="{logged}", planned="{planned}", finished=finished, over=over)  # type: ignore[arg-type]
