"""Every text of the house catalogue, for makemessages to find: the programs' data
migrations write them, programs.catalogue_words shows them in the lifter's language. A
migration that adds or renames one adds it here (tests/test_catalogue_words.py checks).
The contexts are programs.catalogue_words' own, written out: xgettext reads literals only,
and Django's makemessages knows pgettext_lazy as a keyword (it has no pgettext_noop)."""

from django.utils.translation import pgettext_lazy

HOUSE_TEXTS = [
    pgettext_lazy("exercise", "Back squat"),
    pgettext_lazy("set-up cue", "Bar on the upper back, hands just outside the shoulders."),
    pgettext_lazy(
        "set-up cue", "Feet shoulder-width, toes slightly out; knees track over the toes."
    ),
    pgettext_lazy("set-up cue", "Brace before each rep; sit down between the hips to full depth."),
    pgettext_lazy("exercise", "Belt squat"),
    pgettext_lazy("exercise", "Bulgarian split squat"),
    pgettext_lazy("exercise", "Deadlift"),
    pgettext_lazy("exercise", "Front squat"),
    pgettext_lazy("exercise", "Glute bridge"),
    pgettext_lazy("exercise", "Goblet squat"),
    pgettext_lazy("exercise", "Good morning"),
    pgettext_lazy("exercise", "Hack squat"),
    pgettext_lazy("exercise", "Heel-elevated squat"),
    pgettext_lazy("set-up cue", "Heels on a wedge or plates, feet close."),
    pgettext_lazy("set-up cue", "Knees travel well forward; torso stays upright."),
    pgettext_lazy("set-up cue", "Control the descent to full depth."),
    pgettext_lazy("exercise", "Hip abduction"),
    pgettext_lazy("exercise", "Hip adduction"),
    pgettext_lazy("exercise", "Hip thrust"),
    pgettext_lazy("set-up cue", "Upper back on a bench, bar padded over the hips."),
    pgettext_lazy("set-up cue", "Feet flat, shins vertical at the top."),
    pgettext_lazy("set-up cue", "Tuck the chin and lock out with the glutes, not the lower back."),
    pgettext_lazy("exercise", "Leg curl"),
    pgettext_lazy(
        "set-up cue", "Knee joint in line with the machine's pivot; pad just above the heels."
    ),
    pgettext_lazy("set-up cue", "Hips stay down on the pad."),
    pgettext_lazy("set-up cue", "Pause and squeeze at the top of every rep."),
    pgettext_lazy("exercise", "Leg extension"),
    pgettext_lazy("set-up cue", "Knee joint in line with the machine's pivot."),
    pgettext_lazy("set-up cue", "Pad on the lower shin, hold the handles, hips down."),
    pgettext_lazy("set-up cue", "Lift in about a second, lower in three."),
    pgettext_lazy("exercise", "Leg press"),
    pgettext_lazy("set-up cue", "Feet mid-platform, shoulder-width."),
    pgettext_lazy(
        "set-up cue",
        "Lower the sled until the hips are about to tuck; keep the lower back on the pad.",
    ),
    pgettext_lazy("set-up cue", "Do not lock the knees at the top."),
    pgettext_lazy("exercise", "Lying leg curl"),
    pgettext_lazy("exercise", "Nordic curl"),
    pgettext_lazy("exercise", "Pendulum squat"),
    pgettext_lazy("exercise", "Reverse lunge"),
    pgettext_lazy("exercise", "Romanian deadlift"),
    pgettext_lazy("set-up cue", "Soft knees, bar close to the legs."),
    pgettext_lazy(
        "set-up cue", "Push the hips back until the hamstrings stretch; the back stays flat."
    ),
    pgettext_lazy("set-up cue", "Stand up by squeezing the glutes, not by leaning back."),
    pgettext_lazy("exercise", "Seated calf raise"),
    pgettext_lazy("exercise", "Seated leg curl"),
    pgettext_lazy("exercise", "Single-leg curl"),
    pgettext_lazy("exercise", "Single-leg extension"),
    pgettext_lazy("exercise", "Single-leg press"),
    pgettext_lazy("exercise", "Sissy squat"),
    pgettext_lazy("exercise", "Smith machine squat"),
    pgettext_lazy("exercise", "Split squat"),
    pgettext_lazy("set-up cue", "Long stance, back heel up, torso tall."),
    pgettext_lazy(
        "set-up cue", "Lower straight down until the back knee nearly touches the floor."
    ),
    pgettext_lazy("set-up cue", "Front knee travels forward over the toes."),
    pgettext_lazy("exercise", "Standing calf raise"),
    pgettext_lazy("exercise", "Step-up"),
    pgettext_lazy("set-up cue", "Box at knee height or a little lower."),
    pgettext_lazy("set-up cue", "Whole foot on the box; drive through the heel of the top leg."),
    pgettext_lazy("set-up cue", "Do not push off the back foot."),
    pgettext_lazy("exercise", "Sumo deadlift"),
    pgettext_lazy("exercise", "Walking lunge"),
    pgettext_lazy("set-up cue", "Long step, torso tall."),
    pgettext_lazy(
        "set-up cue", "Back knee lowers to just above the floor; front knee over the midfoot."
    ),
    pgettext_lazy("set-up cue", "Push through the front heel into the next step."),
    pgettext_lazy("program", "Home gym: one leg extension/curl station"),
    pgettext_lazy("program", "Two-day leg split"),
    pgettext_lazy("day template", "Balance + Isolation"),
    pgettext_lazy(
        "day template purpose",
        "Structure + balance: targeted isolation, moderate reps, controlled tempo.",
    ),
    pgettext_lazy("day template", "Home gym: Balance + Isolation"),
    pgettext_lazy(
        "day template purpose",
        "Structure + balance on the one station: leg extensions, then leg curls.",
    ),
    pgettext_lazy("day template", "Home gym: Strength + Compounds"),
    pgettext_lazy(
        "day template purpose",
        "Power + skill at home: big lifts, lower reps, longer rest; no machine needed.",
    ),
    pgettext_lazy("day template", "Strength + Compounds"),
    pgettext_lazy("day template purpose", "Power + skill: big lifts, lower reps, longer rest."),
    pgettext_lazy("tempo", "Pause and squeeze at the top"),
    pgettext_lazy("tempo", "Slow, controlled: 3 seconds down"),
]
