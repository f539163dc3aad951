"""The athlete's data in and out: export to Strong's CSV and our JSON, import a history
from Strong, Hevy, FitNotes or our JSON, and deleting an account with everything in it."""
