"""What the phone says about the sets it keeps while there is no network.

The scripts in static/js hold no words of their own: they read them from the page
(`phone_words()`, rendered by templates/tracking/_phone_words.html). A message the server
also says is read from the module that owns it, so changing it there changes the phone.
"""

from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from programs.numbers import DECIMAL_PATTERN
from tracking import calibration, forms, ticks, verdicts

WAITING_MARK = gettext_lazy("Saved on this phone, waiting for the network to send it.")
SET_NOT_ON_SERVER_MESSAGE = gettext_lazy(
    "This set no longer exists on the server, so the change could not be saved."
)
REFUSED_MESSAGE = gettext_lazy("The server refused this set.")
STORAGE_FULL_MESSAGE = gettext_lazy(
    "This phone could not keep the set: its storage is full or blocked."
)
# The phone picks one or the other by the count (words.js); languages with more plural
# forms than two would need ngettext's rule on the phone.
SETS_ONE = gettext_lazy("{count} set")
SETS_MANY = gettext_lazy("{count} sets")
KEPT_COPY = gettext_lazy(
    "Opened with no network: this is the copy kept on this phone from {fetched}."
)
SETS_WAIT_FOR_NETWORK = gettext_lazy(
    "Sets you log are saved on this phone and sent when the network is back."
)
LOGOUT_NEEDS_NETWORK = gettext_lazy("Logging out needs the network: try again with a signal.")
LOGOUT_DELETES_ONE = gettext_lazy(
    "{count} set is still waiting to be sent. "
    "Logging out deletes it from this phone. Log out anyway?"
)
LOGOUT_DELETES_MANY = gettext_lazy(
    "{count} sets are still waiting to be sent. "
    "Logging out deletes them from this phone. Log out anyway?"
)
# What the rest timer's notification says when the phone is in a pocket.
REST_OVER = gettext_lazy("Rest is over")
REST_OVER_BODY = gettext_lazy("Time for your next set.")


# Numbers no sentence holds, swapped for the placeholders the phone fills.
_SAID, _DID = 1001, 3004


def _outcome_pattern(*, said: int, did: int) -> str:
    """tracking.calibration's sentence for a test set, with {said}, {did} and {difference}
    where its numbers go: the phone fills the rule's own words."""
    text = calibration.test_set_outcome(predicted_rir=said, actual_rir=did)
    text = text.replace(str(said), "{said}", 1).replace(str(did), "{did}", 1)
    return text.replace(str(abs(did - said)), "{difference}")


def _in_language(value: object) -> object:
    """Lazy words turned into text in the request's language, so the phone speaks it."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: _in_language(item) for key, item in value.items()}
    return value


def phone_words() -> dict[str, object]:
    """Read at each render, not at import: the owners' constants as they are now, in the
    language of the request (the phone has no catalogue of its own)."""
    # The mark programs.numbers.shown_decimal writes ("102,5" in German), so a load the
    # phone writes (stepped, queued, a plate line) reads as the server's would.
    return _in_language(_words()) | {"decimalMark": get_format("DECIMAL_SEPARATOR")}


def _words() -> dict[str, object]:
    return {
        "waitingMark": WAITING_MARK,
        "repsRequired": forms.REPS_REQUIRED_MESSAGE,
        "bothLegs": forms.BOTH_LEGS_MESSAGE,
        "loadRequired": forms.LOAD_REQUIRED_MESSAGE,
        # What a load must look like: the queue refuses what the server would.
        "decimalPattern": DECIMAL_PATTERN,
        "sessionGone": ticks.SESSION_GONE_MESSAGE,
        "setNotOnServer": SET_NOT_ON_SERVER_MESSAGE,
        "refused": REFUSED_MESSAGE,
        "storageFull": STORAGE_FULL_MESSAGE,
        "setsOne": SETS_ONE,
        "setsMany": SETS_MANY,
        "keptCopy": KEPT_COPY,
        "setsWaitForNetwork": SETS_WAIT_FOR_NETWORK,
        "logoutNeedsNetwork": LOGOUT_NEEDS_NETWORK,
        "logoutDeletesOne": LOGOUT_DELETES_ONE,
        "logoutDeletesMany": LOGOUT_DELETES_MANY,
        "restOver": REST_OVER,
        "restOverBody": REST_OVER_BODY,
        "verdicts": {
            "hardSetMaxRir": verdicts.HARD_SET_MAX_RIR,
            "tooEasyMinRir": verdicts.TOO_EASY_MIN_RIR,
            "rep": dict(verdicts.RepVerdict.choices),
            "effort": dict(verdicts.EffortVerdict.choices),
            "below": verdicts.BELOW_RANGE_MESSAGE,
            "above": verdicts.ABOVE_RANGE_MESSAGE,
            "tooEasy": verdicts.TOO_EASY_MESSAGE,
            "atLimit": verdicts.AT_LIMIT_MESSAGE,
            "aboveTarget": verdicts.ABOVE_TARGET_MESSAGE,
            "good": verdicts.GOOD_SET_MESSAGE,
            "corrected": verdicts.CORRECTED_RIR_MESSAGE,
        },
        # A test set's outcome, by whether the lifter had more reps left than they said,
        # fewer, or as many.
        "testSet": {
            "more": _outcome_pattern(said=_SAID, did=_DID),
            "fewer": _outcome_pattern(said=_DID, did=_SAID),
            "spotOn": _outcome_pattern(said=_SAID, did=_SAID),
        },
    }
