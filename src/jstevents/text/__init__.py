"""Polish wording: dates, clock times, numbers, wrapping, alphabetical order, Markdown as text.

Every output writes these through the functions here, so the same fact reads the same
everywhere. Nothing here imports anything of jstevents but the model.
"""
