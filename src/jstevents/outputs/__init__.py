"""What jstevents writes: pure functions from the model to text or bytes.

Nothing here reads or writes the project's state or decides where a file goes: the
commands do. Each output kind is declared once in `registry`.
"""
