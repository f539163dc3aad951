"""What the phone says about the sets it keeps while there is no network.

The scripts in static/js hold no words of their own: they read them from the page
(`phone_words()`, rendered by templates/tracking/_phone_words.html). A message the server
also says is read from the module that owns it, so changing it there changes the phone.
"""

from programs.numbers import DECIMAL_PATTERN
from tracking import forms, ticks, verdicts

WAITING_MARK = "Saved on this phone, waiting for the network to send it."
SET_NOT_ON_SERVER_MESSAGE = (
    "This set no longer exists on the server, so the change could not be saved."
)
REFUSED_MESSAGE = "The server refused this set."
STORAGE_FULL_MESSAGE = "This phone could not keep the set: its storage is full or blocked."
SETS_ONE, SETS_MANY = "{count} set", "{count} sets"
KEPT_COPY = "Opened with no network: this is the copy kept on this phone from {fetched}."
SETS_WAIT_FOR_NETWORK = "Sets you log are saved on this phone and sent when the network is back."
LOGOUT_NEEDS_NETWORK = "Logging out needs the network: try again with a signal."
LOGOUT_DELETES_ONE = (
    "{count} set is still waiting to be sent. "
    "Logging out deletes it from this phone. Log out anyway?"
)
LOGOUT_DELETES_MANY = (
    "{count} sets are still waiting to be sent. "
    "Logging out deletes them from this phone. Log out anyway?"
)


def phone_words() -> dict[str, object]:
    """Read at each render, not at import: the owners' constants as they are now."""
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
        },
    }
