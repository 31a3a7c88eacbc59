"""Qt-free domain logic.

Clock, sitting tracker, reminder policy, exercises, settings, history, and the wording people
read (``wording.py``).
"""
