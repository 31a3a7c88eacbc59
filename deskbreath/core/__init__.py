"""Qt-free domain logic: clock, sitting tracker, reminder policy, exercises, settings, history,
and the wording people read (``wording.py``).
"""
