"""The settings model with each setting declared once, the value types, the schema derived
from them (validation, default file), migrations and line lookup.
"""
